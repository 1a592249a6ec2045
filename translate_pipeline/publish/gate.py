"""The review gate: may this language of this article be published, and under which policy?

Editors publish only reviewed text by default.  The two escape hatches are
explicit (``allow_fuzzy``, ``untranslated``) and every sentence they let through
is marked in the output, so reviewed and unreviewed text are never silently mixed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate_pipeline.source.article import Article

UNTRANSLATED_POLICIES = ("skip", "source")

# Why a sentence blocks publication.
NO_CATALOG = "no catalog"
NOT_IN_CATALOG = "not in catalog"
UNTRANSLATED = "untranslated"
FUZZY = "fuzzy"


@dataclass(frozen=True)
class Policy:
    allow_fuzzy: bool = False  # publish fuzzy drafts (MT/TM), marked as machine-translated
    untranslated: str | None = None  # None = refuse, "skip" = leave out, "source" = show the source, marked

    def __post_init__(self) -> None:
        if self.untranslated not in (None, *UNTRANSLATED_POLICIES):
            raise ValueError(f"untranslated policy must be one of {UNTRANSLATED_POLICIES}")


@dataclass(frozen=True)
class Missing:
    reason: str  # NO_CATALOG | NOT_IN_CATALOG | UNTRANSLATED | FUZZY
    msgid: str
    line: int  # line of the sentence in the source article
    po_line: int | None = None  # line of the entry in the PO file


@dataclass
class GateReport:
    article: str
    lang: str
    po_path: Path | None
    missing: list[Missing] = field(default_factory=list)
    derived_from: str | None = None  # kk-Latn: refused because its kk edition was

    @property
    def ok(self) -> bool:
        return not self.missing

    def lines(self) -> list[str]:
        """One line per blocking sentence, ``file:line: reason: text`` like compiler errors."""
        where = str(self.po_path) if self.po_path else self.article
        if self.derived_from:
            return [f"{where}: {self.lang} is made from {self.derived_from}, which is not ready (see above)"]
        out = []
        for m in self.missing:
            if m.reason == NO_CATALOG:
                out.append(f"{where}: {NO_CATALOG} (run update or translate first)")
                continue
            loc = f"{where}:{m.po_line}" if m.po_line else where
            text = m.msgid if len(m.msgid) <= 70 else m.msgid[:67] + "…"
            out.append(f"{loc}: {m.reason} (source line {m.line}): {text}")
        return out


def entry_index(po: polib.POFile) -> dict[str, polib.POEntry]:
    """Live entries by msgid (the pipeline writes no msgctxt)."""
    return {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}


def check(article: Article, lang: str, po: polib.POFile | None, policy: Policy = Policy(),
          po_path: Path | None = None) -> GateReport:
    """List the sentences that stop ``lang`` from being published under ``policy``."""
    report = GateReport(article.name, lang, po_path)
    if po is None:
        report.missing.append(Missing(NO_CATALOG, str(po_path or ""), 0))
        return report
    entries = entry_index(po)
    seen: set[str] = set()
    for seg in article.segments:
        if seg.text in seen:
            continue
        seen.add(seg.text)
        entry = entries.get(seg.text)
        if entry is None:
            if policy.untranslated is None:
                report.missing.append(Missing(NOT_IN_CATALOG, seg.text, seg.line))
        elif not entry.msgstr:
            if policy.untranslated is None:
                report.missing.append(Missing(UNTRANSLATED, seg.text, seg.line, entry.linenum))
        elif "fuzzy" in entry.flags and not policy.allow_fuzzy:
            report.missing.append(Missing(FUZZY, seg.text, seg.line, entry.linenum))
    return report
