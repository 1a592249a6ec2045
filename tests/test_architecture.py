"""The package's data flow is enforced: import-linter's contracts in pyproject.toml must hold."""
from __future__ import annotations

import inspect
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint(root: Path) -> subprocess.CompletedProcess:
    lint = shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra: pip install -e '.[test]'"
    env = {**os.environ, "PYTHONPATH": str(root)}  # the package under ``root``, not the installed one
    return subprocess.run([lint, "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120, env=env)


def test_import_contracts_hold():
    """Layers (core ← source ← catalog ← {tm, glossary, mt} ← pretranslate ← workflow ← cli), review and
    publish never importing pre-translation, MT engines or the jobs, no import cycles, and a cli that
    only parses and prints."""
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_cli_contract_refuses_libraries_and_stage_internals(tmp_path):
    """The cli contract is no formality: a copy of the package whose cli imports tomlkit (a library
    that does the work), sqlite3 (the standard library counts too) or a catalog module breaks it,
    each import named; the other contracts still hold."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "translate_pipeline", tmp_path / "translate_pipeline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    common = tmp_path / "translate_pipeline" / "cli" / "common.py"
    common.write_text(common.read_text("utf-8") + "\nimport sqlite3\nimport tomlkit\n"
                      "from translate_pipeline.catalog import io\n", "utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "3 kept, 1 broken" in done.stdout, done.stdout[-3000:]
    report = " ".join(done.stdout.split())  # import-linter wraps long lines
    for module in ("tomlkit", "sqlite3", "translate_pipeline.catalog"):
        assert f"translate_pipeline.cli is not allowed to import {module}" in report


def test_every_publish_format_renders_one_edition():
    """One renderer signature for every format: ``(edition: Edition) -> str``, one registry entry per format."""
    from translate_pipeline.publish.run import FORMATS, RENDERERS

    assert FORMATS == tuple(RENDERERS) == ("html", "md", "txt", "json")
    for fmt, renderer in RENDERERS.items():
        params = list(inspect.signature(renderer).parameters.values())
        assert [(p.name, p.annotation) for p in params] == [("edition", "Edition")], fmt
        assert inspect.signature(renderer).return_annotation == "str", fmt
