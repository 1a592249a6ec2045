"""What a pre-translation source (TM, MT + glossary) proposes for one entry."""
from __future__ import annotations

from dataclasses import dataclass

from translate_pipeline.mt.engine import Engine, Hypothesis


@dataclass(frozen=True)
class Suggestion:
    text: str
    origin: str  # "mt" or "tm"
    provenance: str  # goes to the entry's "Origin:" annotation
    fuzzy: bool = True  # machine output is always a draft unless the project trusts it
    notes: tuple[tuple[str, str], ...] = ()  # extra (annotation key, value) lines
    raw_mt: str | None = None  # unedited engine output, for post-editing metrics


def suggestion_from(engine: Engine, best: Hypothesis | None, notes: tuple[tuple[str, str], ...] = ()) -> Suggestion | None:
    """A fuzzy :class:`Suggestion` for one hypothesis (None for empty output).

    A hypothesis cut at the length limit is still offered -- a draft -- but says so in a QA note.
    """
    if best is None or not best.text.strip():
        return None
    if best.truncated:
        notes = notes + (("QA", "MT output truncated at the decoding length limit"),)
    return Suggestion(best.text, "mt", f"MT {engine.provenance}", fuzzy=True, notes=notes, raw_mt=best.text)
