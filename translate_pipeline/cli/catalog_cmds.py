"""extract / update / translate / stats: the core catalog workflow."""
from __future__ import annotations

import json
from pathlib import Path

import click
from tqdm import tqdm

from translate_pipeline import workflow as jobs
from translate_pipeline.catalog.template import source_warnings
from translate_pipeline.cli.common import parse_langs, project_config
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import MT_BACKENDS
from translate_pipeline.glossary import load_glossary
from translate_pipeline.mt.settings import load_settings
from translate_pipeline.pretranslate.mt_source import MTSource
from translate_pipeline.pretranslate.ray_source import RayMTSource
from translate_pipeline.pretranslate.tm_source import TMSource
from translate_pipeline.review.stats import project_stats
from translate_pipeline.source.readers import find_articles, load_articles
from translate_pipeline.tm import open_project_tm

_ARTICLES = click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))


def _progress(files):
    """A progress bar when many files are read (silent for a handful)."""
    return tqdm(files, desc="articles", unit="file", disable=len(files) < 5, leave=False)


def _summary(result: jobs.JobResult) -> None:
    for article in result.articles:
        for warning in source_warnings(article):
            click.echo(warning, err=True)
    for warning in result.warnings:
        click.echo(warning, err=True)
    for path in result.written:
        click.echo(f"wrote {path}")
    if result.unchanged:
        click.echo(f"{len(result.unchanged)} catalog(s) unchanged")


@click.command()
@_ARTICLES
@click.pass_context
def extract(ctx: click.Context, articles: tuple[Path, ...]) -> None:
    """Write the template locales/<article>.pot for each ARTICLE (files or directories)."""
    config = project_config(ctx)
    result = jobs.extract(config, load_articles(config, articles, _progress))
    _summary(result)
    if not result.written:
        click.echo("templates unchanged")


@click.command()
@_ARTICLES
@click.option("--lang", "langs", help="Target languages, comma-separated (default: the project's).")
@click.pass_context
def update(ctx: click.Context, articles: tuple[Path, ...], langs: str | None) -> None:
    """Create or merge locales/<lang>/LC_MESSAGES/<article>.po for each ARTICLE.

    Reviewed translations are kept; changed sentences get their old translation
    as fuzzy; removed ones become obsolete (#~) and come back if restored.
    """
    config = project_config(ctx)
    targets = parse_langs(langs, config)
    _summary(jobs.update(config, load_articles(config, articles, _progress), targets))


@click.command()
@_ARTICLES
@click.option("--to", "langs", help="Target languages, comma-separated (default: the project's).")
@click.option("--tm/--no-tm", "use_tm", default=True, show_default=True, help="Fill from the translation memory first.")
@click.option("--mt/--no-mt", "use_mt", default=True, show_default=True, help="Machine-translate what the TM cannot serve.")
@click.option("--require-mt", is_flag=True, help="Exit 1 when a language pair has no MT model (for batch jobs).")
@click.option("--backend", type=click.Choice(MT_BACKENDS),
              help="Where MT runs: this process, or actors on a Ray cluster (default: [mt] backend, else local).")
@click.option("--ray-address", metavar="ADDR",
              help="Ray cluster to join (HOST:PORT, ray://HOST:PORT or auto; default: [mt.ray] address, else a local Ray).")
