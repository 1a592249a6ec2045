"""Issue 21, item 8: every bench/ script still runs (``--smoke``: tiny sizes, seconds).

The figures themselves stay out of the tests (they are ratios measured on a
quiet machine, see README "Performance"); this only proves that no script has
rotted: each one is found by listing ``bench/*.py``, so a new script is covered
without touching this file, and runs in a subprocess as a user would start it.
A script that needs an optional extra declares it (``EXTRAS = ("bench",)``, see
bench/extras.py) and is skipped where that extra is not installed -- except in CI
(``CI`` set, as ``.ci/run`` does), which installs every extra and must run them all.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
import extras  # noqa: E402  (bench/extras.py)


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


def declared_extras(path: Path) -> tuple[str, ...]:
    """The script's ``EXTRAS`` constant (empty when it declares none)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXTRAS" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    return ()


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
    needs = declared_extras(script)
    missing = extras.missing(needs)
    if missing and not os.environ.get("CI"):
        pytest.skip(f"{script.name} needs {', '.join(missing)}: {extras.install_hint(needs)}")
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


def test_scripts_declare_the_extras_they_need_and_ci_installs_every_extra():
    """A declared extra exists in pyproject.toml, a script that imports razdel or ray declares its extra
    (directly or through a bench module it imports), and .ci/run installs every extra there is."""
    declared = {path.name: declared_extras(path) for path in FILES}
    for name, needs in declared.items():
        for extra in needs:
            assert extras.requirements(extra), (name, extra)
    for path in SCRIPTS:
        imported = _imports(path)
        through = set().union(*(declared.get(f"{module}.py", ()) for module in imported))
        for module, extra in (("razdel", "bench"), ("ray", "ray")):
            uses = module in imported or any(module in _imports(BENCH / f"{m}.py") for m in imported
                                              if (BENCH / f"{m}.py").exists())
            if uses:
                assert extra in declared[path.name] or extra in through, f"{path.name} must declare EXTRAS = ({extra!r},)"
    with extras.PYPROJECT.open("rb") as handle:
        every = set(extras.tomllib.load(handle)["project"]["optional-dependencies"])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = {name for group in re.findall(r"-e '\.\[([a-z,]+)\]'", ci) for name in group.split(",")}
    assert installed == every, f".ci/run installs {sorted(installed)}, pyproject.toml has {sorted(every)}"
    assert re.search(r"^export [^\n]*\bCI=", ci, re.MULTILINE), ".ci/run must set CI: no extra may be skipped there"
