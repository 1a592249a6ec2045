"""A persistent cache of MT hypotheses, shared by runs, refreshes and worker processes.

One SQLite file (WAL journal: readers never block the writer, several
processes may write, every commit is atomic) maps a key -- a SHA-256 of the
model identity (provenance, ``model.bin`` path, size and mtime), the
decoding settings, the number of hypotheses asked for and the exact source
text sent to the model -- to the hypotheses the engine returned.  Glossary
constraints enter through that text and n-best: a code-switched retry is a
different text, and enforcement re-checks cached hypotheses against today's
term base, so a glossary change needs no decoding for what it did not touch.

:class:`CachedEngine` stores results chunk by chunk as they finish, so a
killed run loses at most the chunk in flight.  The file is bounded: past
``max_bytes`` the least recently used rows are dropped.  Other processes
(the distributed backend) use :func:`cache_key`, :meth:`MTCache.get_many`
and :meth:`MTCache.put_many` directly.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from translate_pipeline.core.database import Closing, DamagedDatabase, check_opened, guarded, refuse_non_sqlite
from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, os_error
from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn

CACHE_NAME = "mt-cache.sqlite"
APPLICATION_ID = 0x54504D43  # "TPMC": marks the file as a translate-pipeline MT cache
REMEDY = "`translate-pipeline mt cache clear` starts a new one"
T = TypeVar("T")
log = logging.getLogger(__name__)  # the CLI prints warnings as one line each

SCHEMA = """
CREATE TABLE IF NOT EXISTS hypotheses (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,     -- JSON: [[text, score, truncated, [notes...]], ...]
    used REAL NOT NULL       -- last read or write, seconds since the epoch (LRU eviction)
);
CREATE INDEX IF NOT EXISTS hypotheses_used ON hypotheses(used);
"""


def cache_key(identity: str, settings: Mapping[str, object], n_best: int, text: str) -> str:
    """The key of one decoding: hex SHA-256 over everything that changes its output.

    ``identity`` and ``settings`` are an engine's :attr:`~.engine.Engine.identity` and
    :attr:`~.engine.Engine.decode_settings`.
    """
    blob = json.dumps([identity, settings, n_best, text], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheStats:
    path: Path
    entries: int
    bytes: int  # pages in use (freed pages are reused, so this is what counts against the bound)
    max_bytes: int


class MTCache(Closing):
    """``get_many(keys)`` / ``put_many(items)`` over the cache file; safe to open from several processes.

    Values are lists of :class:`~translate_pipeline.mt.engine.Hypothesis`.  Failed
    decodings are never stored (the next run tries again).
    """

    def __init__(self, path: Path | str, max_bytes: int = 1 << 30):
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.damaged = 0  # entries found damaged (and ignored) so far
        refuse_non_sqlite(self.path, "MT cache", REMEDY)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error("cannot create the MT cache's directory", exc, self.path.parent) from exc
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=60.0,
                                      check_same_thread=False)
        except sqlite3.Error as exc:
            raise EnvironmentProblem(f"cannot open the MT cache ({exc})", self.path) from exc
        try:
            with self._guard():
                check_opened(self.db, self.path, "MT cache", APPLICATION_ID, frozenset({"hypotheses"}))
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
                self.db.executescript(SCHEMA)
                if not self.db.execute("PRAGMA application_id").fetchone()[0]:
                    self.db.execute(f"PRAGMA application_id={APPLICATION_ID}")  # new, or made by an earlier version
        except BaseException:
            self.db.close()
            raise

    @staticmethod
    def remove(path: Path | str) -> None:
        """Delete a cache file and its WAL and shared-memory files (``mt cache clear`` of a damaged one)."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def _guard(self):
        """SQLite failures as one line: damage asks for ``mt cache clear``, a full disk says so."""
        return guarded(self.path, "MT cache", REMEDY)

    def close(self) -> None:
        self.db.close()

    def get_many(self, keys: Sequence[str]) -> dict[str, list[Hypothesis]]:
        """The cached hypotheses of those ``keys`` that are present (and marks them used)."""
        return self.decoded(self.get_values(keys), lambda value: [
            Hypothesis(t, s, bool(tr), tuple(n)) for t, s, tr, n in json.loads(value)])

    def decoded(self, values: Mapping[str, str], decode: Callable[[str], T]) -> dict[str, T]:
        """``{key: decode(value)}`` for the values ``decode`` can read.

        One it cannot read was damaged inside an intact page (``PRAGMA quick_check``
        does not read values): it counts as not cached, so it is decoded again and
        stored over; :meth:`_damaged` says so once.
        """
        found: dict[str, T] = {}
        for key, value in values.items():
            try:
                found[key] = decode(value)
            except (ValueError, TypeError, KeyError, IndexError, RecursionError):
                self._damaged()
        return found

    def _damaged(self) -> None:
        if not self.damaged:
            log.warning("%s: damaged MT cache entries are ignored and translated again; "
                        "`translate-pipeline mt cache clear` starts a fresh cache", self.path)
        self.damaged += 1

    def put_many(self, items: Iterable[tuple[str, Sequence[Hypothesis]]]) -> int:
        """Store ``(key, hypotheses)`` pairs in one transaction; returns how many were stored."""
        return self.put_values(
            (key, json.dumps([[h.text, h.score, h.truncated, list(h.notes)] for h in hyps], ensure_ascii=False))
            for key, hyps in items if hyps and not any(h.error for h in hyps))

    def get_values(self, keys: Sequence[str]) -> dict[str, str]:
        """The stored text of those ``keys`` that are present (and marks them used).

        :meth:`get_many` reads hypotheses through it; the Ray backend stores whole
        suggestions (see :mod:`translate_pipeline.pretranslate.ray_source`).
        """
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(keys))
        with self._guard():
            for start in range(0, len(unique), 500):  # SQLite's bound-parameter limit
                chunk = unique[start:start + 500]
                for key, value in self.db.execute(  # bytes: text that is no UTF-8 is one damaged entry, not all
                        f"SELECT key, CAST(value AS BLOB) FROM hypotheses WHERE key IN ({','.join('?' * len(chunk))})",
                        chunk):
                    try:
                        found[key] = value.decode("utf-8")
                    except (AttributeError, UnicodeDecodeError):
                        self._damaged()
            if found:
                now = time.time()
                with self._transaction():
                    self.db.executemany("UPDATE hypotheses SET used = ? WHERE key = ?", [(now, k) for k in found])
        return found

    def put_values(self, items: Iterable[tuple[str, str]]) -> int:
        """Store ``(key, text)`` pairs in one transaction; returns how many were stored."""
        now = time.time()
        rows = [(key, value, now) for key, value in items]
        if rows:
            with self._guard():
                with self._transaction():
                    self.db.executemany("INSERT OR REPLACE INTO hypotheses (key, value, used) VALUES (?, ?, ?)", rows)
                self._bound()
        return len(rows)

    def stats(self) -> CacheStats:
        with self._guard():
            (entries,) = self.db.execute("SELECT count(*) FROM hypotheses").fetchone()
            return CacheStats(self.path, entries, self._used_bytes(), self.max_bytes)

    def count(self) -> int:
        """How many entries the cache holds."""
        with self._guard():
            return self.db.execute("SELECT count(*) FROM hypotheses").fetchone()[0]

    def clear(self) -> int:
        """Drop every entry and give the space back; returns how many there were.

        Raises PipelineError when SQLite cannot write (a full disk: VACUUM needs room
        for a copy of the file); see :func:`clear_cache`.
        """
        entries = self.count()
        with self._guard():
            with self._transaction():
                self.db.execute("DELETE FROM hypotheses")
            self.db.execute("VACUUM")
        return entries

    def _used_bytes(self) -> int:
        pages = self.db.execute("PRAGMA page_count").fetchone()[0] - self.db.execute("PRAGMA freelist_count").fetchone()[0]
        return pages * self.db.execute("PRAGMA page_size").fetchone()[0]

    def _bound(self) -> None:
        """Drop least recently used rows, a tenth at a time, until at most ``max_bytes`` are in use."""
        while self._used_bytes() > self.max_bytes:
            (entries,) = self.db.execute("SELECT count(*) FROM hypotheses").fetchone()
            if not entries:
                return
            with self._transaction():
                self.db.execute("DELETE FROM hypotheses WHERE key IN (SELECT key FROM hypotheses "
                                "ORDER BY used LIMIT ?)", (max(1, entries // 10),))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")


def clear_cache(path: Path) -> str:
    """``mt cache clear``: drop every entry of the cache at ``path``; returns what was done, in words.

    The documented remedy for a damaged cache, so it works on one: a file SQLite
    calls damaged (pages, header, not SQLite at all) is removed.  A cache that cannot
    be emptied in place -- a full disk, where VACUUM needs room for a copy -- is
    removed too, which is what clearing means and frees the space; the words say
    why.  Another program's SQLite database at that path is refused
    (:class:`~translate_pipeline.core.database.ForeignDatabase`) and left untouched,
    as is a file that cannot be opened or removed (PipelineError).
    """
    try:
        store = MTCache(path)
    except DamagedDatabase as exc:
        return _removed(path, f"removed a damaged cache file ({_reason(exc)})")
    entries: int | None = None
    try:
        with store:
            entries = store.count()
            store.clear()
    except DamagedDatabase as exc:
        return _removed(path, f"removed a damaged cache file ({_reason(exc)})")
    except PipelineError as exc:
        if entries is None:
            raise
        return _removed(path, f"dropped {entries} cached segment translation(s) by removing the file: it could not "
                              f"be emptied in place ({_reason(exc)})")
    return f"dropped {entries} cached segment translation(s)"


def _reason(exc: PipelineError) -> str:
    """What SQLite (or the file's first bytes) said, without the advice around it."""
    return str(exc.__cause__) if exc.__cause__ else exc.message.split(";")[0].split(" (")[0]


def _removed(path: Path, words: str) -> str:
    try:
        MTCache.remove(path)
    except OSError as exc:
        raise os_error("cannot remove the MT cache", exc, exc.filename or path) from exc
    return words


class CachedEngine(Engine):
    """``engine`` behind ``cache``: hits cost nothing, misses are decoded in chunks of ``chunk``
    texts and stored as each chunk finishes.  ``decoded`` counts the texts sent to ``engine``."""

    def __init__(self, engine: Engine, cache: MTCache, chunk: int = 256):
        self.engine, self.cache, self.chunk = engine, cache, chunk
        self.source, self.target = engine.source, engine.target
        self.decoded = 0
        self._identity = engine.identity
        self._settings = dict(engine.decode_settings)

    @property
    def provenance(self) -> str:
        return self.engine.provenance

    @property
    def identity(self) -> str:
        return self._identity

    @property
    def decode_settings(self) -> Mapping[str, object]:
        return self._settings

    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        keys = [cache_key(self._identity, self._settings, n_best, text) for text in texts]
        found = self.cache.get_many(keys)
        copies: dict[str, int] = {}  # texts to decode → how many inputs each one serves
        for text, key in zip(texts, keys):
            if key not in found:
                copies[text] = copies.get(text, 0) + 1
        if progress and len(texts) > sum(copies.values()):
            progress(len(texts) - sum(copies.values()))
        missing = list(copies)
        done: dict[str, list[Hypothesis]] = {}
        for start in range(0, len(missing), self.chunk):
            chunk = missing[start:start + self.chunk]
            weight = sum(copies[t] for t in chunk) / len(chunk)  # the engine counts each text once
            results = self.engine.translate_batch(
                chunk, n_best, (lambda n, w=weight: progress(n * w)) if progress else None)
            self.decoded += len(chunk)
            done.update(zip(chunk, results))
            self.cache.put_many((cache_key(self._identity, self._settings, n_best, t), hyps)
                                for t, hyps in zip(chunk, results))
        return [found[key] if key in found else done[text] for text, key in zip(texts, keys)]
