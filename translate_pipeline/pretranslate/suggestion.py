"""What a pre-translation source (TM, MT + glossary) proposes for one entry."""
from __future__ import annotations

from dataclasses import dataclass

from translate_pipeline.catalog.provenance import Key, Origin, Provenance
from translate_pipeline.mt.engine import Engine, Hypothesis


@dataclass(frozen=True)
class Suggestion:
    """A draft for one segment, or (``error`` set, ``text`` empty) why the source has none.

    A failed suggestion fills nothing: the entry stays untranslated with a ``QA`` note.
    """

    text: str
    provenance: Provenance  # the managed lines it writes: Origin, MT-raw (MT only), notes
    fuzzy: bool = True  # machine output is always a draft unless the project trusts it
    error: str | None = None  # the engine failed on this segment only

    @property
    def origin(self) -> Origin | None:
        """Which source proposed it (:attr:`Origin.MT` or :attr:`Origin.TM`)."""
        return self.provenance.origin


def suggestion_from(engine: Engine, best: Hypothesis | None, notes: tuple[tuple[Key, str], ...] = ()) -> Suggestion | None:
    """A fuzzy :class:`Suggestion` for one hypothesis (None for none); ``notes`` are
    extra (key, value) lines (the glossary's).  Empty output is a failed suggestion: the segment
    stays unfilled and counts against ``--require-mt``.

    A hypothesis cut at the length limit, translated in pieces or still looping after the retry is
    still offered -- a draft -- but says so in ``QA`` notes; a failed one becomes a failed suggestion.
    """
    if best is None:
        return None
    error = best.error or ("" if best.text.strip() else "empty MT output: the engine returned no text")
    if error:
        return Suggestion("", Provenance.from_mt(engine.provenance, notes=notes), error=error)
    qa = list(best.notes)
    if best.truncated:
        qa.append("MT output truncated at the decoding length limit")
    notes = notes + tuple((Key.QA, note) for note in qa)
    # The draft without the spaces at its ends (the source has none); MT-raw keeps the output as it was.
    return Suggestion(best.text.strip(), Provenance.from_mt(engine.provenance, best.text, notes), fuzzy=True)
