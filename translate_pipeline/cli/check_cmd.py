"""check: QA over the catalogs; exit status 1 when an error-level finding exists (a CI gate)."""
from __future__ import annotations

import click

from translate_pipeline.cli.common import (
    articles_argument,
    finish,
    format_option,
    lang_option,
    output,
    parse_langs,
    project_config,
    unread_catalogs,
)
from translate_pipeline.core.errors import PipelineError


def _finding(f) -> list[str]:
    """``file:line: severity: [check] message``, then the entry's msgid (shortened), like compiler
    output; a finding on the whole file (no msgid) is its first line only."""
    where = f"{f.path}:{f.line}" if f.line else f.path
    marks = "".join([" (fuzzy)" if f.fuzzy else "", " (source)" if f.side == "source" else ""])
    first = f"{where}: {f.severity}: [{f.check}] {f.message}{marks}"
    if f.msgid is None:
        return [first]
    return [first, f"    msgid: {f.msgid if len(f.msgid) <= 100 else f.msgid[:99] + '…'}"]


def _counts(findings, summary: dict[str, int], catalogs: int, problems: list[PipelineError]) -> str:
    """``1 error, 2 warnings in 3 catalog(s)``; ``no findings in 0 catalog(s); 1 catalog(s) could not be read …``."""
    counts = [f"{n} {severity}{'' if n == 1 or severity == 'info' else 's'}" for severity, n in summary.items()]
    return f"{', '.join(counts) if findings else 'no findings'} in {catalogs} catalog(s){unread_catalogs(problems)}"


@click.command("check")
@articles_argument
@lang_option("Target languages, comma-separated (default: all of the project's).")
@format_option
@click.pass_context
def check(ctx: click.Context, articles: tuple[str, ...], langs: str | None) -> None:
    """QA the translations of ARTICLES (names, files, directories or PO paths; default: every catalog).
    Exit 1 when an error-level finding exists.

    Switch a check off per project with `[qa] disabled = ["name"]`, or per entry
    with the PO flag `#, no-qa-<check>` (`#, no-qa` for all checks).
    """
    from translate_pipeline.review.qa import check_articles, severity_counts

    config, out = project_config(ctx), output(ctx)
    problems: list[PipelineError] = []  # a malformed catalog is not checked; the others are
    report = check_articles(config, list(articles), parse_langs(langs, config), problems)
    findings, summary = report.findings, severity_counts(report.findings)
    for finding in findings:  # -q keeps the error-level ones: they are why the gate says no
        for line in _finding(finding):
            out.line(line, error=finding.severity == "error")
    refused = f"QA: {summary['error']} error-level finding(s)" if summary["error"] else None
    finish({"findings": [f.to_dict() for f in findings], "summary": summary, "catalogs": report.catalogs},
           summary=_counts(findings, summary, report.catalogs, problems), problems=problems, refused=refused)


COMMANDS = [check]
