"""The check registry: every check is ``check(source, target, ctx) -> Iterable[Problem]``.

Babel-checker style: a check is a small function registered under a name with a
default severity.  ``target=False`` marks checks that look only at the source,
so the runner also applies them to untranslated entries.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import SEVERITIES, Problem

CheckFunc = Callable[[str, str, CheckContext], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    name: str
    func: CheckFunc
    severity: str
    target: bool  # needs a translation to say anything
    doc: str


CHECKS: dict[str, Check] = {}


def register(name: str, severity: str, *, target: bool = True) -> Callable[[CheckFunc], CheckFunc]:
    if severity not in SEVERITIES:
        raise ValueError(f"bad severity {severity!r}")

    def decorate(func: CheckFunc) -> CheckFunc:
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        CHECKS[name] = Check(name, func, severity, target, doc)
        return func

    return decorate


# A check that raised on an entry: reported for that entry instead of stopping `check`, `stats` or
# `publish` (an entry nobody could check is not passed either: error by default).  Not in CHECKS,
# so it cannot be switched off; its severity may be set in [qa.severity].
CHECK_FAILED = Check("check-failed", lambda source, target, ctx: (), "error", False,
                     "a check raised on this entry: it was not checked by it")


def all_checks() -> dict[str, Check]:
    """Every registered check (the package's ``__init__`` imports the check modules, which registers them)."""
    return CHECKS
