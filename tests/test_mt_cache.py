"""Issue 11: the persistent MT cache (kill -9, re-run) and translate --refresh-mt."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest
from helpers import foreign_database, new_project, po, run

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.mt.argos_engine import ArgosEngine
from translate_pipeline.mt.cache import MTCache, cache_key
from translate_pipeline.mt.engine import Hypothesis

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [f"Предприятие номер {i} отгрузило {i + 3} грузовиков в Алматы." for i in range(120)]


def test_get_many_put_many_round_trip_and_bound(tmp_path):
    with MTCache(tmp_path / "c.sqlite", max_bytes=200_000) as cache:
        key = cache_key("model a", {"beam_size": 4}, 2, "Да.")
        assert key != cache_key("model b", {"beam_size": 4}, 2, "Да.") != cache_key("model a", {"beam_size": 1}, 2, "Да.")
        hyps = [Hypothesis("Yes.", -0.1, notes=("QA: x",)), Hypothesis("Yes", -0.5, truncated=True)]
        assert cache.put_many([(key, hyps), ("failed", [Hypothesis("", float("-inf"), error="boom")])]) == 1
        assert cache.get_many([key, "failed", "absent"]) == {key: hyps}  # failures are never cached
        cache.put_many((f"k{i}", [Hypothesis("x" * 500, 0.0)]) for i in range(2000))
        stats = cache.stats()
        assert 0 < stats.entries < 2000 and stats.bytes <= 200_000  # least recently used rows dropped
        assert cache.clear() == stats.entries and cache.stats().entries == 0


def _article_project(tmp_path, copy_packages):
    project = new_project(tmp_path)
    for article in (project / "articles").iterdir():
        article.unlink()
    (project / "articles" / "batch.ru.txt").write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    (project / "translate-pipeline.toml").write_text("[mt]\nbeam_size = 1\n", encoding="utf-8")
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    return project


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from translate_pipeline.mt import cache
    cache.CachedEngine.__init__.__defaults__ = (20,)   # chunks of 20 segments
    real, stored = cache.MTCache.put_many, []
    def put_many(self, items):
        n = real(self, items)
        stored.append(n)
        if len(stored) == 3:                            # kill -9 after the third chunk reached the cache
            os.kill(os.getpid(), signal.SIGKILL)
        return n
    cache.MTCache.put_many = put_many
    from translate_pipeline.cli import main
    main(["-C", sys.argv[1], "translate", "articles", "--to", "en"])
""")


@pytest.mark.slow
def test_killed_run_resumes_decoding_only_what_is_missing(copy_packages, argos_dir, tmp_path, monkeypatch):
    project = _article_project(tmp_path, copy_packages)
    killed = subprocess.run([sys.executable, "-c", KILLER, str(project), str(ROOT)], capture_output=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)}, timeout=300)
    assert killed.returncode == -9, killed.stderr.decode()
    assert not (project / "locales" / "en").exists()  # nothing written: the run died before the catalogs
    with MTCache(project / "tm" / "mt-cache.sqlite") as cache:
        assert cache.stats().entries == 60

    decoded: list[int] = []
    real = ArgosEngine.translate_batch
    monkeypatch.setattr(ArgosEngine, "translate_batch",
                        lambda self, texts, *a, **k: decoded.append(len(texts)) or real(self, texts, *a, **k))
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0
    assert sum(decoded) == len(SENTENCES) - 60  # only what the killed run had not finished
    assert all(e.msgstr == e.msgid for e in po(project, "en", "batch") if e.msgid)

    decoded.clear()  # the same sentences again (catalogs gone): all from the cache
    for path in (project / "locales" / "en").rglob("*.po"):
        path.unlink()
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0
    assert decoded == [] and len([e for e in po(project, "en", "batch") if e.msgstr]) == len(SENTENCES)
    stats = run(project, "mt", "cache", "stats")
    assert f"{len(SENTENCES)} cached segment translation(s)" in stats.stdout
    assert f"dropped {len(SENTENCES)}" in run(project, "mt", "cache", "clear").stdout


def _entry_bytes(project, msgid):
    return next(str(e) for e in po(project, "en") if e.msgid == msgid)


