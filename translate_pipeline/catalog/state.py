"""The state of a PO entry: one definition for every stage (merge, TM, MT, QA, stats, publish).

The states follow GNU gettext (``msgfmt --statistics``, PO files manual §3.4
"Fuzzy Entries"): an entry is *translated* when it has a translation and no
``fuzzy`` flag, *fuzzy* when a translation is flagged ``fuzzy``, *untranslated*
when it has none, and *obsolete* when it is kept as ``#~`` only.  A plural
entry (``msgid_plural``) has a translation when it has text in at least one
``msgstr[n]`` and counts as translated only when every form has text: a
half-translated plural cannot be published.  The header (empty msgid) is no
entry of the article and has the state :attr:`EntryState.HEADER`.
"""
from __future__ import annotations

import enum

import polib


class EntryState(str, enum.Enum):
    TRANSLATED = "translated"  # reviewed: signed off by a translator (or a trusted TM match)
    FUZZY = "fuzzy"  # a draft (MT, TM, merged from a similar sentence) waiting for review
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"
    HEADER = "header"

    @property
    def live(self) -> bool:
        """A sentence of the article (not obsolete, not the header)."""
        return self in (EntryState.TRANSLATED, EntryState.FUZZY, EntryState.UNTRANSLATED)


def translations(entry: polib.POEntry) -> list[str]:
    """The entry's translation texts: ``[msgstr]``, or the ``msgstr[n]`` forms in order for a plural entry."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def has_translation(entry: polib.POEntry) -> bool:
    """Some translation text is there (whatever its state): the merge must keep it."""
    return any(text for text in translations(entry))


def entry_state(entry: polib.POEntry) -> EntryState:
    """The entry's :class:`EntryState` (see the module docstring for the rules)."""
    if entry.obsolete:
        return EntryState.OBSOLETE
    if not entry.msgid and not entry.msgctxt:
        return EntryState.HEADER
    forms = translations(entry)
    if not any(forms):
        return EntryState.UNTRANSLATED
    if "fuzzy" in entry.flags:
        return EntryState.FUZZY
    return EntryState.TRANSLATED if all(forms) else EntryState.UNTRANSLATED


def is_reviewed(entry: polib.POEntry) -> bool:
    """A translator's signed-off work: what no command may overwrite or drop."""
    return entry_state(entry) is EntryState.TRANSLATED


def entry_index(po: polib.POFile) -> dict[str, polib.POEntry]:
    """The catalog's live entries by msgid (the pipeline writes no msgctxt): a sentence → its entry."""
    return {e.msgid: e for e in po if entry_state(e).live and not e.msgctxt}
