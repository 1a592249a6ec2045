"""The one interface every MT engine implements, batch first like CTranslate2."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

ProgressFn = Callable[[float], None]  # called with the number of segments just finished


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation of one segment."""

    text: str
    score: float  # engine score, higher is better (CTranslate2: length-normalized log-prob)
    truncated: bool = False  # decoding hit the length limit: never publish unflagged


class Engine(Protocol):
    """Translates batches of segments from ``source`` to ``target``."""

    source: str
    target: str

    @property
    def provenance(self) -> str:
        """Human-readable origin for PO comments, e.g. ``argos translate-ru_en 1.9 (ru→en)``."""
        ...

    def translate_batch(self, texts: Sequence[str], n_best: int = 1) -> list[list[Hypothesis]]:
        """Return, for each input text, up to ``n_best`` hypotheses, best first.

        Real engines also accept ``progress=ProgressFn``; use :func:`translate` to
        call any engine (test fakes included) with an optional progress callback.
        """
        ...


def translate(engine: Engine, texts: Sequence[str], n_best: int = 1,
              progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
    """``engine.translate_batch``, passing ``progress`` only to engines that take it."""
    if progress is not None and "progress" in inspect.signature(engine.translate_batch).parameters:
        return engine.translate_batch(texts, n_best=n_best, progress=progress)  # type: ignore[call-arg]
    return engine.translate_batch(texts, n_best=n_best)