@pytest.mark.slow
def test_refresh_mt_redoes_untouched_drafts_only(copy_packages, argos_dir, tmp_path):
    project = new_project(tmp_path)
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "kamaz-kazakhstan.po"
    catalog = polib.pofile(str(path))
    drafts = [e for e in catalog if e.msgid and e.msgstr]
    edited, unfuzzied, commented = drafts[0], drafts[1], drafts[2]
    edited.msgstr = "Edited by a translator."
    unfuzzied.flags.remove("fuzzy")
    commented.tcomment = "check the name with the desk"
    catalog.save(str(path))
    kept = {e.msgid: _entry_bytes(project, e.msgid) for e in (edited, unfuzzied, commented)}

    nothing = run(project, "translate", "articles", "--to", "en", "--refresh-mt")  # same model: nothing to redo
    assert f"MT drafts: 0 refreshed, 3 kept because edited, {len(drafts) - 3} unchanged" in nothing.stdout

    # a newer model is installed (2.0 beats 1.9): every untouched draft is stale
    assert run(project, "models", "install", str(copy_packages["ru_en_prefix"])).exit_code == 0
    stats = json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]
    assert stats[0]["stale_mt"] == len(drafts) - 3
    result = run(project, "translate", "articles", "--to", "en", "--refresh-mt")
    assert result.exit_code == 0, result.stderr
    assert f"MT drafts: {len(drafts) - 3} refreshed, 3 kept because edited, 0 unchanged" in result.stdout
    for msgid, before in kept.items():
        assert _entry_bytes(project, msgid) == before  # byte-identical
    newer = "MT argos translate-ru_en-prefixed 2.0 (ru→en)"
    refreshed = [e for e in po(project, "en") if e.msgid and e.msgid not in kept]
    assert refreshed and all(Provenance.of(e).first(Key.ORIGIN) == newer and e.fuzzy for e in refreshed)
    assert json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"][0]["stale_mt"] == 0
    again = run(project, "translate", "articles", "--to", "en", "--refresh-mt")
    assert f"MT drafts: 0 refreshed, 3 kept because edited, {len(drafts) - 3} unchanged" in again.stdout


def test_a_damaged_cache_stops_the_run_with_one_line_and_clear_starts_afresh(tmp_path):
    project = new_project(tmp_path)
    cache = project / "tm" / "mt-cache.sqlite"
    cache.parent.mkdir()
    cache.write_bytes(b"not a database at all" * 100)
    result = run(project, "translate", "articles", "--to", "en")
    assert result.exit_code == ExitCode.INPUT and result.stderr.count("\n") == 1
    assert "mt-cache.sqlite: not an SQLite database (a damaged MT cache?)" in result.stderr and "mt cache clear" in result.stderr
    assert not (project / "locales" / "en").exists()
    assert "removed a damaged cache file (not an SQLite database" in run(project, "mt", "cache", "clear").stdout
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0  # no model: drafts wait, no error
    assert "0 cached segment translation(s)" in run(project, "mt", "cache", "stats").stdout


@pytest.mark.slow
def test_refresh_mt_after_the_glossary_gains_a_term_redoes_only_the_sentences_with_it(copy_packages, argos_dir,
                                                                                      tmp_path):
    from translate_pipeline.core.settings import load_config
    from translate_pipeline.glossary import load_glossary

    project = new_project(tmp_path)
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0
    drafts = [e for e in po(project, "en") if e.msgid and e.msgstr]
    assert run(project, "glossary", "add", "КАМАЗ", "-t", "en=KAMAZ").exit_code == 0
    glossary = load_glossary(load_config(project))
    with_term = [e for e in drafts if glossary.find(e.msgid)]
    assert 0 < len(with_term) < len(drafts)
    stats = json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]
    assert stats[0]["stale_mt"] == len(with_term)
    result = run(project, "translate", "articles", "--to", "en", "--refresh-mt")
    assert f"MT drafts: {len(with_term)} refreshed, 0 kept because edited, {len(drafts) - len(with_term)} unchanged" \
        in result.stdout
    refreshed = {e.msgid: e for e in po(project, "en")}
    for entry in with_term:  # the draft now obeys the new term (code-switched through the copy model)
        assert "KAMAZ" in refreshed[entry.msgid].msgstr and "KAMAZ" not in entry.msgstr
        assert Provenance.of(refreshed[entry.msgid]).first(Key.GLOSSARY) == "enforced (code-switch)"


