"""No command creates project state it does not write (new-user trial, §9).

Every command of click's command tree runs in an empty directory (a mistyped ``-C``) and in a
translated project.  A reading command, and any command that fails, must leave the directory's
file tree exactly as it was: no lock file, no ``locales/``, no ``tm/*.sqlite``, no export's
directory.  A new command fails ``test_the_table_covers_every_command`` until it has a row here.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from helpers import new_project, run
from test_exit_codes import leaf_commands

# the arguments each command runs with: in an empty directory every one of them must fail or only read
ARGS: dict[str, list[list[str]]] = {
    "extract": [[]],
    "update": [[]],
    "translate": [[], ["--no-mt"]],
    "stats": [[]],
    "check": [[]],
    "compile": [[]],
    "evaluate": [[]],
    "publish": [["--out", "site"], ["--check"]],
    "glossary list": [[]],
    "glossary add": [["завод", "-t", "xx=plant"]],  # not a language: bad input
    "glossary remove": [["нет-такого"]],
    "glossary check": [[]],
    "glossary import": [["missing.csv"]],
    "glossary export": [["no-such-dir/terms.tbx"]],
    "tm import": [["missing.tmx"]],
    "tm export": [["no-such-dir/out.tmx"]],
    "tm stats": [[]],
    "tm harvest": [[]],
    "mt cache stats": [[]],
    "mt cache clear": [[]],
    "models list": [[]],
    "models install": [["missing.argosmodel"]],
    "models remove": [["ru", "en"]],
    "models available": [[]],
    "models route": [["ru", "en"]],
    "models add": [["no-such-model-dir"]],
    "models check": [["ru", "kk"]],
}
# commands that only read the project: unchanged even when they succeed
READING = {"stats", "check", "evaluate", "publish --check", "glossary list", "glossary check", "tm stats",
           "mt cache stats", "models list", "models route", "models available", "models check"}
ROWS = [(command, args) for command, variants in ARGS.items() for args in variants]


def tree(directory: Path) -> dict[str, str]:
    """Every path under ``directory`` with what it is: a directory, or a file's SHA-256."""
    return {path.relative_to(directory).as_posix(): "dir" if path.is_dir() else
            hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(directory.rglob("*"))}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = new_project(tmp_path_factory.mktemp("translated"))
    assert run(project, "translate", "--no-mt").exit_code == 0
    return project


def test_the_table_covers_every_command():
    assert set(ARGS) == set(leaf_commands())


@pytest.mark.parametrize("place", ["empty", "project"])
@pytest.mark.parametrize("command,args", ROWS, ids=[f"{c}-{' '.join(a)}" for c, a in ROWS])
def test_reading_or_failing_leaves_the_tree_as_it_was(command, args, place, project, tmp_path, monkeypatch,
                                                     closed_port):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port}/")  # no index: offline
    here = tmp_path / "here"
    if place == "project":
        shutil.copytree(project, here)
    else:
        here.mkdir()
    monkeypatch.chdir(here)  # file arguments (TMX, CSV, --out) relative to it
    before = tree(here)
    result = run(here, *command.split(), *args)
    assert "Traceback" not in result.stderr
    name = f"{command} {args[0]}" if args and args[0] == "--check" else command
    # exit 1 is a gate that may say no after writing what passed it (publish, translate --require-mt)
    if place == "empty" or name in READING or result.exit_code >= 2:
        assert tree(here) == before, (result.exit_code, result.stderr)


def test_export_into_a_missing_directory_names_it(project, tmp_path):
    """Like ``cp``: a mistyped directory is an error naming it, never a new directory tree (exit 3)."""
    for args in (["tm", "export"], ["glossary", "export"]):
        target = tmp_path / "typo" / "deeper" / "out.tbx"
        result = run(project, *args, str(target))
        assert result.exit_code == 3, result.stderr
        assert f"error: {target.parent}: no such directory" in result.stderr
        assert not (tmp_path / "typo").exists()
    (tmp_path / "file").write_text("x")
    result = run(project, "tm", "export", str(tmp_path / "file" / "out.tmx"))
    assert result.exit_code == 3 and "not a directory" in result.stderr


def test_a_missing_articles_dir_stops_before_anything(tmp_path):
    """Not "1 file(s) skipped with errors": the directory itself is missing, and nothing is left behind."""
    for args in (["translate"], ["extract"], ["update"], ["publish", "--out", "site"], ["glossary", "check"]):
        result = run(tmp_path, *args)
        assert result.exit_code == 3
        assert "articles: no such directory" in result.stderr and "skipped" not in result.stdout
        assert list(tmp_path.iterdir()) == []


def test_tm_stats_and_export_of_a_project_without_a_tm(tmp_path):
    """An empty TM read as such: no units, and no tm/memory.sqlite made by reading."""
    assert "empty" in run(tmp_path, "tm", "stats").stdout
    result = run(tmp_path, "tm", "export", str(tmp_path / "out.tmx"))
    assert result.exit_code == 0 and "0 translation units written" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]
