"""Issue 19 item 6: ``-`` as an export's FILE means standard output, for every export
(``tm export``, ``glossary export``); the summary goes to stderr so stdout is the file alone."""
from __future__ import annotations

import json
import re

import polib
import pytest
from click.testing import CliRunner
from glossary_fixtures import STARTER

from translate_pipeline.cli import main
from translate_pipeline.core.errors import ExitCode
from translate_pipeline.core.project import po_path
from translate_pipeline.core.settings import load_config
from translate_pipeline.glossary import tbx, termbase


def _invoke(root, *args):
    return CliRunner().invoke(main, ["-C", str(root), *args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "terms.csv").write_bytes(STARTER.read_bytes())
    path = po_path(load_config(root), "en", "kamaz")
    path.parent.mkdir(parents=True)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Завод построят в Костанае.", msgstr="The plant will be built in Kostanay."))
    catalog.save(str(path))
    assert _invoke(root, "tm", "harvest").exit_code == 0
    return root


def _undated(tmx: bytes) -> bytes:
    return re.sub(rb'creationdate="\d{8}T\d{6}Z"', b"", tmx)


def test_tm_export_dash_writes_the_tmx_to_stdout(project, tmp_path):
    result = _invoke(project, "tm", "export", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"<?xml") and b"The plant will be built in Kostanay." in result.stdout_bytes
    assert result.stderr == "note: standard output: 1 translation units written\n"  # stderr: severity first
    assert not (project / "-").exists()
    file = tmp_path / "tm.tmx"
    assert _invoke(project, "tm", "export", str(file)).exit_code == 0
    assert _undated(result.stdout_bytes) == _undated(file.read_bytes())


@pytest.mark.parametrize("args, suffix", [((), ".tbx"), (("--file-format", "tbx", "--tbx-version", "2008"), ".tbx"),
                                          (("--file-format", "csv"), ".csv"), (("--file-format", "tsv"), ".tsv")])
def test_glossary_export_dash_writes_the_file_to_stdout(project, tmp_path, args, suffix):
    result = _invoke(project, "glossary", "export", "-", *args)
    assert result.exit_code == 0
    assert result.stderr == "note: wrote 24 concept(s) to standard output\n"
    assert not (project / "-").exists()
    file = tmp_path / f"g{suffix}"
    assert _invoke(project, "glossary", "export", str(file), *args[2:]).exit_code == 0
    assert result.stdout_bytes == file.read_bytes()
    base = tbx.parse(file.read_bytes()) if suffix == ".tbx" else termbase.load(file)
    assert len(base.concepts) == 24


def test_the_format_option_overrides_the_suffix_and_an_unknown_suffix_is_one_line(project, tmp_path):
    file = tmp_path / "terms.xml"
    result = _invoke(project, "glossary", "export", str(file))
    assert result.exit_code == ExitCode.INPUT
    assert "unsupported glossary format '.xml'; expected .csv, .tsv, .tbx" in result.stderr
    assert not file.exists()
    assert _invoke(project, "glossary", "export", str(file), "--file-format", "tbx", "--tbx-version", "2008").exit_code == 0
    assert b"<martif" in file.read_bytes()


def test_format_as_the_file_format_is_a_deprecated_alias_and_json_needs_a_file(project, tmp_path):
    """--format is the report (text, json) on every command; glossary export's file format was --format
    before it was --file-format, and that spelling still works, with one warning."""
    result = _invoke(project, "glossary", "export", "-", "--format", "csv")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"id,ru,")
    assert result.stderr.count("deprecated") == 1 and "use --file-format csv" in result.stderr
    result = _invoke(project, "glossary", "export", "-", "--format", "csv", "--file-format", "tsv")
    assert result.exit_code == ExitCode.USAGE and result.stdout_bytes == b""
    for command in (["glossary", "export"], ["tm", "export"]):
        result = _invoke(project, *command, "-", "--format", "json")
        assert result.exit_code == ExitCode.USAGE and "give a FILE with --format json" in result.stderr
        assert json.loads(result.stdout)["exit_code"] == ExitCode.USAGE  # the failure document, no export
    file = tmp_path / "terms.tbx"
    result = _invoke(project, "glossary", "export", str(file), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["concepts"] == 24 and file.exists()
