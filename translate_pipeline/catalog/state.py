"""Where a PO entry stands: one definition for every stage (merge, TM, MT, QA, stats, publish).

:func:`entry_status` is the one place that reads an entry's state: the gettext state below,
its machine origin (:mod:`.provenance`), what ``stats`` counts it as (:class:`Authorship`) and,
for an MT draft, whether a translator touched it and whether today's MT would write it the same
way (:class:`MTDraft`).  Readiness (``review/readiness``), the ``stats`` columns and the publish
statuses (``publish/assemble``) are all derived from it.

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
from dataclasses import dataclass

import polib

from translate_pipeline.catalog.mt_state import MTState, short_hash
from translate_pipeline.catalog.provenance import Key, MTRecord, Origin, Provenance


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


class Authorship(str, enum.Enum):
    """What the current msgstr is, as ``stats`` counts it (its ``origin`` columns); of a reviewed
    entry, the post-editing split (MT accepted as is / MT post-edited / TM / written by a person)."""

    HUMAN = "human"  # reviewed and no machine origin: a translator's (from scratch, or an old translation)
    TM = "tm"  # filled from the translation memory (reviewed since or not), by its Origin line
    MT = "mt"  # machine translation as the machine wrote it (reviewed: accepted as is), by its Origin line
    POST_EDITED = "post-edited"  # machine translation a person changed since (reviewed or not)
    DRAFT = "draft"  # unreviewed, of no machine origin: e.g. an old translation merged in as fuzzy
    UNTRANSLATED = "untranslated"  # no translation text at all


class MTDraft(str, enum.Enum):
    """Where a live MT draft stands (``translate --refresh-mt`` and ``stats`` ask)."""

    EDITED = "edited"  # a translator changed the msgstr, removed fuzzy or commented: never redone by MT
    STALE = "stale"  # untouched, but made by another route, model or glossary state than today's
    CURRENT = "current"  # untouched and made exactly as today's run would make it


@dataclass(frozen=True)
class EntryStatus:
    """Everything the pipeline says about where one entry stands (see :func:`entry_status`)."""

    state: EntryState
    provenance: Provenance  # the entry's managed #. lines
    authorship: Authorship
    untouched_mt: bool | None  # a live MT draft exactly as the machine wrote it; None: no live MT draft

    @property
    def origin(self) -> Origin | None:
        return self.provenance.origin

    @property
    def reviewed(self) -> bool:
        """A translator's signed-off work: what no command may overwrite or drop."""
        return self.state is EntryState.TRANSLATED

    def mt_draft(self, today: MTState | None = None) -> MTDraft | None:
        """:class:`MTDraft` of a live MT draft, None for any other entry.

        ``today`` is what a draft of the entry's msgid made now records; None (no model for the
        pair today) leaves untouched drafts ``current``: nothing could redo them.
        """
        if self.untouched_mt is None:
            return None
        if not self.untouched_mt:
            return MTDraft.EDITED
        if today is None or today.made(self.provenance.first(Key.ORIGIN), self.provenance.mt_record or MTRecord()):
            return MTDraft.CURRENT
        return MTDraft.STALE


def machine_text(entry: polib.POEntry, provenance: Provenance) -> bool | None:
    """Whether the msgstr of an MT draft is the one the machine wrote: its ``MT-state`` draft hash
    when there is one, else (drafts older than ``MT-state``) equality with ``MT-raw`` up to
    whitespace; None when the lines tell neither."""
    record = provenance.mt_record or MTRecord()
    if record.draft is not None:
        return record.draft == short_hash(entry.msgstr)
    if provenance.mt_raw is not None:
        return " ".join(entry.msgstr.split()) == " ".join(provenance.mt_raw.split())
    return None


def entry_status(entry: polib.POEntry) -> EntryStatus:
    """The entry's :class:`EntryStatus`.

    Authorship: no translation text → untranslated; an ``Origin`` line naming TM → tm; naming
    MT → mt while the msgstr is what the machine wrote (:func:`machine_text`; unknown counts as
    mt), post-edited once a person changed it (reviewed or not); otherwise a fuzzy entry is a
    ``draft`` (nobody reviewed it, so it is not a person's work: the merge drops the Origin
    line when it carries an old translation over) and any other one ``human``.  An MT draft is
    untouched while its msgstr is the machine's (known, not merely unknown), it is still fuzzy
    and has no translator comment.
    """
    state = entry_state(entry)
    provenance = Provenance.of(entry)
    origin = provenance.origin
    same_text = machine_text(entry, provenance) if origin is Origin.MT and entry.msgstr else None
    if not has_translation(entry):
        authorship = Authorship.UNTRANSLATED
    elif origin is Origin.TM:
        authorship = Authorship.TM
    elif origin is Origin.MT:
        authorship = Authorship.POST_EDITED if same_text is False else Authorship.MT
    else:
        authorship = Authorship.DRAFT if state is EntryState.FUZZY else Authorship.HUMAN
    untouched = None
    if not entry.obsolete and entry.msgstr and origin is Origin.MT:
        untouched = bool(same_text) and entry.fuzzy and not entry.tcomment.strip()
    return EntryStatus(state, provenance, authorship, untouched)