@click.pass_context
def translate(
    ctx: click.Context, articles: tuple[Path, ...], langs: str | None, use_tm: bool, use_mt: bool, require_mt: bool,
    backend: str | None, ray_address: str | None,
) -> None:
    """The main job: extract + update every ARTICLE (or directory), then pre-translate.

    Untranslated entries are filled from the translation memory, then by
    machine translation that obeys the glossary; always as fuzzy drafts with
    their provenance. Reviewed translations are never touched. With
    --backend ray, MT runs on a Ray cluster and the articles are processed in
    chunks ([mt.ray] chunk_articles), with the same catalogs as a result.
    """
    config = project_config(ctx)
    targets = parse_langs(langs, config)
    settings = load_settings(config) if use_mt else None
    backend = backend or (settings.backend if settings else "local")
    if ray_address and backend != "ray":
        raise PipelineError("--ray-address needs the Ray backend (--backend ray or [mt] backend = \"ray\")")
    glossary = load_glossary(config)
    if backend == "ray" and settings is not None:
        mt = RayMTSource(config, settings, glossary=glossary, address=ray_address)
        files = find_articles([config.root / path for path in articles])
        mt.connect()  # no ray package, unreachable cluster: stop before anything is written
        with open_project_tm(config) as tm:
            sources = ([TMSource(tm)] if use_tm else []) + [mt]
            result = jobs.translate_archive(config, files, targets, sources, tm if use_tm else None, glossary,
                                            settings.ray.chunk_articles, _progress)
    else:
        loaded = load_articles(config, articles, _progress)
        mt = MTSource(config, settings, glossary=glossary) if settings else None
        with open_project_tm(config) as tm:  # a corrupt TM stops the run before any write
            sources = ([TMSource(tm)] if use_tm else []) + ([mt] if mt else [])
            result = jobs.translate(config, loaded, targets, sources, tm if use_tm else None, glossary)
    _summary(result)
    if result.harvested and (result.harvested.added or result.harvested.updated):
        click.echo(f"TM: remembered {result.harvested.added} new and {result.harvested.updated} updated reviewed translation(s)")
    missing = False
    for report in result.reports:
        filled = ", ".join(f"{n} by {origin.upper()}" for origin, n in sorted(report.filled.items())) or "none filled"
        click.echo(f"{report.lang}: {report.pending} untranslated sentence(s): {filled}; {report.left} left")
        route = mt.routes.get((config.source_lang, report.lang)) if mt else None
        if route and not report.problems:
            click.echo(f"  MT route: {route}")
        for problem in report.problems:
            click.echo(f"  {problem}", err=True)
            missing = True
    if not use_mt:
        click.echo("machine translation off (--no-mt): catalogs prepared for translators")
    if require_mt and missing:
        raise PipelineError("--require-mt: machine translation could not run for every language (see above)")


def _stats_table(rows) -> str:
    header = (
        f"{'article':<28} {'lang':<6} {'segments':>8} {'done':>5} {'fuzzy':>5} {'todo':>5} "
        f"{'words':>6} {'done%':>6}  {'origin h/tm/mt':<15} {'QA e/w':<7} ready"
    )
    lines = [header]
    for row in rows:
        s, w, o, f = row.segments, row.words, row.origin_segments, row.findings
        share = 100 * w["translated"] / w["total"] if w["total"] else 100.0
        origins = f"{o['human']}/{o['tm']}/{o['mt']}"
        qa = f"{f.get('error', 0)}/{f.get('warning', 0)}"
        lines.append(
            f"{row.article:<28} {row.lang:<6} {s['total']:>8} {s['translated']:>5} {s['fuzzy']:>5} "
            f"{s['untranslated']:>5} {w['total']:>6} {share:>5.1f}%  {origins:<15} {qa:<7} "
            f"{'yes' if row.ready else 'no'}"
        )
    return "\n".join(lines)


@click.command()
@click.argument("articles", nargs=-1)
@click.option("--lang", "langs", help="Languages, comma-separated (default: the project's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def stats(ctx: click.Context, articles: tuple[str, ...], langs: str | None, fmt: str) -> None:
    """Per article × language: segments and words translated / fuzzy / untranslated, by origin."""
    config = project_config(ctx)
    rows = project_stats(config, parse_langs(langs, config), list(articles) or None)
    if fmt == "json":
        click.echo(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    elif not rows:
        click.echo("no catalogs yet: run `translate-pipeline translate ARTICLE…` first")
    else:
        click.echo(_stats_table(rows))


COMMANDS = [extract, update, translate, stats]
