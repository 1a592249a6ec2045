"""What a publish run did, per article × language: the ``--check`` summary and ``--format json``.

The JSON report is :func:`to_dict` inside the envelope every command's ``--format json`` has
(``command``, ``format_version``, ``exit_code``, ``seconds``, ``problems``); its JSON Schema is
``translate_pipeline/data/schemas/v1/publish.schema.json`` (draft 2020-12), with the others.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from translate_pipeline.publish import clock
from translate_pipeline.publish.gate import MALFORMED, NO_CATALOG
from translate_pipeline.publish.run import PublishResult

READY = "ready"  # passes the gate (--check) or published
REFUSED = "refused"
KEPT = "kept"  # refused now, the edition published earlier left on the site


@dataclass
class Cell:
    """One language of one article."""

    status: str
    reasons: Counter = field(default_factory=Counter)  # blocker reason → sentences ("fuzzy": 2); "no catalog": 1

    def text(self) -> str:
        if self.status == READY:
            return READY
        why = ", ".join(reason if reason in (NO_CATALOG, MALFORMED) or reason.startswith("derived") else f"{n} {reason}"
                        for reason, n in self.reasons.most_common())
        return f"{self.status}: {why}" if self.status == KEPT else why or self.status


def cells(result: PublishResult) -> dict[str, dict[str, Cell]]:
    """``{article: {lang: Cell}}`` in the order the run met them."""
    table: dict[str, dict[str, Cell]] = {}
    for doc in result.published:
        table.setdefault(doc.name, {})[doc.lang] = Cell(READY)
    kept = {(k.article, k.lang) for k in result.kept}
    for report in result.refused:
        reasons = Counter(m.reason for m in report.missing)
        if report.derived_from:
            reasons = Counter({f"derived from {report.derived_from}": 1})
        table.setdefault(report.article, {})[report.lang] = Cell(
            KEPT if (report.article, report.lang) in kept else REFUSED, reasons)
    return table


def summary_lines(result: PublishResult, langs: list[str], max_rows: int = 30) -> list[str]:
    """The one-screen summary ``publish --check`` ends with: a row per article not ready in every
    language (at most ``max_rows``), how many are, and the count per language."""
    table = cells(result)
    langs = [lang for lang in langs if any(lang in row for row in table.values())] or langs
    blocked = {name: row for name, row in table.items() if any(c.status != READY for c in row.values())}
    lines = [f"summary: {len(table)} article(s), languages {', '.join(langs)}"]
    if blocked:
        rows = [["article", *langs]] + [[name, *(row[lang].text() if lang in row else "-" for lang in langs)]
                                         for name, row in list(blocked.items())[:max_rows]]
        widths = [min(max(len(r[i]) for r in rows), 28) for i in range(len(rows[0]))]
        lines += ["  " + "  ".join(_cut(cell, w).ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
        if len(blocked) > max_rows:
            lines.append(f"  … and {len(blocked) - max_rows} more article(s) not ready (listed above)")
    ready_all = len(table) - len(blocked)
    lines.append(f"ready in every language: {ready_all} article(s); not ready: {len(blocked)}")
    per_lang = []
    for lang in langs:
        ready = sum(1 for row in table.values() if lang in row and row[lang].status == READY)
        total = sum(1 for row in table.values() if lang in row)
        per_lang.append(f"{lang} {ready}/{total}")
    lines.append("ready per language: " + ", ".join(per_lang))
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def to_dict(result: PublishResult, check: bool, out: Path | None, shown: Callable[[Path], str] = str) -> dict[str, Any]:
    """The report's own fields of ``publish --format json``; ``shown`` writes paths (the CLI: relative to
    the project).  A malformed catalog and the refusal are the envelope's ``problems``."""
    table = cells(result)
    dates = {(d.name, d.lang): d for d in result.published}
    articles = []
    for name, row in table.items():
        languages = {}
        for lang, cell in row.items():
            item: dict[str, Any] = {"status": cell.status, "reasons": dict(cell.reasons)}
            doc = dates.get((name, lang))
            if doc is not None:
                item |= {"date": clock.iso(doc.date), "modified": clock.iso(doc.modified) if doc.modified else None}
            languages[lang] = item
        articles.append({"article": name, "languages": languages})
    blockers = [{"article": r.article, "lang": r.lang, "file": shown(r.po_path) if r.po_path else None,
                 "line": m.po_line or None, "reason": m.reason, "source_line": m.line or None,
                 "detail": m.detail or None, "text": m.msgid}
                for r in result.refused for m in r.missing]
    return {
        "check": check,
        "out": shown(out) if out is not None else None,
        "articles": articles,
        "blockers": blockers,
        "kept": [{"article": k.article, "lang": k.lang, "since": k.since or None, "reason": k.reason}
                 for k in result.kept],
        "unpublished": [{"article": u.article, "lang": u.lang, "since": u.since} for u in result.unpublished],
        "written": [shown(p) for p in result.written],
        "unchanged": [shown(p) for p in result.unchanged],
        "removed": [shown(p) for p in result.removed],
        "base_url": result.base_url,
        "base_url_changed": {"from": result.base_url_changed[0], "to": result.base_url_changed[1]}
        if result.base_url_changed else None,
        "notes": list(result.notes),
    }
