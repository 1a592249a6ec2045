"""The review gate: may this language of this article be published, and under which policy?

Editors publish only reviewed text without error-level QA findings by default, by
the rule ``stats`` reports as ``ready`` (:mod:`translate_pipeline.review.readiness`).  The
escape hatches are explicit (``allow_fuzzy``, ``untranslated``, ``allow_qa_errors``)
and every unreviewed sentence they let through is marked in the output, so reviewed
and unreviewed text are never silently mixed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import polib

from translate_pipeline.catalog.state import entry_index
from translate_pipeline.review.readiness import (  # noqa: F401  (reasons re-exported for callers of the gate)
    FUZZY,
    HEADER,
    MALFORMED,
    NO_CATALOG,
    NOT_IN_CATALOG,
    QA_ERROR,
    UNTRANSLATED,
    Blocker,
    blockers,
    header_blockers,
)
from translate_pipeline.source.article import Article

UNTRANSLATED_POLICIES = ("skip", "source")


@dataclass(frozen=True)
class Policy:
    allow_fuzzy: bool = False  # publish fuzzy drafts (MT/TM), marked as machine-translated
    untranslated: str | None = None  # None = refuse, "skip" = leave out, "source" = show the source, marked
    allow_qa_errors: bool = False  # publish sentences with error-level QA findings

    def __post_init__(self) -> None:
        if self.untranslated not in (None, *UNTRANSLATED_POLICIES):
            raise ValueError(f"untranslated policy must be one of {UNTRANSLATED_POLICIES}")


@dataclass
class GateReport:
    article: str
    lang: str
    po_path: Path | None
    missing: list[Blocker] = field(default_factory=list)
    derived_from: str | None = None  # kk-Latn: refused because its kk edition was

    @property
    def ok(self) -> bool:
        return not self.missing

    def lines(self, shown: Callable[[Path], str] = str) -> list[str]:
        """One line per blocking sentence, ``file:line: reason: text`` like compiler errors.

        ``shown`` writes the PO path (the CLI makes it relative to the project).
        """
        where = shown(self.po_path) if self.po_path else self.article
        if self.derived_from:
            return [f"{where}: {self.lang} is made from {self.derived_from}, which is not ready (see above)"]
        out = []
        for m in self.missing:
            if m.reason == NO_CATALOG:
                out.append(f"{where}: {NO_CATALOG} (run update or translate first)")
                continue
            if m.reason == MALFORMED:
                out.append(f"{where}: {MALFORMED} (its error above names the line: fix the file)")
                continue
            if m.reason == HEADER:
                out.append(f"{where}: {m.msgid} (run update to repair it)")  # "header …"
                continue
            loc = f"{where}:{m.po_line}" if m.po_line else where
            text = m.msgid if len(m.msgid) <= 70 else m.msgid[:67] + "…"
            detail = f" {m.detail}:" if m.detail else ""
            out.append(f"{loc}: {m.reason} (source line {m.line}):{detail} {text}")
        return out


# What unblocks each reason: its fix, and the policy that publishes it anyway (if there is one).
REMEDIES = {
    NO_CATALOG: "no catalog: run update or translate first",
    MALFORMED: "a malformed catalog: fix the file (its error names the line)",
    HEADER: "a broken catalog header: run update to repair it",
    NOT_IN_CATALOG: "sentences not in the catalog: run update, or publish them with --untranslated skip|source",
    UNTRANSLATED: "untranslated sentences: translate them, or --untranslated skip|source",
    FUZZY: "fuzzy drafts: review them, or publish them with --allow-fuzzy",
    QA_ERROR: "QA errors: fix them, or --allow-qa-errors",
}


def remedies(reports: Iterable[GateReport]) -> list[str]:
    """What would unblock ``reports``: one :data:`REMEDIES` line per reason among their blocking sentences.

    Only the reasons still blocking under the run's policy are there (the gate dropped the ones an option
    given allows), so a hint never names an option that would change nothing."""
    reasons = {blocker.reason for report in reports for blocker in report.missing}
    return [text for reason, text in REMEDIES.items() if reason in reasons]


def check(article: Article, lang: str, po: polib.POFile | None, policy: Policy = Policy(),
          po_path: Path | None = None, findings: Iterable = (), malformed: bool = False) -> GateReport:
    """List the sentences that stop ``lang`` from being published under ``policy``.

    ``po`` None: there is no catalog, or (``malformed``) one that could not be read.

    ``findings`` are the catalog's QA findings (:meth:`translate_pipeline.review.qa.QARun.catalog`);
    the rule is :func:`translate_pipeline.review.readiness.blockers`, the one ``stats`` uses.
    """
    report = GateReport(article.name, lang, po_path)
    if po is None:
        report.missing.append(Blocker(MALFORMED if malformed else NO_CATALOG, str(po_path or ""), 0))
        return report
    entries = entry_index(po)
    unique = {seg.text: seg.line for seg in reversed(article.segments)}  # first occurrence's line
    sentences = [(text, unique[text], entries.get(text)) for text in dict.fromkeys(s.text for s in article.segments)]
    report.missing = blockers(sentences, findings, allow_fuzzy=policy.allow_fuzzy,
                              allow_untranslated=policy.untranslated is not None,
                              allow_qa_errors=policy.allow_qa_errors) + header_blockers(po, lang)
    return report
