"""check: QA over the catalogs; exit status 1 when an error-level finding exists (a CI gate)."""
from __future__ import annotations

import json
import sys

import click

from translate_pipeline.cli.common import exit_on_problems, lang_option, parse_langs, project_config
from translate_pipeline.core.errors import PipelineError


def _text(findings, summary: dict[str, int]) -> str:
    lines = []
    for f in findings:
        where = f"{f.path}:{f.line}" if f.line else f.path
        marks = "".join([" (fuzzy)" if f.fuzzy else "", " (source)" if f.side == "source" else ""])
        lines.append(f"{where}: {f.severity}: [{f.check}] {f.message}{marks}")
        lines.append(f"    msgid: {f.msgid if len(f.msgid) <= 100 else f.msgid[:99] + '…'}")
    counts = [f"{n} {severity}{'' if n == 1 or severity == 'info' else 's'}" for severity, n in summary.items()]
    lines.append(", ".join(counts) if findings else "no findings")
    return "\n".join(lines)


@click.command("check")
@click.argument("articles", nargs=-1)
@lang_option("Target languages, comma-separated (default: all of the project's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check(ctx: click.Context, articles: tuple[str, ...], langs: str | None, fmt: str) -> None:
    """QA the translations of ARTICLE… (names or paths; default: every catalog).

    Switch a check off per project with `[qa] disabled = ["name"]`, or per entry
    with the PO flag `#, no-qa-<check>` (`#, no-qa` for all checks).
    """
    from translate_pipeline.review.qa import check_articles, severity_counts

    config = project_config(ctx)
    problems: list[PipelineError] = []  # a malformed catalog is not checked; the others are
    findings = check_articles(config, list(articles), parse_langs(langs, config), problems)
    summary = severity_counts(findings)
    if fmt == "json":
        click.echo(json.dumps({"findings": [f.to_dict() for f in findings], "summary": summary}, ensure_ascii=False, indent=2))
    else:
        click.echo(_text(findings, summary))
    exit_on_problems(problems, config.root)
    if summary["error"]:
        sys.exit(1)


COMMANDS = [check]
