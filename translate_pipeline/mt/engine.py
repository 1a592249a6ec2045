"""The one interface every MT engine implements, batch first like CTranslate2."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence


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
        """Return, for each input text, up to ``n_best`` hypotheses, best first."""
        ...
