"""The project's provenance store: every entry's managed ``#.`` lines, kept outside the PO file too.

``#.`` is the template's comment in gettext semantics (GNU gettext manual §3.2), so every merge
tool may rewrite it: GNU ``msgmerge`` (what Weblate's "Update PO files to match POT" add-on
runs) and Translate Toolkit's ``pot2po`` replace it with the template's, dropping every
``Origin``, ``MT-raw``, ``MT-state`` and ``Glossary`` line.  So each run that writes catalogs
also records their lines here (:meth:`ProvenanceStore.sync`), one record per entry, keyed by
article, language, msgctxt and msgid, with the msgstr the lines were written for; and before a
catalog is used, an entry that has a translation but lost its lines gets them back
(:func:`restore`).  When its msgstr is no longer the one the record was written for, a person
changed it after the lines were removed: the lines still come back, and their ``MT-state``
draft hash (or ``MT-raw``) now tells that the entry is post-edited, not the machine's text
(:func:`~translate_pipeline.catalog.state.entry_status`).

What counts as removed: a live entry with a translation and no managed line other than
``Terms`` (which the glossary annotation rewrites anyway).  Lines the pipeline drops itself
(``translate --refresh-mt`` emptying a draft, the merge carrying an old translation to a changed
sentence) are dropped from the store by the same run's sync, so they never come back.

The store is one SQLite file beside the translation memory (``provenance.sqlite`` in the
directory of ``[tm] path``), checked and guarded like the TM
(:mod:`translate_pipeline.core.database`): a damaged or foreign file stops the run with one line
and is never written to.  A project created before the store existed fills it on its first
``update`` or ``translate``.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import polib

from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.catalog.state import has_translation, translations
from translate_pipeline.core.database import Database, open_database, transaction
from translate_pipeline.core.settings import ProjectConfig

STORE_NAME = "provenance.sqlite"
APPLICATION_ID = 0x54505056  # "TPPV": marks the file as a translate-pipeline provenance store
SCHEMA_VERSION = 1
_WHAT = "provenance store"
_REMEDY = ("restore a backup, or move it aside to start a new one from the catalogs "
           "(lines a merge tool removed since the last run cannot come back then)")

_SCHEMA = """
CREATE TABLE provenance (
    article TEXT NOT NULL,
    lang TEXT NOT NULL,
    has_context INTEGER NOT NULL,  -- 0: no msgctxt (distinct from an empty one, as in gettext)
    msgctxt TEXT NOT NULL,
    msgid TEXT NOT NULL,
    msgstr TEXT NOT NULL,          -- the translation the lines were written for (plural forms joined by NUL)
    lines TEXT NOT NULL,           -- Provenance.format()
    PRIMARY KEY (article, lang, has_context, msgctxt, msgid)
) WITHOUT ROWID;
"""

EntryKey = tuple[str | None, str]  # (msgctxt, msgid): what identifies an entry in a catalog


@dataclass(frozen=True)
class Record:
    msgstr: str  # the translation the lines were written for (:func:`translation_text`)
    provenance: Provenance


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did to one catalog."""

    entries: int = 0  # entries whose lines were written back
    edited: int = 0  # of them, entries whose msgstr a person changed after the lines were removed

    def __bool__(self) -> bool:
        return bool(self.entries)

    def describe(self) -> str:
        """``provenance of 11 entries restored (…)``: one line for a warning."""
        edited = f"; {self.edited} of them edited since (post-edited, not MT as is)" if self.edited else ""
        return (f"provenance of {self.entries} entr{'y' if self.entries == 1 else 'ies'} restored from the project's "
                f"{STORE_NAME}: another tool (msgmerge, pot2po, Weblate's msgmerge add-on) removed their #. lines{edited}")


def store_path(config: ProjectConfig) -> Path:
    """``provenance.sqlite`` beside the translation memory (the directory of ``[tm] path``)."""
    return config.tm_path.parent / STORE_NAME


def translation_text(entry: polib.POEntry) -> str:
    """The entry's translation as one string: the msgstr, or the ``msgstr[n]`` forms joined by NUL."""
    return "\0".join(translations(entry))


def _key(entry: polib.POEntry) -> EntryKey:
    return entry.msgctxt, entry.msgid


def _suggestion_lines(provenance: Provenance) -> bool:
    """Lines a merge tool's removal loses: anything but ``Terms`` (rewritten from the glossary each run)."""
    return any(key is not Key.TERMS for key in provenance.keys)


