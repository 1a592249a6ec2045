"""Run the enabled checks over PO catalogs and locate each problem.

The header is checked once per catalog (``header``: what gettext tools would
reject, see :mod:`translate_pipeline.catalog.header`; always on).
Which entries: never obsolete ones or the header; source-side checks on every
entry; target-side checks only where there is a translation (fuzzy included,
marked as such — an unreviewed MT suggestion is exactly what needs review).

Switching checks off: per project with ``[qa] disabled``; per entry with a
classic PO flag line — ``#, no-qa`` skips every check, ``#, no-qa-<check>``
(e.g. ``#, no-qa-numbers``) one of them.  Poedit keeps unknown flags.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import polib

from translate_pipeline.catalog.header import header_problems
from translate_pipeline.catalog.provenance_store import ProvenanceStore, Restored, open_store, read_restored
from translate_pipeline.catalog.state import EntryState, entry_state
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.project import catalog_names, po_path, require_catalogs
from translate_pipeline.core.settings import ProjectConfig, QATable
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Finding, Problem, severity_counts
from translate_pipeline.review.qa.registry import CHECK_FAILED, Check, all_checks
from translate_pipeline.review.qa.settings import check_context, load_settings
from translate_pipeline.source.readers import MARKDOWN_SUFFIXES, article_names

NO_QA = "no-qa"


def disabled_by_flags(flags: Iterable[str]) -> set[str] | None:
    """Check names an entry's flags switch off; None means all of them."""
    names = set()
    for flag in flags:
        if flag == NO_QA:
            return None
        if flag.startswith(NO_QA + "-"):
            names.add(flag[len(NO_QA) + 1 :])
    return names


def is_markdown_entry(entry: polib.POEntry) -> bool:
    """The entry's ``#:`` references name a Markdown article (or it has none): its markup renders."""
    return not entry.occurrences or any(
        path.lower().endswith(MARKDOWN_SUFFIXES) for path, _ in entry.occurrences)


def run_checks(source: str, target: str, ctx: CheckContext, checks: Iterable[Check]) -> list[tuple[Check, Problem]]:
    """Every problem the given checks see in one sentence pair (``target`` may be empty).

    A check that raises is reported as a :data:`~.registry.CHECK_FAILED` problem naming it and the
    exception's first line (what it found before raising is kept): one entry's odd text never
    stops a command that checks the whole project.
    """
    out = []
    for check in checks:
        if check.target and not target:
            continue
        try:
            for problem in check.func(source, target, ctx):
                out.append((check, problem))
        except Exception as exc:  # any fault of any check: reported for this entry, the run goes on
            first = (str(exc).strip().splitlines() or [""])[0]
            reason = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
            out.append((CHECK_FAILED, Problem(f"the {check.name} check failed on this entry ({reason}); "
                                              f"check it by hand")))
    return out


def enabled_checks(settings: QATable) -> list[Check]:
    return [c for name, c in all_checks().items() if name not in settings.disabled]


def check_catalog(
    catalog: polib.POFile,
    *,
    article: str,
    lang: str,
    path: str | Path,
    context: CheckContext,
    settings: QATable = QATable(),
) -> list[Finding]:
    """Findings for one parsed catalog: header problems first, then entries in order.

    A header gettext tools reject (see :func:`~translate_pipeline.catalog.header.header_problems`)
    is an error finding of the check ``header``, so ``check`` fails and ``stats`` says not ready.
    """
    checks = enabled_checks(settings)
    findings = [
        Finding(article=article, lang=lang, check="header", severity="error", message=message, msgid=None,
                path=str(path), line=None)
        for message in header_problems(catalog, lang)
    ]
    for entry in catalog:
        state = entry_state(entry)
        if not state.live:
            continue
        off = disabled_by_flags(entry.flags)
        if off is None:
            continue
        fuzzy = state is EntryState.FUZZY
        wanted = [c for c in checks if c.name not in off]
        ctx = context if is_markdown_entry(entry) else replace(context, markdown=False)
        for check, problem in run_checks(entry.msgid, entry.msgstr, ctx, wanted):
            severity = settings.severity.get(check.name) or problem.severity or check.severity
            findings.append(
                Finding(
                    article=article,
                    lang=lang,
                    check=check.name,
                    severity=severity,
                    message=problem.message,
                    msgid=entry.msgid,
                    path=str(path),
                    line=entry.linenum or None,
                    reference=":".join(filter(None, entry.occurrences[0])) if entry.occurrences else None,
                    fuzzy=fuzzy,
                    side=problem.side,
                )
            )
    return findings


PROVENANCE_CHECK = "provenance"  # the catalog's provenance had to be restored from the project store


