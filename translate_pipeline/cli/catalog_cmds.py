"""extract / update / translate / stats: the core catalog workflow."""
from __future__ import annotations

import json
from pathlib import Path

import click
from tqdm import tqdm

from translate_pipeline import workflow as jobs
from translate_pipeline.cli.common import (
    lang_option,
    parse_langs,
    project_config,
    shown,
)
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.source.readers import open_articles

# Files or directories, relative to the project; none = the configured articles_dir (as stats/check/publish).
_ARTICLES = click.argument("articles", nargs=-1, type=click.Path(path_type=Path))


def _progress(files):
    """A progress bar when many files are read (silent for a handful)."""
    return tqdm(files, desc="articles", unit="file", disable=len(files) < 5, leave=False)


def _summary(result: jobs.JobResult, root: Path) -> None:
    for warning in result.source_warnings(lambda path: shown(path, root)):
        click.echo(warning, err=True)
    for path in result.written:
        click.echo(f"wrote {shown(path, root)}")
    if result.unchanged:
        click.echo(f"{len(result.unchanged)} catalog(s) unchanged")


@click.command()
@_ARTICLES
@click.pass_context
def extract(ctx: click.Context, articles: tuple[Path, ...]) -> None:
    """Write the template locales/<article>.pot for each ARTICLE (files or directories; default: articles_dir)."""
    config = project_config(ctx)
    result = jobs.extract(config, open_articles(config, articles), _progress)
    _summary(result, config.root)
    if not result.written:
        click.echo("templates unchanged")


@click.command()
@_ARTICLES
@lang_option()
@click.pass_context
def update(ctx: click.Context, articles: tuple[Path, ...], langs: str | None) -> None:
    """Create or merge locales/<lang>/LC_MESSAGES/<article>.po for each ARTICLE (default: articles_dir).

    Reviewed translations are kept; changed sentences get their old translation
    as fuzzy; removed ones become obsolete (#~) and come back if restored.
    """
    config = project_config(ctx)
    targets = parse_langs(langs, config)
    _summary(jobs.update(config, open_articles(config, articles), targets, _progress), config.root)


@click.command()
@_ARTICLES
@lang_option()
@click.option("--tm/--no-tm", "use_tm", default=True, show_default=True, help="Fill from the translation memory first.")
@click.option("--mt/--no-mt", "use_mt", default=True, show_default=True, help="Machine-translate what the TM cannot serve.")
@click.option("--require-mt", is_flag=True,
              help="Exit 1 when any segment was left without MT (no model for a pair, or the engine failed on it).")
@click.option("--refresh-mt", is_flag=True,
              help="Also re-translate untouched MT drafts made by another route, model or glossary state.")
@click.option("--backend", type=click.Choice(["local", "ray"]),
              help="Where MT runs: this process, or actors on a Ray cluster (default: [mt] backend, else local).")
@click.option("--ray-address", metavar="ADDR",
              help="Ray cluster to join (HOST:PORT, ray://HOST:PORT or auto; default: [mt.ray] address, else a local Ray).")
@click.pass_context
def translate(
    ctx: click.Context, articles: tuple[Path, ...], langs: str | None, use_tm: bool, use_mt: bool, require_mt: bool,
    refresh_mt: bool, backend: str | None, ray_address: str | None,
) -> None:
    """The main job: extract + update every ARTICLE (or directory; default: articles_dir), then pre-translate.

    Untranslated entries are filled from the translation memory, then by
    machine translation that obeys the glossary; always as fuzzy drafts with
    their provenance. Reviewed translations are never touched; with
    --refresh-mt, neither are MT drafts a translator edited, un-fuzzied or commented.
    With --backend ray, MT runs on a Ray cluster and the articles are processed
    in chunks ([mt.ray] chunk_articles), with the same catalogs as a result.
    """
    config = project_config(ctx)
    targets = parse_langs(langs, config)
    options = jobs.TranslateOptions(use_tm=use_tm, use_mt=use_mt, refresh_mt=refresh_mt, require_mt=require_mt,
                                    backend=backend, ray_address=ray_address)
    result = jobs.translate_project(config, list(articles), targets, options, _progress)
    _summary(result, config.root)
    if result.harvested and (result.harvested.added or result.harvested.updated):
        click.echo(f"TM: remembered {result.harvested.added} new and {result.harvested.updated} updated reviewed translation(s)")
    for report in result.reports:
        filled = ", ".join(f"{n} by {origin.upper()}" for origin, n in sorted(report.filled.items())) or "none filled"
        failed = f" ({len(report.failed)} MT failed on)" if report.failed else ""
        click.echo(f"{report.lang}: {report.pending} untranslated sentence(s): {filled}; {report.left} left{failed}")
        if report.route and not report.problems:
            click.echo(f"  MT route: {report.route}")
        if refresh_mt and use_mt:
            stale = f", {report.stale_kept} stale kept (no translation)" if report.stale_kept else ""
            click.echo(f"  MT drafts: {report.refreshed} refreshed, {report.kept_edited} kept because edited, "
                       f"{report.unchanged} unchanged{stale}")
        for warning in report.failed:
            click.echo(f"warning: {warning}", err=True)
        for problem in report.problems:
            click.echo(f"  {problem}", err=True)
    if not use_mt:
        click.echo("machine translation off (--no-mt): catalogs prepared for translators")
    if result.unmet:
        raise PipelineError(result.unmet)


def _stats_table(rows) -> str:
    header = (
        f"{'article':<28} {'lang':<6} {'segments':>8} {'done':>5} {'fuzzy':>5} {'todo':>5} "
        f"{'words':>6} {'done%':>6}  {'origin h/tm/mt/d':<17} {'stale MT':>8} {'QA e/w':<7} ready"
    )
    lines = [header]
    for row in rows:
        s, w, o, f = row.segments, row.words, row.origin_segments, row.findings
        share = 100 * w["translated"] / w["total"] if w["total"] else 100.0
        origins = f"{o['human']}/{o['tm']}/{o['mt']}/{o['draft']}"
        qa = f"{f.get('error', 0)}/{f.get('warning', 0)}"
        lines.append(
            f"{row.article:<28} {row.lang:<6} {s['total']:>8} {s['translated']:>5} {s['fuzzy']:>5} "
            f"{s['untranslated']:>5} {w['total']:>6} {share:>5.1f}%  {origins:<17} {row.stale_mt:>8} {qa:<7} "
            f"{'yes' if row.ready else 'no'}"
        )
    for row in rows:
        lines.extend(f"{row.article} [{row.lang}]: {problem}" for problem in row.header)
    return "\n".join(lines)


@click.command()
@click.argument("articles", nargs=-1)
@lang_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def stats(ctx: click.Context, articles: tuple[str, ...], langs: str | None, fmt: str) -> None:
    """Per article × language: segments and words translated / fuzzy / untranslated, by origin
    (human = reviewed, tm, mt, d = unreviewed draft of another origin), QA findings, and whether the
    language is ready to publish (the publish gate's rule). Exit 1 when there are no catalogs."""
    config = project_config(ctx)
    rows = jobs.stats(config, parse_langs(langs, config), list(articles) or None)
    if fmt == "json":
        click.echo(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    else:
        click.echo(_stats_table(rows))


COMMANDS = [extract, update, translate, stats]
