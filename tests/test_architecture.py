"""The package's data flow is enforced: import-linter's contracts in pyproject.toml must hold."""
from __future__ import annotations

import ast
import inspect
import os
import shutil
import subprocess
from pathlib import Path

import pytest

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
    from translate_pipeline.publish.run import EDITIONS, RENDERERS

    assert EDITIONS == tuple(RENDERERS) == ("html", "md", "txt", "json")
    for fmt, renderer in RENDERERS.items():
        params = list(inspect.signature(renderer).parameters.values())
        assert [(p.name, p.annotation) for p in params] == [("edition", "Edition")], fmt
        assert inspect.signature(renderer).return_annotation == "str", fmt


# --- language tags live in core/langs.py -----------------------------------------------------------

PACKAGE = ROOT / "translate_pipeline"
LANGS = PACKAGE / "core" / "langs.py"
_SUBTAG_SEPARATORS = {"-", "_"}
_SPLITTERS = {"split", "rsplit", "partition", "rpartition"}
_SCRIPT_NAMES = {"latin", "cyrillic"}  # core.text.script_of's names; Tag.coarse_script maps languages to them


def _splits_on_a_subtag_separator(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SPLITTERS
            and bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value in _SUBTAG_SEPARATORS)


def _first_part(index: ast.AST) -> bool:
    if isinstance(index, ast.Constant):
        return index.value == 0
    return (isinstance(index, ast.Slice) and index.upper is not None and isinstance(index.upper, ast.Constant)
            and index.upper.value == 1 and (index.lower is None or getattr(index.lower, "value", None) == 0))


def tag_handling_outside_langs(source: str) -> list[tuple[int, str]]:
    """(line, what) for every ad-hoc language-tag parse or script table in ``source``.

    Flagged: the first part of a string split on ``-`` or ``_`` (``code.split("-")[0]``,
    ``code.partition('_')[0]``, ``code.rsplit("-", 1)[:1]``), unpacking such a split
    (``lang, _, _ = code.partition("-")``), and a dict literal mapping keys to the script names
    ``"latin"``/``"cyrillic"`` (a language → script table).
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and _splits_on_a_subtag_separator(node.value) and _first_part(node.slice):
            found.append((node.lineno, f"{ast.unparse(node)}: the primary subtag by hand"))
        elif (isinstance(node, ast.Assign) and _splits_on_a_subtag_separator(node.value)
                and isinstance(node.targets[0], ast.Tuple)):
            found.append((node.lineno, f"{ast.unparse(node)}: subtags unpacked by hand"))
        elif isinstance(node, ast.Dict) and any(isinstance(v, ast.Constant) and v.value in _SCRIPT_NAMES
                                                for v in node.values):
            found.append((node.lineno, "a language → script table"))
    return found


def test_language_tags_are_parsed_only_in_core_langs():
    """Issue 18: ``"kk-Latn".split("-")[0]`` made the script check read Latin Kazakh as Cyrillic."""
    offences = [f"{path.relative_to(ROOT)}:{line}: {what} (use translate_pipeline.core.langs.Tag)"
                for path in sorted(PACKAGE.rglob("*.py")) if path != LANGS
                for line, what in tag_handling_outside_langs(path.read_text(encoding="utf-8"))]
    assert offences == [], "\n".join(offences)


@pytest.mark.parametrize("snippet", [
    'base = lang.split("-")[0]',
    "base = lang.split('-')[0]",
    'base = lang.split("_", 1)[0]',
    'base = code.replace("_", "-").rsplit("-", 1)[:1]',
    'base = tag.partition("-")[0]',
    'language, _, region = tag.partition("_")',
    'script = {"en": "latin", "kk": "cyrillic"}.get(lang)',
    'forms = WORDS.get(lang.lower().split("-")[0], {})',
])
def test_the_tag_rule_catches_a_violation(snippet):
    assert tag_handling_outside_langs(snippet)


@pytest.mark.parametrize("snippet", [
    'first = line.split(",")[0]', 'key, _, value = text.partition("=")', 'last = name.split("-")[1]',
    'NAMES = {"latn": "Latin"}',
])
def test_the_tag_rule_leaves_other_splits_alone(snippet):
    assert tag_handling_outside_langs(snippet) == []


# --- provenance: the managed #. lines are spelled in catalog/provenance.py only ---------------

PROVENANCE_MODULE = Path("catalog") / "provenance.py"
PROVENANCE_LITERALS = ("Origin:", "MT-raw:")


def provenance_literals(package: Path) -> list[str]:
    """``path:line: literal`` for every managed-line literal in a module of ``package`` other than the
    provenance module (code, comments and docstrings alike: a grep, as issue 18 asks)."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package) == PROVENANCE_MODULE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(package.parent)}:{number}: {literal}"
                      for literal in PROVENANCE_LITERALS if literal in line]
    return found


def test_only_the_provenance_module_writes_or_reads_the_managed_lines():
    assert provenance_literals(ROOT / "translate_pipeline") == []


def test_the_provenance_check_finds_a_module_that_spells_the_lines_itself(tmp_path):
    package = tmp_path / "translate_pipeline"
    shutil.copytree(ROOT / "translate_pipeline", package, ignore=shutil.ignore_patterns("__pycache__"))
    with (package / "review" / "stats.py").open("a", encoding="utf-8") as module:
        module.write('\n\ndef engine(value):\n    return value.removeprefix("Origin: MT ")\n')
    (package / "publish" / "extra.py").write_text('"""Reads the ``MT-raw:`` line."""\n', encoding="utf-8")
    lines = len((ROOT / "translate_pipeline" / "review" / "stats.py").read_text(encoding="utf-8").splitlines())
    assert provenance_literals(package) == ["translate_pipeline/publish/extra.py:1: MT-raw:",
                                            f"translate_pipeline/review/stats.py:{lines + 4}: Origin:"]
