"""Merge a fresh template into a language catalog, msgmerge-style, losing nothing.

The central promise: a translator's reviewed msgstr and comments are never
overwritten or dropped.  Unchanged sentences keep translation and state; a
changed sentence gets its closest old translation as ``fuzzy`` with the old
msgid as ``#|``; a removed sentence becomes obsolete (``#~``) and is revived
when it returns.  :func:`assert_nothing_lost` checks the promise on every
merge before anything is written.
"""
from __future__ import annotations

import copy

import polib
from rapidfuzz import fuzz, process

from translate_pipeline.catalog import annotations
from translate_pipeline.catalog.template import TemplateEntry
from translate_pipeline.core.errors import PipelineError

FUZZY_CUTOFF = 60.0  # similarity (0–100) below which an old translation is no help


def _carry(old: polib.POEntry, template: TemplateEntry) -> polib.POEntry:
    """The old entry, with references and template comments from the new template."""
    entry = copy.deepcopy(old)
    entry.obsolete = False
    entry.occurrences = list(template.occurrences)
    entry.comment = annotations.combine(template.comments, annotations.managed_lines(old))
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
    active = {e.msgid: e for e in old if not e.obsolete and e.msgid}
    obsolete = {e.msgid: e for e in old if e.obsolete}
    translated = [e for e in old if e.msgid and e.msgstr]
    choices = [e.msgid for e in translated]
    used: set[str] = set()
    merged: list[polib.POEntry] = []
    for item in template:
        previous = active.get(item.msgid) or obsolete.get(item.msgid)
        if previous is not None:
            used.add(item.msgid)
            merged.append(_carry(previous, item))
            continue
        best = process.extractOne(item.msgid, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) if choices else None
        merged.append(_from_similar(item, translated[best[2]]) if best else _fresh(item))
    for entry in old:
        if entry.msgid in used or not entry.msgid:
            continue
        if entry.obsolete or entry.msgstr or entry.tcomment:
            gone = copy.deepcopy(entry)
            gone.obsolete = True
            gone.occurrences = []
            # polib does not read back an obsolete "#~|" line as it wrote it, and the
            # previous msgid of a sentence that is gone helps nobody: drop it.
            gone.previous_msgid = gone.previous_msgid_plural = gone.previous_msgctxt = None
            merged.append(gone)
    return merged


def assert_nothing_lost(old: polib.POFile | None, new: list[polib.POEntry], where) -> None:
    """Refuse to write when an old translation or translator comment would vanish."""
    if old is None:
        return
    kept = {(e.msgid, e.msgstr) for e in new}
    comments = {(e.msgid, e.tcomment) for e in new}
    reviewed = {e.msgid: e.msgstr for e in new if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    for entry in old:
        if not entry.msgid:
            continue
        if entry.msgstr and (entry.msgid, entry.msgstr) not in kept:
            raise PipelineError(f"internal check failed: merge would drop the translation of {entry.msgid[:40]!r}", where)
        if entry.tcomment and (entry.msgid, entry.tcomment) not in comments:
            raise PipelineError(f"internal check failed: merge would drop a comment on {entry.msgid[:40]!r}", where)
        if (
            entry.msgstr
            and not entry.obsolete
            and "fuzzy" not in entry.flags
            and entry.msgid in reviewed
            and reviewed[entry.msgid] != entry.msgstr
        ):
            raise PipelineError(f"internal check failed: merge would change a reviewed translation of {entry.msgid[:40]!r}", where)
