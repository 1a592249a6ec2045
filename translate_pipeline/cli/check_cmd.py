"""check: QA over the catalogs; exit status 1 when an error-level finding exists (a CI gate)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from translate_pipeline.cli.common import exit_on_problems, lang_option, parse_langs, project_config
from translate_pipeline.core.errors import PipelineError, with_hint
from translate_pipeline.core.project import catalog_names, po_path
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.source.readers import article_name


def article_name_of(arg: str, config: ProjectConfig) -> str:
    """``kamaz-kazakhstan``, ``articles/kamaz-kazakhstan.ru.txt`` or a PO path → the article name."""
    path = Path(arg)
    if path.suffix in (".po", ".pot"):
        return path.stem
    return article_name(path, config.source_lang)


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
    from translate_pipeline.review.qa import check_project, severity_counts

    config = project_config(ctx)
    lang_list = parse_langs(langs, config)
    names = None
    if articles:
        names = list(dict.fromkeys(article_name_of(a, config) for a in articles))
        for name in names:
            if not any(po_path(config, lang, name).exists() for lang in lang_list):
                looked = po_path(config, lang_list[0], name).relative_to(config.root)
                raise PipelineError(f"no catalog for article {name!r} (looked for {looked}; run extract/translate first)")
    elif not any(catalog_names(config, lang) for lang in lang_list):
        raise PipelineError(f"no catalogs for {', '.join(lang_list)} under {config.locales_dir}/ (run translate first)")
    problems: list[PipelineError] = []  # a malformed catalog is not checked; the others are
    findings = sorted(check_project(config, names, lang_list, problems), key=lambda f: (f.article, f.lang, f.line or 0))
    summary = severity_counts(findings)
    if fmt == "json":
        click.echo(json.dumps({"findings": [f.to_dict() for f in findings], "summary": summary}, ensure_ascii=False, indent=2))
    else:
        click.echo(_text(findings, summary))
    exit_on_problems([with_hint(exc, "not checked: fix the file") for exc in problems], config.root)
    if summary["error"]:
        sys.exit(1)


COMMANDS = [check]
