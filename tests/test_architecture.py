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
