"""Merge a fresh template into a language catalog, msgmerge-style, losing nothing.

The central promise: a translator's reviewed msgstr and comments are never
overwritten or dropped.  Entries are identified as gettext identifies them,
by (msgctxt, msgid); the template's entries have no msgctxt, so an entry a
translator or another tool added with a context, or with a plural
(``msgid_plural`` / ``msgstr[n]``), is kept as it is (obsolete when its
sentence is not in the article).  Unchanged sentences keep translation and
state; a changed sentence gets its closest old translation as ``fuzzy`` with
the old msgid as ``#|``; a removed sentence becomes obsolete (``#~``) and is
revived when it returns.  :func:`assert_nothing_lost` checks the promise on
every merge before anything is written.
"""
from __future__ import annotations

import copy

import polib
from rapidfuzz import fuzz, process

from translate_pipeline.catalog.provenance import Provenance, compose
from translate_pipeline.catalog.state import entry_status, has_translation, is_reviewed, translations
from translate_pipeline.catalog.template import TemplateEntry
from translate_pipeline.core.errors import PipelineError

FUZZY_CUTOFF = 60.0  # similarity (0–100) below which an old translation is no help

Key = tuple[str | None, str]  # (msgctxt, msgid): what identifies an entry in a catalog


def key(entry: polib.POEntry) -> Key:
    return entry.msgctxt, entry.msgid


def _texts(entry: polib.POEntry) -> tuple[str, ...]:
    return tuple(translations(entry))


def _carry(old: polib.POEntry, template: TemplateEntry) -> polib.POEntry:
    """The old entry, with references and template comments from the new template."""
    entry = copy.deepcopy(old)
    entry.obsolete = False
    entry.occurrences = list(template.occurrences)
    entry.comment = compose(template.comments, Provenance.of(old))
    return entry


def _fresh(template: TemplateEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=template.msgid,
        msgstr="",
        occurrences=list(template.occurrences),
        comment="\n".join(template.comments),
    )


def _from_similar(template: TemplateEntry, old: polib.POEntry) -> polib.POEntry:
    """A changed sentence: the old translation as a fuzzy draft, old msgid kept as ``#|``."""
    entry = _fresh(template)
    entry.msgstr = old.msgstr
    entry.tcomment = old.tcomment
    entry.flags = [f for f in old.flags if f != "fuzzy"] + ["fuzzy"]
    entry.previous_msgid = old.msgid
    return entry


def merge(template: list[TemplateEntry], old: polib.POFile | None) -> list[polib.POEntry]:
    """Entries of the merged catalog: template order, then obsolete ones."""
    if old is None:
        return [_fresh(t) for t in template]
    active: dict[Key, polib.POEntry] = {}
    obsolete: dict[Key, polib.POEntry] = {}
    for entry in old:
        if entry.msgid:
            (obsolete if entry.obsolete else active).setdefault(key(entry), entry)
    # Drafts for changed sentences come from single-form translations (a plural has no one msgstr).
    translated = [e for e in old if e.msgid and e.msgstr and not e.msgid_plural]
    choices = [e.msgid for e in translated]
    used: set[int] = set()
    merged: list[polib.POEntry] = []
    for item in template:
        previous = active.get((None, item.msgid)) or obsolete.get((None, item.msgid))
        if previous is not None:
            used.add(id(previous))
            merged.append(_carry(previous, item))
            continue
        best = process.extractOne(item.msgid, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) if choices else None
        merged.append(_from_similar(item, translated[best[2]]) if best else _fresh(item))
    for entry in old:
        if id(entry) in used or not entry.msgid:
            continue
        # Plural and context entries never come from the article's template: somebody made them on purpose.
        made_by_hand = bool(entry.msgid_plural) or entry.msgctxt is not None
        if entry.obsolete or has_translation(entry) or entry.tcomment or made_by_hand:
            gone = copy.deepcopy(entry)
            gone.obsolete = True
            gone.occurrences = []
            # polib does not read back an obsolete "#~|" line as it wrote it, and the
            # previous msgid of a sentence that is gone helps nobody: drop it.
            gone.previous_msgid = gone.previous_msgid_plural = gone.previous_msgctxt = None
            merged.append(gone)
    return merged


def assert_nothing_lost(old: polib.POFile | None, new: list[polib.POEntry], where) -> None:
    """Refuse to write when an old translation or translator comment would vanish.

    Every old msgstr (all msgstr[n] of a plural) must be in the new catalog
    under the same (msgctxt, msgid), active or obsolete -- except an untouched MT draft, which
    ``translate --refresh-mt`` replaces (:attr:`~.state.EntryStatus.untouched_mt`) -- and so must every
    translator comment; a reviewed translation (:func:`~translate_pipeline.catalog.state.is_reviewed`)
    of an entry still reviewed must stay unchanged.  Raises PipelineError naming ``where``.
    """
    if old is None:
        return
    kept = {(key(e), _texts(e)) for e in new}
    comments = {(key(e), e.tcomment) for e in new}
    reviewed = {key(e): _texts(e) for e in new if is_reviewed(e)}
    for entry in old:
        if not entry.msgid:
            continue
        name = f"{entry.msgid[:40]!r}" + (f" (context {entry.msgctxt!r})" if entry.msgctxt is not None else "")
        if has_translation(entry) and (key(entry), _texts(entry)) not in kept and not entry_status(entry).untouched_mt:
            raise PipelineError(f"internal check failed: merge would drop the translation of {name}", where)
        if entry.tcomment and (key(entry), entry.tcomment) not in comments:
            raise PipelineError(f"internal check failed: merge would drop a comment on {name}", where)
        if is_reviewed(entry) and key(entry) in reviewed and reviewed[key(entry)] != _texts(entry):
            raise PipelineError(f"internal check failed: merge would change a reviewed translation of {name}", where)
