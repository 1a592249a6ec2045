"""Shared test helpers: a throw-away translation project and a CLI runner."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import sqlite3

import polib
from click.testing import CliRunner

from translate_pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "articles" / "kamaz-kazakhstan.ru.txt"


def needs_extra(module: str, extra: str):
    """``module`` of the optional ``extra`` (pyproject.toml), imported; the test is skipped without it
    (``pip install -e '.[test]'`` alone), but fails in CI (``CI`` set: ``.ci/run`` installs every extra)."""
    import importlib

    import pytest

    if os.environ.get("CI"):
        return importlib.import_module(module)
    where = Path(sys._getframe(1).f_code.co_filename).name  # pytest may report the skip at this line: say whose
    return pytest.importorskip(module, reason=f"{where} needs the [{extra}] extra: pip install -e '.[{extra}]'")


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run(project: Path, *args: str) -> CliResult:
    """Run ``translate-pipeline -C project ARGS`` in-process."""
    result = CliRunner().invoke(main, ["-C", str(project), *args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def command_document(command: str, stdout: str, code: int | None = None) -> dict:
    """The ``--format json`` document on ``stdout``: parsed, checked against ``command``'s JSON Schema in
    the package (formats such as dates checked too) and, with ``code``, saying that exit status."""
    from jsonschema import Draft202012Validator, FormatChecker

    from translate_pipeline.cli.common import FORMAT_VERSION, schema_file

    document = json.loads(stdout)
    schema = json.loads(schema_file(command).read_text(encoding="utf-8"))
    Draft202012Validator(schema, registry=_schemas(), format_checker=FormatChecker()).validate(document)
    assert document["command"] == command and document["format_version"] == FORMAT_VERSION
    if code is not None:
        assert document["exit_code"] == code
    return document


def _schemas():
    """Every schema of the package by its ``$id``, so that their ``$ref`` to common.schema.json resolve."""
    from referencing import Registry, Resource

    from translate_pipeline.cli.common import schema_file

    resources = []
    for path in schema_file("common").parent.iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def new_project(tmp_path: Path, article: str = "kamaz-kazakhstan.ru.txt") -> Path:
    """A project directory with one fixture article under articles/."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURES / article, project / "articles" / article)
    return project


def foreign_database(path: Path) -> None:
    """Another program's SQLite database at ``path`` (a table ``contacts`` with one row): what every
    store of the project must refuse and leave as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('somebody')")
    db.close()


def po(project: Path, lang: str, name: str = "kamaz-kazakhstan") -> polib.POFile:
    return polib.pofile(str(project / "locales" / lang / "LC_MESSAGES" / f"{name}.po"))


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file under locales/ with its bytes, to prove a run changed nothing."""
    root = project / "locales"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def notes(suggestion) -> dict[str, str]:
    """The lines a suggestion adds besides Origin and MT-raw, by key (the last line of each key)."""
    from translate_pipeline.catalog.provenance import Key

    return {key.value: value for key, value in suggestion.provenance.lines if key not in (Key.ORIGIN, Key.MT_RAW)}


# For kill_at_marker: hangs in the fsync of the first file whose name starts with argv[2] (a temporary
# file being written: ``.news.po.``), then runs the CLI with the remaining arguments.
HANG_IN_FSYNC = """
import os, sys, time
from pathlib import Path
real = os.fsync
marker, victim = Path(sys.argv[1]), sys.argv[2]
def fsync(fd):
    if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(victim):
        marker.write_text("in the write window")
        time.sleep(60)
    return real(fd)
os.fsync = fsync
from translate_pipeline.cli import main
sys.argv = ["translate-pipeline"] + sys.argv[3:]
main()
"""


# For kill_at_marker: stops ``replace_unless_changed`` of the file named argv[2] between its two renames (the
# catalog moved aside as ``.<name>.<random>.tmp.old``, the new one not linked yet), then runs the CLI.
BETWEEN_THE_RENAMES = """
import os, sys, time
from pathlib import Path
from translate_pipeline.core import fs
marker, victim = Path(sys.argv[1]), sys.argv[2]
real = fs._link
def link(source, target):
    if Path(target).name == victim and str(source).endswith(".tmp"):
        marker.write_text("moved aside, not linked yet")
        time.sleep(60)
    return real(source, target)
fs._link = link
from translate_pipeline.cli import main
sys.argv = ["translate-pipeline"] + sys.argv[3:]
main()
"""


def kill_at_marker(script: str, marker: Path, *args: str, while_alive: Callable[[], None] | None = None,
                   timeout: float = 60.0, sig: int = signal.SIGKILL) -> subprocess.CompletedProcess:
    """A scripted kill -9: run ``python -c script MARKER ARGS…`` (this checkout's package) until the
    script writes ``marker`` at the moment under test, then ``while_alive()``, then send it ``sig``
    (SIGKILL unless told: then it must die of it).  Returns the ended process with its output."""
    root = Path(__file__).resolve().parents[1]
    marker.unlink(missing_ok=True)
    process = subprocess.Popen([sys.executable, "-c", script, str(marker), *args], cwd=root,
                               env=os.environ | {"PYTHONPATH": str(root)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the command never reached the moment to kill it"
            time.sleep(0.02)
        if while_alive is not None:
            while_alive()
        os.kill(process.pid, sig)
    finally:
        stdout, stderr = process.communicate(timeout=timeout)
    if sig == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    return subprocess.CompletedProcess(process.args, process.returncode, stdout.decode(), stderr.decode())
