"""The project's SQLite files (translation memory, MT cache): what is wrong with one, in one line.

SQLite reports a damaged file lazily: the header may be intact while a page
deep inside is garbage, and the first query that touches it fails, perhaps
after other files were already written.  So each database is checked when it
is opened (:func:`check_opened`: its kind by ``PRAGMA application_id``, its pages
by ``PRAGMA quick_check``) and every later query runs under :func:`guarded`,
which tells damage (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``, text that is not
UTF-8: the file must be restored or replaced) from failures that left the file
intact (a full disk, a read-only file, a lock: SQLite rolled back).
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from abc import abstractmethod
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import ClassVar, Iterator

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, os_error

MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite 3 database (sqlite.org/fileformat.html)


class Closing(AbstractContextManager):
    """Something opened that must be closed: ``with X.open(…) as x:`` calls :meth:`close` when the block ends."""

    @abstractmethod
    def close(self) -> None:
        """Release what was opened (a connection, a database)."""

    def __exit__(self, *exc) -> None:
        self.close()


class Database(Closing):
    """One of the project's SQLite files, open: its ``path`` and connection.  Subclasses name it
    (:attr:`WHAT`, for messages) and say what to do when it is damaged (:attr:`REMEDY`)."""

    WHAT: ClassVar[str]
    REMEDY: ClassVar[str]

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self._db = connection

    def close(self) -> None:
        self._db.close()

    def _guard(self):
        """Any SQLite failure inside becomes a one-line error naming the database file (:func:`guarded`).

        Only SQLite's own verdict that the file is damaged asks for :attr:`REMEDY`; a full disk, a
        read-only directory or file, a file-size limit or a lock are reported as what they are,
        since SQLite rolled the transaction back and the database is intact.
        """
        return guarded(self.path, self.WHAT, self.REMEDY)


class DamagedDatabase(PipelineError):
    """SQLite says the file is damaged (or it is no SQLite file at all)."""


class ForeignDatabase(PipelineError):
    """A healthy SQLite file that belongs to another program (or another part of the project)."""


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether ``exc`` means the file itself is damaged, not that one write failed."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    if "Could not decode to UTF-8" in str(exc):  # a damaged page's text, caught by Python's sqlite3
        return True
    return not code and not isinstance(exc, sqlite3.OperationalError)


def refuse_non_sqlite(path: Path, what: str, remedy: str) -> None:
    """A file at ``path`` that is not SQLite is not opened (SQLite would take an empty one, report the rest late).

    Raises :class:`DamagedDatabase` for a non-empty file without the SQLite header,
    PipelineError for a directory.
    """
    if path.is_dir():
        raise PipelineError(f"{what} path is a directory", path)
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            head = handle.read(len(MAGIC))
    except OSError as exc:
        raise os_error(f"cannot read the {what}", exc, path) from exc
    if head != MAGIC:
        raise DamagedDatabase(f"not an SQLite database (a damaged {what}?); left untouched — {remedy}", path)


def check_opened(db: sqlite3.Connection, path: Path, what: str, application_id: int,
                 own_tables: frozenset[str] | None = None) -> bool:
    """Check a freshly opened database before anything is written; returns whether it holds tables.

    Its ``application_id`` must be ``application_id``, or 0 with only ``own_tables``
    (a file made before the id was set); a healthy file of another kind raises
    :class:`ForeignDatabase`.  Then ``PRAGMA quick_check`` reads every page: a damaged
    one raises :class:`DamagedDatabase` now, not half-way through a run.
    """
    found = db.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and found != application_id and (found or own_tables is None or not tables <= own_tables):
        kind = f"application id {found:#x}" if found else "tables " + ", ".join(sorted(tables)[:4])
        raise ForeignDatabase(f"not a translate-pipeline {what} ({kind}); left untouched", path)
    if tables:
        problem = db.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {problem}")
    return bool(tables)


@contextmanager
def guarded(path: Path, what: str, remedy: str) -> Iterator[None]:
    """Any SQLite failure inside becomes a one-line PipelineError naming ``path``.

    Damage (:func:`is_damage`) raises :class:`DamagedDatabase` with ``remedy``; any
    other failure says what the operating system reports and that the database is
    unchanged (SQLite rolled the transaction back).
    """
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedDatabase(f"{what} damaged ({exc}); left as it is — {remedy}", path) from exc
        raise EnvironmentProblem(f"{what} not updated: {exc}{os_reason(path)}; the database is unchanged", path) from exc


def os_reason(path: Path) -> str:
    """What the operating system says about writing next to and into ``path`` (SQLite does not tell)."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path.parent)
        os.close(fd)
        os.unlink(probe)
        if path.exists():
            with path.open("r+b"):
                pass
    except OSError as exc:
        return f" ({exc.strerror}: {exc.filename or path})"
    return ""


def open_database(path: Path, what: str, remedy: str, application_id: int, version: int,
                  schema: str) -> sqlite3.Connection:
    """Open (creating if needed) one of the project's databases, checked before anything is written.

    A file that is no SQLite (:func:`refuse_non_sqlite`), another program's or damaged
    (:func:`check_opened`), or of another schema ``version`` raises PipelineError naming ``path``
    (:class:`~translate_pipeline.core.errors.EnvironmentProblem` when the machine stops it being opened);
    a new file gets ``application_id``, ``version`` and ``schema`` in one transaction (WAL journal).
    """
    refuse_non_sqlite(path, what, remedy)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(f"cannot create the {what}'s directory", exc, path.parent) from exc
    try:
        db = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
    except sqlite3.Error as exc:  # the file was checked above: what is left is the machine (permissions, limits)
        raise EnvironmentProblem(f"cannot open the {what}: {exc}{os_reason(path)}", path) from exc
    try:
        with guarded(path, what, remedy):
            found = check_opened(db, path, what, application_id)
            on_disk = db.execute("PRAGMA user_version").fetchone()[0]
            if found and on_disk != version:
                raise PipelineError(f"{what} schema version {on_disk} is not supported", path)
            db.execute("PRAGMA journal_mode=WAL")
            if not found:
                with transaction(db):
                    if not db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:  # or another process did
                        db.execute(f"PRAGMA application_id={application_id}")
                        db.execute(f"PRAGMA user_version={version}")
                        for statement in schema.split(";"):  # not executescript: it would commit
                            if statement.strip():
                                db.execute(statement)
    except BaseException:
        db.close()
        raise
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (``BEGIN IMMEDIATE``: the write lock up front), rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
