"""Quality checks over translated catalogs (the ``check`` command).

Public API:

- :func:`check_articles` (the ``check`` command: a :class:`CheckReport`), :func:`check_project`, :func:`catalog_findings`,
  :func:`catalog_severity_counts` — findings for named articles, the project, one catalog, and its
  counts by severity (for stats);
- :class:`QARun` — settings and glossary loaded once; ``.catalog(po, name, lang)``;
- :func:`run_checks` / :func:`check_catalog` — the same on in-memory text or catalogs;
- :func:`mixed_script_words` / :func:`source_notes` — homoglyph words like ``Нyundai``
  (offsets / ready-made messages, for extract-time warnings);
- :data:`~translate_pipeline.review.qa.registry.CHECKS` via :func:`all_checks`.
"""
from translate_pipeline.core.text import (
    describe_mixed,
    homoglyph_fix,
    mixed_script_words,
    source_notes,
)
from translate_pipeline.review.qa.finding import Finding, Problem, severity_counts
from translate_pipeline.review.qa.registry import all_checks, register
from translate_pipeline.review.qa.runner import (
    CheckReport,
    QARun,
    catalog_findings,
    catalog_severity_counts,
    check_articles,
    check_catalog,
    check_project,
    disabled_by_flags,
    run_checks,
)

__all__ = [
    "CheckReport",
    "Finding",
    "Problem",
    "QARun",
    "all_checks",
    "catalog_findings",
    "catalog_severity_counts",
    "check_articles",
    "check_catalog",
    "check_project",
    "describe_mixed",
    "disabled_by_flags",
    "homoglyph_fix",
    "mixed_script_words",
    "register",
    "run_checks",
    "severity_counts",
    "source_notes",
]

# Importing the check modules registers them; every import of a review.qa module runs this first.
import translate_pipeline.review.qa.checks  # noqa: E402,F401
