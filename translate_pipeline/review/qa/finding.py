"""What a check reports (:class:`Problem`) and what the runner makes of it (:class:`Finding`).

Checks only see text, so they return bare problems; the runner knows which
catalog and entry the text came from and turns each problem into a finding.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Problem:
    """One thing a check found wrong; ``severity`` None means the check's default."""

    message: str
    severity: str | None = None
    side: str = "target"  # "source" when the msgid itself is at fault


@dataclass(frozen=True)
class Finding:
    """A problem located in a catalog: enough for a translator to jump to the entry."""

    article: str
    lang: str
    check: str
    severity: str
    message: str
    msgid: str | None  # None for a finding on the whole file (its header, its provenance)
    path: str  # the PO file
    line: int | None  # line of the entry in the PO file; None with ``msgid``
    reference: str | None = None  # first ``#:`` occurrence, e.g. ``articles/x.ru.txt:3``
    fuzzy: bool = False
    side: str = "target"  # "source" when the problem is in the msgid itself

    def to_dict(self) -> dict:
        return asdict(self)


def severity_counts(findings) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}`` — every severity present, zeros included."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
