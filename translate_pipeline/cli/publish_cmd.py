"""publish / compile / evaluate: from reviewed catalogs to articles, MO files and MT metrics."""
from __future__ import annotations

import datetime
from pathlib import Path

import click

from translate_pipeline.cli.common import parse_langs, project_config
from translate_pipeline.errors import PipelineError
from translate_pipeline.langs import validate_lang
from translate_pipeline.publish.assemble import KK_LATN
from translate_pipeline.publish.compile import compile_project
from translate_pipeline.publish.gate import UNTRANSLATED_POLICIES, Policy
from translate_pipeline.publish.run import FORMATS, default_langs, publish_project


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise PipelineError(f"--date must be YYYY-MM-DD, got {value!r}") from exc


@click.command()
@click.argument("articles", nargs=-1, type=str)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory: <out>/<article>/<lang>.<format> and <out>/index.html.")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True,
              help="Formats, comma-separated: html, md, txt, json.")
@click.option("--lang", "langs", help="Languages, comma-separated (default: source, targets and kk-Latn).")
@click.option("--allow-fuzzy", is_flag=True, help="Publish fuzzy drafts (MT/TM), marked as machine-translated.")
@click.option("--untranslated", type=click.Choice(UNTRANSLATED_POLICIES),
              help="Untranslated sentences: 'skip' them or show the 'source', marked (default: refuse).")
@click.option("--date", "date", help="Publication date shown on the pages (YYYY-MM-DD, default today).")
@click.pass_context
def publish(ctx: click.Context, articles: tuple[str, ...], out: Path, formats: str, langs: str | None,
            allow_fuzzy: bool, untranslated: str | None, date: str | None) -> None:
    """Publish ARTICLES (names, files or directories; default all) in every language that passes review.

    A language is refused, with the list of blocking sentences, unless all its
    entries are translated and none is fuzzy; the exit status is then 1.
    """
    config = project_config(ctx)
    chosen = [validate_lang(lang) if lang != KK_LATN else lang for lang in _list(langs)] or default_langs(config)
    result = publish_project(config, list(articles), out, _list(formats), chosen,
                             Policy(allow_fuzzy=allow_fuzzy, untranslated=untranslated), _date(date))
    for doc in result.published:
        click.echo(f"published {doc.name} [{doc.lang}]")
    for path in result.written:
        click.echo(f"wrote {path}")
    for report in result.refused:
        click.echo(f"refused {report.article} [{report.lang}]: {len(report.missing)} sentence(s) not ready", err=True)
        for line in report.lines():
            click.echo(f"  {line}", err=True)
    if result.refused:
        click.echo("hint: review the entries above, or publish drafts with --allow-fuzzy / --untranslated source",
                   err=True)
        ctx.exit(1)


COMMANDS = [publish]


@click.command(name="compile")
@click.argument("articles", nargs=-1, type=str)
@click.option("--lang", "langs", help="Languages, comma-separated (default: the project's targets).")
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy (unreviewed) translations in the MO files.")
@click.pass_context
def compile_(ctx: click.Context, articles: tuple[str, ...], langs: str | None, use_fuzzy: bool) -> None:
    """Compile locales/<lang>/LC_MESSAGES/<article>.po to .mo for gettext applications."""
    config = project_config(ctx)
    results = compile_project(config, parse_langs(langs, config), list(articles) or None, use_fuzzy)
    if not results:
        raise PipelineError("no catalogs to compile (run extract and update first)", config.locales_path)
    for r in results:
        skipped = f", {r.fuzzy_skipped} fuzzy left out" if r.fuzzy_skipped else ""
        click.echo(f"wrote {r.mo}: {r.translated} message(s){skipped}, {r.untranslated} untranslated")


COMMANDS.append(compile_)
