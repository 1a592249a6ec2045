"""What a pre-translation source (TM, MT + glossary) proposes for one entry."""
from __future__ import annotations

from dataclasses import dataclass

from translate_pipeline.mt.engine import Engine, Hypothesis

QA = "QA"


@dataclass(frozen=True)
class Suggestion:
    """A draft for one segment, or (``error`` set, ``text`` empty) why the source has none.

    A failed suggestion fills nothing: the entry stays untranslated with a ``QA`` note.
    """

    text: str
    origin: str  # "mt" or "tm"
    provenance: str  # goes to the entry's "Origin:" annotation
    fuzzy: bool = True  # machine output is always a draft unless the project trusts it
    notes: tuple[tuple[str, str], ...] = ()  # extra (annotation key, value) lines
    raw_mt: str | None = None  # unedited engine output, for post-editing metrics
    error: str | None = None  # the engine failed on this segment only


def suggestion_from(engine: Engine, best: Hypothesis | None, notes: tuple[tuple[str, str], ...] = ()) -> Suggestion | None:
    """A fuzzy :class:`Suggestion` for one hypothesis (None for empty output).

    A hypothesis cut at the length limit, translated in pieces or still looping after the retry is
    still offered -- a draft -- but says so in ``QA`` notes; a failed one becomes a failed suggestion.
    """
    if best is None:
        return None
    provenance = f"MT {engine.provenance}"
    if best.error:
        return Suggestion("", "mt", provenance, notes=notes, error=best.error)
    if not best.text.strip():
        return None
    qa = list(best.notes)
    if best.truncated:
        qa.append("MT output truncated at the decoding length limit")
    notes = notes + tuple((QA, note) for note in qa)
    return Suggestion(best.text, "mt", provenance, fuzzy=True, notes=notes, raw_mt=best.text)