def restore(catalog: polib.POFile, records: Mapping[EntryKey, Record]) -> Restored:
    """Write back the lines of every live entry that has a translation and lost them (see the
    module docstring); returns what was restored.  Entries that have their lines are not touched."""
    entries = edited = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid or not has_translation(entry):
            continue
        record = records.get(_key(entry))
        if record is None or _suggestion_lines(Provenance.of(entry)):
            continue
        record.provenance.write(entry)
        entries += 1
        edited += record.msgstr != translation_text(entry)
    return Restored(entries, edited)


def read_restored(path: Path, article: str, lang: str,
                  store: "ProvenanceStore | None") -> tuple[polib.POFile, Restored]:
    """Read a language catalog (:func:`~.io.read_catalog`) with its removed lines restored in memory
    from ``store`` (None: no store yet), for commands that read catalogs without writing them."""
    catalog = read_catalog(path)
    return catalog, (restore(catalog, store.records(article, lang)) if store is not None else Restored())


class ProvenanceStore(Database):
    """Open with :meth:`open`; use as a context manager or call :meth:`close`."""

    WHAT, REMEDY = _WHAT, _REMEDY

    @classmethod
    def open(cls, path: Path | str) -> "ProvenanceStore":
        """Open (creating if needed) the store at ``path``; PipelineError for a damaged or foreign file."""
        path = Path(path)
        return cls(path, open_database(path, _WHAT, _REMEDY, APPLICATION_ID, SCHEMA_VERSION, _SCHEMA))

    def records(self, article: str, lang: str) -> dict[EntryKey, Record]:
        """The records of one catalog by (msgctxt, msgid)."""
        with self._guard():
            rows = self._db.execute(
                "SELECT has_context, msgctxt, msgid, msgstr, lines FROM provenance WHERE article=? AND lang=?",
                (article, lang)).fetchall()
        return {(msgctxt if has_context else None, msgid): Record(msgstr, Provenance.parse(lines))
                for has_context, msgctxt, msgid, msgstr, lines in rows}

    def sync(self, catalogs: Iterable[tuple[str, str, polib.POFile]]) -> None:
        """Make the records of each ``(article, lang, catalog)`` what the catalog, as just written, says;
        all catalogs in one transaction.

        A record per entry with a translation and lines other than ``Terms`` (a live entry wins
        over an obsolete one with the same key); a live entry without such lines drops its
        record (the pipeline removed them); an obsolete one keeps it (merge tools drop the comments
        of obsolete entries, and the entry may come back); entries no longer in the catalog drop theirs.
        """
        with self._guard(), transaction(self._db) as db:
            for article, lang, catalog in catalogs:
                known = {(bool(c), m if c else None, i): (s, lines) for c, m, i, s, lines in db.execute(
                    "SELECT has_context, msgctxt, msgid, msgstr, lines FROM provenance WHERE article=? AND lang=?",
                    (article, lang))}
                wanted: dict[tuple[bool, str | None, str], tuple[str, str]] = {}
                for entry in sorted((e for e in catalog if e.msgid), key=lambda e: not e.obsolete):  # live ones last: they win
                    key = (entry.msgctxt is not None, entry.msgctxt, entry.msgid)
                    provenance = Provenance.of(entry)
                    if has_translation(entry) and _suggestion_lines(provenance):
                        wanted[key] = (translation_text(entry), provenance.format())
                    elif entry.obsolete and key in known:
                        wanted.setdefault(key, known[key])
                    elif not entry.obsolete:
                        wanted.pop(key, None)
                gone = [key for key in known if key not in wanted]
                db.executemany("DELETE FROM provenance WHERE article=? AND lang=? AND has_context=? AND msgctxt=? "
                               "AND msgid=?", [(article, lang, int(c), m or "", i) for c, m, i in gone])
                db.executemany(
                    "INSERT OR REPLACE INTO provenance (article, lang, has_context, msgctxt, msgid, msgstr, lines) "
                    "VALUES (?,?,?,?,?,?,?)",
                    [(article, lang, int(c), m or "", i, s, lines) for (c, m, i), (s, lines) in wanted.items()
                     if known.get((c, m, i)) != (s, lines)])


@contextmanager
def open_store(config: ProjectConfig, create: bool = True) -> Iterator[ProvenanceStore | None]:
    """The project's store (:func:`store_path`) for the ``with`` block; with ``create`` False (commands
    that only read catalogs) None when there is none yet, so reading never creates files."""
    path = store_path(config)
    if not create and not path.exists():
        yield None
        return
    with ProvenanceStore.open(path) as store:
        yield store