def restoration_findings(restored: Restored, article: str, lang: str, path: str | Path) -> list[Finding]:
    """A warning of the check ``provenance`` when a catalog's managed lines were removed by another
    tool and restored from the project store (:mod:`~translate_pipeline.catalog.provenance_store`)."""
    if not restored:
        return []
    return [Finding(article=article, lang=lang, check=PROVENANCE_CHECK, severity="warning",
                    message=f"{restored.describe()}; update or translate writes them back", msgid=None,
                    path=str(path), line=None)]


class QARun:
    """Settings and glossary loaded once, shared by every catalog checked with it.

    ``stats`` uses one per run: ``QARun(config).catalog(catalog, name, lang)``
    checks a catalog it has already parsed.  ``store``: the project's provenance store, which
    :meth:`findings` restores removed lines from (and warns that it did).
    """

    def __init__(self, config: ProjectConfig, store: ProvenanceStore | None = None):
        from translate_pipeline.review.qa.glossary_adapter import glossary_verifier

        self.config = config
        self.store = store
        self.settings = load_settings(config)
        self.glossary = glossary_verifier(config) if "glossary" not in self.settings.disabled else None

    def context(self, lang: str) -> CheckContext:
        return check_context(self.settings, self.config.source_lang, lang, self.glossary)

    def catalog(self, catalog: polib.POFile, name: str, lang: str, restored: Restored = Restored()) -> list[Finding]:
        """Findings for an already parsed ``locales/<lang>/LC_MESSAGES/<name>.po`` (``restored``: what
        :func:`~translate_pipeline.catalog.provenance_store.read_restored` wrote back into it)."""
        path = po_path(self.config, lang, name)
        shown = path.relative_to(self.config.root) if path.is_relative_to(self.config.root) else path
        return restoration_findings(restored, name, lang, shown) + check_catalog(
            catalog, article=name, lang=lang, path=shown, context=self.context(lang), settings=self.settings)

    def findings(self, name: str, lang: str) -> list[Finding]:
        """Findings for the catalog on disk (empty if it does not exist)."""
        path = po_path(self.config, lang, name)
        if not path.exists():
            return []
        catalog, restored = read_restored(path, name, lang, self.store)
        return self.catalog(catalog, name, lang, restored)


def catalog_findings(config: ProjectConfig, name: str, lang: str) -> list[Finding]:
    """Findings for ``locales/<lang>/LC_MESSAGES/<name>.po`` (empty if it does not exist)."""
    return QARun(config).findings(name, lang)


def catalog_severity_counts(config: ProjectConfig, name: str, lang: str) -> dict[str, int]:
    """QA findings by severity for one article × language: ``{"error": n, "warning": n, "info": n}``."""
    return severity_counts(catalog_findings(config, name, lang))


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: ``findings`` by article, language and line, in ``catalogs`` catalogs
    read and checked (a malformed one is not: it is in the caller's ``problems``)."""

    findings: list[Finding]
    catalogs: int


def _check(config: ProjectConfig, names: list[str] | None, langs: list[str] | None,
           problems: list[PipelineError] | None) -> CheckReport:
    findings: list[Finding] = []
    catalogs = 0
    with open_store(config, create=False) as store:
        project = QARun(config, store)
        for lang in langs or config.target_langs:
            for name in names if names is not None else catalog_names(config, lang):
                if not po_path(config, lang, name).exists():
                    continue
                found = attempt(problems, lambda: project.findings(name, lang), "not checked: fix the file")
                if found is not None:
                    findings.extend(found)
                    catalogs += 1
    return CheckReport(findings, catalogs)


def check_project(config: ProjectConfig, names: list[str] | None = None, langs: list[str] | None = None,
                  problems: list[PipelineError] | None = None) -> list[Finding]:
    """Findings for the named articles (default: every catalog) in ``langs`` (default: all targets).

    A malformed catalog raises PipelineError (file:line); with ``problems`` it is appended
    there (with what to do) and the other catalogs are checked.
    """
    return _check(config, names, langs, problems).findings


def check_articles(config: ProjectConfig, articles: list[str], langs: list[str],
                   problems: list[PipelineError] | None = None) -> CheckReport:
    """The ``check`` command: findings for ``articles`` (names, article files, directories or PO paths:
    :func:`~translate_pipeline.source.readers.article_names`; none: every catalog) in ``langs``, by
    article, language and line, and how many catalogs were checked.

    Raises (:func:`~translate_pipeline.core.project.require_catalogs`) for a named article without a
    catalog in any of ``langs`` (PipelineError), and when there are no catalogs at all (Refused).
    A malformed catalog raises too (file:line); with ``problems`` it is appended there (with what
    to do), is not counted, and the other catalogs are checked.
    """
    names = article_names(config, articles)
    require_catalogs(config, langs, names)
    report = _check(config, names, langs, problems)
    return CheckReport(sorted(report.findings, key=lambda f: (f.article, f.lang, f.line or 0)), report.catalogs)
