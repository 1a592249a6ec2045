"""Shared test helpers: a throw-away translation project and a CLI runner."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import polib
from click.testing import CliRunner

from translate_pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "articles" / "kamaz-kazakhstan.ru.txt"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run(project: Path, *args: str) -> CliResult:
    """Run ``translate-pipeline -C project ARGS`` in-process."""
    result = CliRunner().invoke(main, ["-C", str(project), *args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def new_project(tmp_path: Path, article: str = "kamaz-kazakhstan.ru.txt") -> Path:
    """A project directory with one fixture article under articles/."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURES / article, project / "articles" / article)
    return project


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
