"""The optional dependencies (pyproject.toml's extras) a bench script needs, checked before it starts.

A script declares them as a module constant, ``EXTRAS = ("bench",)``; ``require(EXTRAS)`` in its
``main()`` stops it with one line naming what is missing and the install command (instead of a
``ModuleNotFoundError`` traceback half-way), and ``tests/test_bench_smoke.py`` reads the same
constant to skip the script where the extra is not installed (never in CI: ``.ci/run`` installs
every extra).
"""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: tomli, a dependency of the package there
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements(extra: str) -> list[str]:
    """The distribution names of ``extra`` (``"bench"`` → ``["razdel"]``); KeyError for an unknown extra."""
    with PYPROJECT.open("rb") as handle:
        extras = tomllib.load(handle)["project"]["optional-dependencies"]
    return [re.match(r"[A-Za-z0-9._-]+", requirement).group() for requirement in extras[extra]]


def missing(extras: tuple[str, ...]) -> list[str]:
    """``"razdel (the [bench] extra)"`` for every distribution of ``extras`` that is not installed."""
    gone = []
    for extra in extras:
        for name in requirements(extra):
            try:
                metadata.version(name)
            except metadata.PackageNotFoundError:
                gone.append(f"{name} (the [{extra}] extra)")
    return gone


def install_hint(extras: tuple[str, ...]) -> str:
    return f"pip install -e '.[{','.join(extras)}]'"


def require(script: str, extras: tuple[str, ...]) -> None:
    """Exit with one line (status 1) when something of ``extras`` is not installed."""
    gone = missing(extras)
    if gone:
        sys.exit(f"{script} needs {', '.join(gone)}: {install_hint(extras)}")
