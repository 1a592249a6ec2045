"""``translate-pipeline tm …`` end to end through click."""
from __future__ import annotations

import json

import polib
from click.testing import CliRunner

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.cli import main
from translate_pipeline.core.project import po_path
from translate_pipeline.core.settings import load_config

PLANT = "Завод КАМАЗ построят в Костанае."


def _catalog(root, lang, msgstr, fuzzy=False):
    path = po_path(load_config(root), lang, "kamaz-kazakhstan")
    path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=PLANT, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    po.save(str(path))


def _run(root, *args):
    return CliRunner().invoke(main, ["-C", str(root), "tm", *args])


def test_harvest_stats_export_import(tmp_path):
    _catalog(tmp_path, "en", "The KAMAZ plant will be built in Kostanay.")
    _catalog(tmp_path, "kk", "Қостанайда ҚАМАЗ зауыты салынады.", fuzzy=True)
    result = _run(tmp_path, "harvest")
    assert result.exit_code == 0, result.output
    assert "2 catalogs: 1 units added, 0 updated, 0 unchanged" in result.output

    result = _run(tmp_path, "stats", "--format", "json")
    data = json.loads(result.output)
    assert data["pairs"] == [{"source_lang": "ru", "target_lang": "en", "units": 1, "reviewed": 1, "sources": 1, "origins": 1}]
    assert "ru→en: 1 units (1 reviewed)" in _run(tmp_path, "stats").output

    tmx = tmp_path / "out.tmx"
    result = _run(tmp_path, "export", str(tmx), "--lang", "en")
    assert result.exit_code == 0 and "1 translation units written" in result.output
    other = tmp_path / "other"
    other.mkdir()
    result = _run(other, "import", str(tmx))
    assert result.exit_code == 0, result.output
    assert "1 translations: 1 added, 0 updated, 0 unchanged" in result.output


def test_corrupt_database_is_one_line_error(tmp_path):
    db = tmp_path / "tm" / "memory.sqlite"
    db.parent.mkdir()
    db.write_bytes(b"\x00garbage" * 100)
    result = _run(tmp_path, "stats")
    assert result.exit_code == ExitCode.INPUT
    assert result.output.startswith("error: tm/memory.sqlite: not an SQLite database")
    assert len(result.output.strip().splitlines()) == 1
    assert db.read_bytes() == b"\x00garbage" * 100


def test_configured_path_and_bad_tmx(tmp_path):
    (tmp_path / "translate-pipeline.toml").write_text('[tm]\npath = "shared/news-tm.sqlite"\n', encoding="utf-8")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx version='1.4'><header/><body><tu>", encoding="utf-8")
    result = _run(tmp_path, "import", str(bad))
    assert result.exit_code == ExitCode.INPUT
    assert result.output.startswith("error: bad.tmx:1: not well-formed TMX")
    assert not (tmp_path / "shared").exists()  # the TMX file is read first: a bad one makes no TM
    assert _run(tmp_path, "stats").output.startswith("shared/news-tm.sqlite\n")  # the configured path, not made