@pytest.mark.slow
def test_a_stale_draft_the_new_run_fails_on_is_put_back_byte_for_byte(copy_packages, argos_dir, tmp_path,
                                                                      monkeypatch):
    from translate_pipeline.mt import decoding

    project = new_project(tmp_path)
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0
    drafts = [e for e in po(project, "en") if e.msgid and e.msgstr]
    victim = drafts[0].msgid
    before = _entry_bytes(project, victim)
    assert run(project, "models", "install", str(copy_packages["ru_en_prefix"])).exit_code == 0
    real = decoding.load_translator
    first_word = max(victim.split(), key=len)  # a distinctive word: only sentences that have it fail

    class Failing:
        def __init__(self, translator):
            self.translator = translator

        def translate_batch(self, sources, **kwargs):
            if any(first_word in "".join(s).replace("▁", " ") for s in sources):
                raise RuntimeError("forced failure")
            return self.translator.translate_batch(sources, **kwargs)

    monkeypatch.setattr(decoding, "load_translator", lambda *a, **k: Failing(real(*a, **k)))
    result = run(project, "translate", "articles", "--to", "en", "--refresh-mt")
    assert result.exit_code == 0, result.stderr
    kept = sum(first_word in e.msgid for e in drafts)
    assert f"MT drafts: {len(drafts) - kept} refreshed, 0 kept because edited, 0 unchanged, {kept} stale kept" \
        in result.stdout
    assert _entry_bytes(project, victim) == before


# --- issue 21, items 3 and 5: the cache file's kind, damage and a full disk ----------------------------


def test_another_programs_database_is_not_adopted_and_clear_leaves_it(tmp_path):
    project = new_project(tmp_path)
    cache = project / "tm" / "mt-cache.sqlite"
    foreign_database(cache)
    before = cache.read_bytes()
    result = run(project, "translate", "articles", "--to", "en")
    assert result.exit_code == ExitCode.INPUT and result.stderr.count("\n") == 1
    assert "tm/mt-cache.sqlite: not a translate-pipeline MT cache (tables contacts); left untouched" in result.stderr
    assert not (project / "locales" / "en").exists() and not (project / "tm" / "memory.sqlite").exists()
    cleared = run(project, "mt", "cache", "clear")
    assert cleared.exit_code == ExitCode.INPUT and "not a translate-pipeline MT cache" in cleared.stderr
    assert cache.read_bytes() == before
    assert run(project, "translate", "articles", "--to", "en", "--no-mt").exit_code == 0  # no cache needed


def test_a_cache_of_an_earlier_version_is_adopted(tmp_path):
    """Made before the cache had an application id: its one table says what it is."""
    import sqlite3

    from translate_pipeline.mt.cache import APPLICATION_ID, SCHEMA

    path = tmp_path / "mt-cache.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("INSERT INTO hypotheses VALUES ('k', '[[\"Yes.\", -0.1, false, []]]', 0)")
    db.commit()
    db.close()
    with MTCache(path) as cache:
        assert cache.get_many(["k"]) == {"k": [Hypothesis("Yes.", -0.1)]}
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def _cache_with_entries(path: Path, count: int) -> None:
    with MTCache(path) as cache:
        cache.put_many((f"key {i}", [Hypothesis(f"A cached translation number {i}, long enough.", -0.5)])
                       for i in range(count))


def test_clear_on_a_full_disk_drops_the_entries_and_says_how(tmp_path):
    """VACUUM needs room for a copy: the file cannot be emptied in place, so it goes, and the line says why."""
    project = new_project(tmp_path)
    cache = project / "tm" / "mt-cache.sqlite"
    _cache_with_entries(cache, 3000)
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({cache.stat().st_size // 4}, resource.RLIM_INFINITY))\n"
        "from translate_pipeline.cli import main\n"
        "sys.argv = ['translate-pipeline'] + sys.argv[1:]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script, "-C", str(project), "mt", "cache", "clear"],
                            capture_output=True, text=True, cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("tm/mt-cache.sqlite: dropped 3000 cached segment translation(s) by removing the "
                                    "file: it could not be emptied in place (")
    assert "damaged" not in result.stdout and "unreadable" not in result.stdout
    assert not cache.exists()


def test_clear_on_a_healthy_cache_empties_it_in_place(tmp_path):
    project = new_project(tmp_path)
    cache = project / "tm" / "mt-cache.sqlite"
    _cache_with_entries(cache, 50)
    assert run(project, "mt", "cache", "clear").stdout == "tm/mt-cache.sqlite: dropped 50 cached segment translation(s)\n"
    assert "0 cached segment translation(s)" in run(project, "mt", "cache", "stats").stdout
