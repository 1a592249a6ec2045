"""The package's data flow is enforced: import-linter's contracts in pyproject.toml must hold."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    """Layers (core ← source ← catalog ← {tm, glossary, mt} ← pretranslate ← workflow ← cli), review and
    publish never importing pre-translation or the jobs, and no import cycles."""
    lint = shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra: pip install -e '.[test]'"
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


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
