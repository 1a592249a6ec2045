"""publish / compile / evaluate: from reviewed catalogs to articles, MO files and MT metrics."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import click

from translate_pipeline.cli.common import (
    error_line,
    exit_on_problems,
    lang_option,
    languages,
    parse_langs,
    post_editing_lines,
    project_config,
    shown,
)
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import split_list
from translate_pipeline.publish.compile import compile_project
from translate_pipeline.publish.gate import UNTRANSLATED_POLICIES, Policy
from translate_pipeline.publish.report import summary_lines, to_dict
from translate_pipeline.publish.run import (
    EDITIONS,
    PublishOptions,
    default_langs,
    publish_project,
)
from translate_pipeline.review.evaluate import EngineScore, evaluate_project

REPORT_FORMATS = ("text", "json")


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise PipelineError(f"--date must be YYYY-MM-DD, got {value!r}") from exc


def _report_and_editions(fmt: str | None, editions: str | None) -> tuple[str, str]:
    """``--format`` chooses the report (text, json); before it did, it named the editions, and that
    spelling still works, with one warning (``--format html,md`` is ``--editions html,md``)."""
    if fmt is None or fmt in REPORT_FORMATS:
        return fmt or "text", editions or ",".join(EDITIONS)
    if editions is not None:
        raise click.UsageError(f"--format {fmt}: give the editions with --editions only "
                               f"(--format is the report: {', '.join(REPORT_FORMATS)})")
    if not all(name in EDITIONS for name in split_list(fmt)):
        raise click.UsageError(f"--format must be one of {', '.join(REPORT_FORMATS)}, got {fmt!r}")
    click.echo(f"warning: --format {fmt} is deprecated for editions; use --editions {fmt} "
               f"(--format now chooses the report: {', '.join(REPORT_FORMATS)})", err=True)
    return "text", fmt


@click.command()
@click.argument("articles", nargs=-1, type=str)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="The site's directory: <out>/<article>/<lang>.<edition>, front pages, feeds, sitemap.xml.")
@click.option("--check", is_flag=True, help="Only run the review gate: report, write nothing.")
@click.option("--editions", "editions", metavar="html,md,txt,json",
              help=f"Editions to write, comma-separated (default: {','.join(EDITIONS)}).")
@click.option("--format", "fmt", metavar="text|json",
              help="Report format: text (default) or json (the report's JSON Schema is in the package). "
                   "Formerly the editions: that spelling still works, with a warning.")
@lang_option("Languages, comma-separated (default: source, targets and kk-Latn).")
@click.option("--allow-fuzzy", is_flag=True, help="Publish fuzzy drafts (MT/TM), marked as machine-translated.")
@click.option("--untranslated", type=click.Choice(UNTRANSLATED_POLICIES),
              help="Untranslated sentences: 'skip' them or show the 'source', marked (default: refuse).")
@click.option("--allow-qa-errors", is_flag=True, help="Publish sentences with error-level QA findings.")
@click.option("--preview", is_flag=True,
              help="Editor's preview: pages show each sentence's provenance, the front page the languages not "
                   "yet published. Not for readers: write it to its own --out.")
@click.option("--date", "date", help="The day of this run (YYYY-MM-DD, default today): new editions are first "
                                     "published and changed ones updated on it; recorded dates are kept.")
@click.option("--base-url", "base_url", metavar="URL",
              help="Where --out is served (default [publish] base_url): absolute canonical and hreflang links, "
                   "Open Graph, JSON-LD, Atom feeds and sitemap.xml.")
@click.option("--unpublish", "unpublish", metavar="LANG", multiple=True,
              help="Take these languages of ARTICLES (default all) off the site (comma-separated or repeated); "
                   "the source language takes the whole article off.")
@click.pass_context
def publish(ctx: click.Context, articles: tuple[str, ...], out: Path | None, check: bool, editions: str | None,
            fmt: str | None, langs: str | None, allow_fuzzy: bool, untranslated: str | None, allow_qa_errors: bool,
            preview: bool, date: str | None, base_url: str | None, unpublish: tuple[str, ...]) -> None:
    """Publish ARTICLES (names, files or directories; default all) in every language that passes review.

    A language is refused, with the list of blocking sentences, unless all its
    entries are translated, none is fuzzy and none has an error-level QA finding
    (the rule `stats` reports as "ready"); the exit status is then 1.  An edition
    already on the site stays as it is when its language is refused (or its catalog
    unreadable); only --unpublish LANG, or removing the article's source file, takes
    it off.
    """
    report_format, editions = _report_and_editions(fmt, editions)
    if out is None and not check:
        raise PipelineError("publish needs --out DIR (or --check to only run the review gate)")
    if check and unpublish:
        raise click.UsageError("--unpublish changes the site: give --out, not --check")
    config = project_config(ctx)
    everything = list(dict.fromkeys([config.source_lang, *config.target_langs, *default_langs(config)]))
    options = PublishOptions(
        out=None if check else out, editions=tuple(split_list(editions)) or EDITIONS,
        langs=tuple(languages(split_list(langs or ""), default_langs(config))),
        policy=Policy(allow_fuzzy=allow_fuzzy, untranslated=untranslated, allow_qa_errors=allow_qa_errors),
        date=_date(date), preview=preview, base_url=base_url,
        unpublish=tuple(languages([code for value in unpublish for code in split_list(value)], everything)),
    )
    result = publish_project(config, list(articles), options)
    root = config.root

    def where(path: Path) -> str:
        return shown(path, root)

    if report_format == "json":
        click.echo(json.dumps(to_dict(result, check, out, where), ensure_ascii=False, indent=2))
        for problem in result.problems:
            click.echo(error_line(problem, root), err=True)
        if result.refused or result.problems:
            ctx.exit(1)
        return
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for doc in result.published:
        click.echo(f"{'ready' if check else 'published'} {doc.name} [{doc.lang}]")
    for path in result.written:
        click.echo(f"wrote {where(path)}")
    for path in result.removed:
        click.echo(f"removed {where(path)}")
    kept = {(k.article, k.lang): k for k in result.kept}
    for report in result.refused:
        click.echo(f"refused {report.article} [{report.lang}]: {len(report.missing)} sentence(s) not ready", err=True)
        for line in report.lines(where):
            click.echo(f"  {line}", err=True)
        k = kept.get((report.article, report.lang))
        if k is not None and out is not None:
            since = f" (published {k.since})" if k.since else ""
            click.echo(f"kept {where(out / k.article)}/{k.lang}.*{since} as it is: {k.reason} now; "
                       f"--unpublish {k.lang} takes it off the site", err=True)
    if check:
        click.echo("\n".join(summary_lines(result, everything)))
    if result.refused:
        click.echo("hint: review the entries above, or publish drafts with --allow-fuzzy / --untranslated source"
                   " (QA errors: fix them, or --allow-qa-errors)", err=True)
    exit_on_problems(result.problems, root)
    if result.refused:
        ctx.exit(1)


@click.command(name="compile")
@click.argument("articles", nargs=-1, type=str)
@lang_option("Languages, comma-separated (default: the project's targets).")
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy (unreviewed) translations in the MO files.")
@click.pass_context
def compile_(ctx: click.Context, articles: tuple[str, ...], langs: str | None, use_fuzzy: bool) -> None:
    """Compile locales/<lang>/LC_MESSAGES/<article>.po to .mo for gettext applications."""
    config = project_config(ctx)
    problems: list[PipelineError] = []  # a malformed catalog keeps its old MO file; the others are compiled
    for r in compile_project(config, parse_langs(langs, config), list(articles) or None, use_fuzzy, problems):
        skipped = f", {r.fuzzy_skipped} fuzzy left out" if r.fuzzy_skipped else ""
        click.echo(f"wrote {shown(r.mo, config.root)}: {r.translated} message(s){skipped}, {r.untranslated} untranslated")
    exit_on_problems(problems, config.root)


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if value is None else fmt.format(value)


def _engine_table(scores: list[EngineScore]) -> list[str]:
    rows = [("engine", "pair", "reviewed", "pending", "chrF", "TER", "unchanged", "terms")]
    for s in scores:
        terms = f"{_num(s.term_accuracy, '{:.0%}')} of {s.terms}" if s.terms else "-"
        rows.append((s.engine, s.pair, str(s.segments), str(s.pending), _num(s.chrf), _num(s.ter),
                     _num(s.unchanged, "{:.0%}"), terms))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


@click.command()
@click.argument("articles", nargs=-1, type=str)
@lang_option("Languages, comma-separated (default: the project's targets).")
@click.option("--ref", "ref", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Reference translations: DIR/<lang>/<article>.txt, one line per block as in the source.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def evaluate(ctx: click.Context, articles: tuple[str, ...], langs: str | None, ref: Path | None, fmt: str) -> None:
    """Post-editing metrics of MT per engine and language pair (chrF, TER, unchanged share, terms).

    Scores the raw MT kept in each entry's MT-raw annotation against the reviewed
    translation; then splits each pair's reviewed segments into MT accepted as is, MT
    post-edited (chrF/TER of those alone), TM and human work, as stats does per catalog.
    With --ref, scores raw MT and the catalogs against reference translations.
    """
    config = project_config(ctx)
    result = evaluate_project(config, parse_langs(langs, config), list(articles), ref)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    if result.post_editing:
        click.echo("\n".join(_engine_table(result.post_editing)))
    else:
        click.echo("no MT output with MT-raw annotations to evaluate")
    edits = post_editing_lines(result.reviewed)
    if edits:
        click.echo("\n".join([""] + edits))
    for name, s in result.reference:
        click.echo(f"{name} {s.pair} {s.system}: BLEU {s.bleu:.1f}  chrF {s.chrf:.1f}  TER {s.ter:.1f}"
                   f"  ({s.blocks}/{s.total_blocks} blocks)")


COMMANDS = [publish, compile_, evaluate]
