"""The one interface every MT engine implements, batch first like CTranslate2."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

ProgressFn = Callable[[float], None]  # called with the number of input segments just finished


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation of one segment, or why there is none.

    ``notes`` are QA notes for the PO entry (split into pieces, repetition left);
    ``error`` is set, with an empty ``text``, when the engine failed on this segment only.
    """

    text: str
    score: float  # engine score, higher is better (CTranslate2: length-normalized log-prob)
    truncated: bool = False  # decoding hit the length limit: never publish unflagged
    notes: tuple[str, ...] = ()
    error: str = ""


def failed(message: str) -> list[Hypothesis]:
    """The result of a segment the engine could not translate."""
    return [Hypothesis("", float("-inf"), error=message)]


class Engine(ABC):
    """Translates batches of segments from ``source`` to ``target``.

    Subclasses implement :meth:`translate_batch` and :attr:`provenance`; ``identity``
    and ``decode_settings`` key the persistent cache (:mod:`.cache`).
    """

    source: str
    target: str

    @property
    @abstractmethod
    def provenance(self) -> str:
        """Human-readable origin for PO comments, e.g. ``argos translate-ru_en 1.9 (ru→en)``."""

    @property
    def identity(self) -> str:
        """What makes this model's output what it is (path, version, file size and mtime)."""
        return self.provenance

    @property
    def decode_settings(self) -> Mapping[str, object]:
        """Settings that change the output (beam, penalties …), for cache keys."""
        return {}

    @abstractmethod
    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        """For each input text, up to ``n_best`` hypotheses, best first.

        A segment the engine fails on gets :func:`failed` (one hypothesis with ``error``);
        the others are still translated.  ``progress(n)`` is called as segments finish,
        ``n`` summing to ``len(texts)``.
        """
