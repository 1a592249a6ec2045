"""The SQLite TM store: idempotent writes, counts, and refusing damaged files untouched."""
from __future__ import annotations

import pytest
from helpers import foreign_database

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.tm.store import NewUnit, TranslationMemory

SOURCE = "Завод КАМАЗ построят в Костанае."


def test_write_is_idempotent_and_updates_changed_targets(tmp_path):
    with TranslationMemory.open(tmp_path / "tm" / "memory.sqlite") as tm:
        first = tm.write_units("ru", "en", [NewUnit(SOURCE, "The KAMAZ plant will be built in Kostanay.", "kamaz")])
        again = tm.write_units("ru", "en", [NewUnit(SOURCE, "The KAMAZ plant will be built in Kostanay.", "kamaz")])
        edited = tm.write_units("ru", "en", [NewUnit(SOURCE, "A KAMAZ plant will be built in Kostanay.", "kamaz")])
        (unit,) = tm.exact("ru", "en", SOURCE)
    assert (first.added, again.unchanged, edited.updated) == (1, 1, 1)
    assert unit.target == "A KAMAZ plant will be built in Kostanay."
    assert unit.created <= unit.updated


def test_units_are_kept_per_origin_and_exact_prefers_reviewed_then_newest(tmp_path):
    with TranslationMemory.open(tmp_path / "memory.sqlite") as tm:
        tm.write_units("ru", "en", [NewUnit(SOURCE, "old", "a", created="2024-01-01T00:00:00Z")])
        tm.write_units("ru", "en", [NewUnit(SOURCE, "new", "b", created="2025-01-01T00:00:00Z")])
        tm.write_units("ru", "en", [NewUnit(SOURCE, "draft", "c", reviewed=False, created="2026-01-01T00:00:00Z")])
        found = tm.exact("ru", "en", "  Завод КАМАЗ  построят в Костанае. ")
        stats = tm.stats()
    assert [u.target for u in found] == ["new", "old", "draft"]
    assert [(s.target_lang, s.units, s.reviewed, s.sources, s.origins) for s in stats] == [("en", 3, 2, 1, 3)]


def test_failed_write_changes_nothing(tmp_path):
    class Boom(Exception):
        pass

    def rows():
        yield "ru", "en", NewUnit(SOURCE, "The plant.", "kamaz")
        raise Boom

    with TranslationMemory.open(tmp_path / "memory.sqlite") as tm:
        with pytest.raises(Boom):
            tm.write_pairs(rows())
        assert tm.stats() == []


def test_garbage_file_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "memory.sqlite"
    path.write_bytes(b"these are somebody's notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(PipelineError) as err:
        TranslationMemory.open(path)
    assert err.value.path == path
    assert "not an SQLite database" in str(err.value)
    assert path.read_bytes() == before
    assert not (tmp_path / "memory.sqlite-wal").exists()


def _filled_db(path, count=3000):
    with TranslationMemory.open(path) as tm:
        tm.write_units("ru", "en", [NewUnit(f"Предложение номер {i} о заводе.", f"Sentence {i}.", "a") for i in range(count)])
    for suffix in ("-wal", "-shm"):
        assert not path.with_name(path.name + suffix).exists()  # checkpointed on close


def test_truncated_database_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "memory.sqlite"
    _filled_db(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(PipelineError) as err:
        with TranslationMemory.open(path) as tm:
            tm.stats()
    assert err.value.path == path
    assert path.read_bytes() == before


def test_damaged_pages_are_reported_and_left_untouched(tmp_path):
    path = tmp_path / "memory.sqlite"
    _filled_db(path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 5 * page] = b"\xff" * (2 * page)  # scribble over two b-tree pages
    path.write_bytes(bytes(data))
    with pytest.raises(PipelineError) as err:
        with TranslationMemory.open(path) as tm:
            list(tm.units())
    assert err.value.path == path
    assert path.read_bytes() == bytes(data)


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "memory.sqlite"
    foreign_database(path)
    before = path.read_bytes()
    with pytest.raises(PipelineError, match="not a translate-pipeline translation memory"):
        TranslationMemory.open(path)
    assert path.read_bytes() == before


def test_two_connections_share_one_database(tmp_path):
    path = tmp_path / "memory.sqlite"
    first = TranslationMemory.open(path)
    second = TranslationMemory.open(path)  # opened while the first is still open
    try:
        first.write_units("ru", "en", [NewUnit(SOURCE, "The plant.", "a")])
        second.write_units("ru", "kk", [NewUnit(SOURCE, "Зауыт.", "a")])
        assert [(s.target_lang, s.units) for s in first.stats()] == [("en", 1), ("kk", 1)]
    finally:
        first.close()
        second.close()
