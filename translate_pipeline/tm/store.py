"""The translation memory itself: one embedded SQLite file in the project.

A unit is one reviewed translation of one source sentence, remembered per
origin (the article whose catalog it was harvested from, or the TMX file it was
imported from), so re-harvesting an article updates exactly its own units.

Safety rules: a file that is not a healthy TM database is reported (one line,
with its path) and never written to; every write is one transaction, and the
database runs in WAL mode so a reader never sees half a harvest or import.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from translate_pipeline.core.database import Database, check_opened, os_reason, refuse_non_sqlite
from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, os_error
from translate_pipeline.tm.normalize import exact_key, match_form

APPLICATION_ID = 0x54504D31  # "TPM1": marks the file as a translate-pipeline TM
SCHEMA_VERSION = 1
_REMEDY = "restore a backup or move it aside to start a new one"

_SCHEMA = """
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_key TEXT NOT NULL,   -- normalize.exact_key(source): exact matches
    match_form TEXT NOT NULL,   -- normalize.match_form(source): fuzzy scoring
    origin TEXT NOT NULL,       -- article name or TMX file the unit came from
    reviewed INTEGER NOT NULL DEFAULT 1,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (source_lang, target_lang, source_key, origin)
);
CREATE INDEX units_match ON units (source_lang, target_lang, match_form);
"""

_COLUMNS = "id, source_lang, target_lang, source, target, origin, reviewed, created, updated"


@dataclass(frozen=True)
class Unit:
    id: int
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str
    reviewed: bool
    created: str  # ISO 8601 UTC
    updated: str


@dataclass(frozen=True)
class NewUnit:
    """A translation to remember (``created``/``updated`` default to now)."""

    source: str
    target: str
    origin: str
    reviewed: bool = True
    created: str | None = None
    updated: str | None = None


@dataclass
class WriteCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class PairStats:
    source_lang: str
    target_lang: str
    units: int
    reviewed: int
    sources: int  # distinct source sentences
    origins: int


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unit(row: tuple) -> Unit:
    return Unit(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7], row[8])


class TranslationMemory(Database):
    """Open with :meth:`open`; use as a context manager or call :meth:`close`."""

    WHAT, REMEDY = "translation memory", _REMEDY

    def __init__(self, path: Path, connection: sqlite3.Connection):
        super().__init__(path, connection)
        self.writes = 0  # bumped on every committed write: lets lookup indexes notice staleness

    @classmethod
    def open(cls, path: Path | str) -> "TranslationMemory":
        path = Path(path)
        refuse_non_sqlite(path, "translation memory", _REMEDY)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error("cannot create the translation memory's directory", exc, path.parent) from exc
        try:
            db = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:  # the file was checked above: what is left is the machine (permissions, limits)
            raise EnvironmentProblem(f"cannot open translation memory: {exc}{os_reason(path)}", path) from exc
        tm = cls(path, db)
        try:
            with tm._guard():
                tm._check_and_init()
        except BaseException:
            db.close()
            raise
        return tm

    @classmethod
    def empty(cls, path: Path | str) -> "TranslationMemory":
        """An empty TM held in memory, standing for ``path`` where there is no file yet: what reading
        commands (``tm stats``, ``tm export``) see, so that reading creates no file."""
        tm = cls(Path(path), sqlite3.connect(":memory:", isolation_level=None))
        with tm._guard():
            tm._check_and_init()
        return tm

    def _check_and_init(self) -> None:
        db = self._db
        if check_opened(db, self.path, "translation memory", APPLICATION_ID):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise PipelineError(f"translation memory schema version {version} is not supported", self.path)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            return
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        with self._transaction():
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return  # another process created it a moment ago
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self.writes += 1

    # -- writing ------------------------------------------------------------

    def write_units(self, source_lang: str, target_lang: str, units: Iterable[NewUnit]) -> WriteCounts:
        """Insert or update units, all in one transaction; a repeated write changes nothing."""
        return self.write_pairs([(source_lang, target_lang, u) for u in units])

    def write_pairs(self, rows: Iterable[tuple[str, str, NewUnit]]) -> WriteCounts:
        """Like :meth:`write_units` for units of several language pairs: all or nothing.

        Existing units are read once per language pair, so re-harvesting a large
        project (mostly unchanged units) costs one query, not one per entry.
        """
        counts = WriteCounts()
        stamp = now_iso()
        latest: dict[tuple[str, str, str, str], NewUnit] = {}  # one write per unit key: the last one wins
        for source_lang, target_lang, unit in rows:
            latest[(source_lang, target_lang, exact_key(unit.source), unit.origin)] = unit
        inserts, updates = [], []
        with self._guard(), self._transaction() as db:
            known: dict[tuple[str, str, str, str], tuple] = {}
            for source_lang, target_lang in {(k[0], k[1]) for k in latest}:
                for row in db.execute(
                    "SELECT source_key, origin, id, source, target, reviewed FROM units"
                    " WHERE source_lang=? AND target_lang=?",
                    (source_lang, target_lang),
                ):
                    known[(source_lang, target_lang, row[0], row[1])] = row[2:]
            for (source_lang, target_lang, key, origin), unit in latest.items():
                found = known.get((source_lang, target_lang, key, origin))
                if found is None:
                    created = unit.created or stamp
                    inserts.append((source_lang, target_lang, unit.source, unit.target, key, match_form(unit.source),
                                    origin, int(unit.reviewed), created, unit.updated or created))
                elif (found[1], found[2], bool(found[3])) != (unit.source, unit.target, unit.reviewed):
                    updates.append((unit.source, unit.target, int(unit.reviewed), unit.updated or stamp, found[0]))
                else:
                    counts.unchanged += 1
            db.executemany(
                "INSERT INTO units (source_lang, target_lang, source, target, source_key, match_form,"
                " origin, reviewed, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?)",
                inserts,
            )
            db.executemany("UPDATE units SET source=?, target=?, reviewed=?, updated=? WHERE id=?", updates)
        counts.added, counts.updated = len(inserts), len(updates)
        return counts

    # -- reading ------------------------------------------------------------

    def exact(self, source_lang: str, target_lang: str, text: str) -> list[Unit]:
        """Units whose source is ``text`` up to whitespace/NFC; reviewed and newest first."""
        return self._select("source_key=?", (source_lang, target_lang, exact_key(text)))

    def with_match_form(self, source_lang: str, target_lang: str, form: str) -> list[Unit]:
        return self._select("match_form=?", (source_lang, target_lang, form))

    def _select(self, condition: str, args: tuple) -> list[Unit]:
        with self._guard():
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM units WHERE source_lang=? AND target_lang=? AND {condition}"
                " ORDER BY reviewed DESC, updated DESC, id DESC",
                args,
            ).fetchall()
        return [_unit(r) for r in rows]

    def match_forms(self, source_lang: str, target_lang: str) -> list[str]:
        """Distinct fuzzy-match forms of one language pair, in a stable order."""
        with self._guard():
            rows = self._db.execute(
                "SELECT DISTINCT match_form FROM units WHERE source_lang=? AND target_lang=? ORDER BY match_form",
                (source_lang, target_lang),
            ).fetchall()
        return [r[0] for r in rows]

    def units(self, target_langs: Iterable[str] | None = None) -> Iterator[Unit]:
        wanted = sorted(set(target_langs)) if target_langs else None
        where = f" WHERE target_lang IN ({','.join('?' * len(wanted))})" if wanted else ""
        with self._guard():
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM units{where} ORDER BY source_lang, target_lang, id", wanted or ()
            ).fetchall()
        return (_unit(r) for r in rows)

    def stats(self) -> list[PairStats]:
        with self._guard():
            rows = self._db.execute(
                "SELECT source_lang, target_lang, count(*), sum(reviewed), count(DISTINCT source_key),"
                " count(DISTINCT origin) FROM units GROUP BY source_lang, target_lang ORDER BY 1, 2"
            ).fetchall()
        return [PairStats(*r) for r in rows]

    def data_version(self) -> tuple[int, int]:
        """Changes whenever this or another connection committed a write."""
        with self._guard():
            return (self._db.execute("PRAGMA data_version").fetchone()[0], self.writes)
