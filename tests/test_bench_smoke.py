"""Issue 21, item 8: every bench/ script still runs (``--smoke``: tiny sizes, seconds).

The figures themselves stay out of the tests (they are ratios measured on a
quiet machine, see README "Performance"); this only proves that no script has
rotted: each one is found by listing ``bench/*.py``, so a new script is covered
without touching this file, and runs in a subprocess as a user would start it.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


def _is_script(path: Path) -> bool:
    """A file with an ``if __name__ == "__main__":`` block (the rest are helper modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) for node in tree.body)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _times_something(path: Path) -> bool:
    """Whether the script reads a clock (its figures are timings, so the machine's load must go with them)."""
    return any(clock in path.read_text(encoding="utf-8") for clock in ("perf_counter", "process_time", "monotonic",
                                                                      "timeit", "time.time("))


FILES = sorted(BENCH.glob("*.py"))
SCRIPTS = [path for path in FILES if _is_script(path)]
# Not the scripts': Ray's session logs, onnxruntime's telemetry id (imported by argostranslate → stanza).
THIRD_PARTY = {"ray", ".ses"}
SLOW = {"distributed.py", "glossary_match.py", "mt_throughput.py", "pivot_enforce.py"}  # models built, Ray started: 5–40 s


def test_every_bench_file_is_a_script_or_used_by_one():
    """A helper module (bench/corpus.py) is smoke-tested through the scripts that import it."""
    assert SCRIPTS, "no bench scripts found"
    used = set().union(*(_imports(path) for path in SCRIPTS))
    helpers = [path for path in FILES if path not in SCRIPTS]
    assert all(path.stem in used for path in helpers), [p.name for p in helpers if p.stem not in used]


@pytest.mark.parametrize(
    "script", [pytest.param(p, id=p.name, marks=[pytest.mark.slow] if p.name in SLOW else []) for p in SCRIPTS])
def test_bench_script_runs_in_smoke_mode(script, tmp_path):
    assert "--smoke" in script.read_text(encoding="utf-8"), f"{script.name} needs a --smoke mode"
    # A short TMPDIR of its own: Ray's socket paths under it must stay within AF_UNIX's 107 bytes.
    temp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        env = os.environ | {"PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]), "TMPDIR": str(temp)}
        result = subprocess.run([sys.executable, str(script), "--smoke"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{script.name} --smoke failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        assert result.stdout.strip(), f"{script.name} --smoke printed nothing"
        if _times_something(script):  # accuracy figures (bench/kazakh.py) do not depend on the load
            assert "load" in result.stdout, f"{script.name}: timings must be reported with the machine's load"
        left = [p.name for p in temp.iterdir() if p.name not in THIRD_PARTY]
        assert not left, f"{script.name} left temporary files behind: {left}"
    finally:
        shutil.rmtree(temp, ignore_errors=True)
