"""``translate-pipeline tm import|export|stats|harvest``: the translation memory by hand."""
from __future__ import annotations

import json
from dataclasses import asdict

import click

from translate_pipeline.cli.common import (
    STDOUT,
    exit_on_problems,
    lang_option,
    parse_langs,
    project_config,
    shown,
    write_stdout,
)
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.project import project_lock
from translate_pipeline.tm import open_project_tm


@click.group("tm")
def tm_group() -> None:
    """Translation memory: reviewed translations reused before MT."""


@tm_group.command("import")
@click.argument("tmx_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--source-lang", metavar="LANG",
              help="The language code the file gives its source segments, when not the project's source language "
                   "(Translate Toolkit's po2tmx writes en unless told otherwise): they are read as source text.")
@click.pass_context
def import_cmd(ctx: click.Context, tmx_file: str, source_lang: str | None) -> None:
    """Add the translations of a TMX 1.4 file (all or nothing). Exit 1 when it adds nothing, with the reason."""
    config = project_config(ctx)
    with open_project_tm(config) as tm:
        report = tm.import_tmx(tmx_file, source_lang)
    for warning in report.warnings:
        click.echo(warning, err=True)
    c = report.counts
    click.echo(
        f"{tmx_file}: {report.units} translations: {c.added} added, {c.updated} updated, {c.unchanged} unchanged"
        + (f"; {report.skipped} <tu> without a {report.source_lang} segment skipped" if report.skipped else "")
    )
    reason = report.nothing_added()
    if reason:
        raise PipelineError(reason, tmx_file)


@tm_group.command("export")
@click.argument("tmx_file", type=click.Path(dir_okay=False, allow_dash=True))
@lang_option("Target languages to export, comma-separated (default: all).")
@click.pass_context
def export_cmd(ctx: click.Context, tmx_file: str, langs: str | None) -> None:
    """Write the TM as a TMX 1.4b file (TMX_FILE - : standard output)."""
    config = project_config(ctx)
    targets = parse_langs(langs, config) if langs else None
    with open_project_tm(config) as tm:
        if tmx_file == STDOUT:
            done = tm.tmx_export(targets)
            write_stdout(done.data)
            click.echo(f"standard output: {done.units} translation units written", err=True)
        else:
            click.echo(f"{tmx_file}: {tm.export_tmx(tmx_file, targets)} translation units written")


@tm_group.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def stats_cmd(ctx: click.Context, fmt: str) -> None:
    """Units per language pair."""
    config = project_config(ctx)
    with open_project_tm(config) as tm:
        stats, path = tm.stats(), tm.path
    if fmt == "json":
        click.echo(json.dumps({"path": shown(path, config.root), "pairs": [asdict(s) for s in stats]}, ensure_ascii=False, indent=2))
        return
    click.echo(shown(path, config.root))
    if not stats:
        click.echo("empty (units are harvested from reviewed catalog entries or imported from TMX)")
    for s in stats:
        click.echo(
            f"{s.source_lang}→{s.target_lang}: {s.units} units ({s.reviewed} reviewed), "
            f"{s.sources} distinct sources, {s.origins} origins"
        )


@tm_group.command("harvest")
@click.pass_context
def harvest_cmd(ctx: click.Context) -> None:
    """Learn from every reviewed catalog entry (translate does this first)."""
    config = project_config(ctx)
    problems: list[PipelineError] = []  # a malformed catalog is left out; the others are harvested
    with project_lock(config), open_project_tm(config) as tm:
        report = tm.harvest(problems=problems)
    c = report.counts
    click.echo(f"{report.catalogs} catalogs: {c.added} units added, {c.updated} updated, {c.unchanged} unchanged")
    exit_on_problems(problems, config.root)


COMMANDS: list[click.Command] = [tm_group]
