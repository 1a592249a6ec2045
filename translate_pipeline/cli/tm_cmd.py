"""``translate-pipeline tm import|export|stats|harvest``: the translation memory by hand."""
from __future__ import annotations

from dataclasses import asdict

import click

from translate_pipeline.cli.common import finish, format_option, lang_option, output, parse_langs, project_config
from translate_pipeline.cli.common import to_stdout, unread_catalogs, writable_file, write_stdout
from translate_pipeline.core.errors import PipelineError, Refused
from translate_pipeline.core.project import catalog_langs, project_lock, require_catalogs
from translate_pipeline.tm import import_project_tmx, open_project_tm


def _counts(counts) -> dict[str, int]:
    return {"added": counts.added, "updated": counts.updated, "unchanged": counts.unchanged}


@click.group("tm")
def tm_group() -> None:
    """Translation memory: reviewed translations reused before MT."""


@tm_group.command("import")
@click.argument("tmx_file", type=click.Path(dir_okay=False))
@click.option("--source-lang", metavar="LANG",
              help="The language code the file gives its source segments, when not the project's source language "
                   "(Translate Toolkit's po2tmx writes en unless told otherwise): they are read as source text.")
@format_option
@click.pass_context
def import_cmd(ctx: click.Context, tmx_file: str, source_lang: str | None) -> None:
    """Add the translations of a TMX 1.4 file (all or nothing). Exit 1 when it adds nothing, with the reason."""
    report = import_project_tmx(project_config(ctx), tmx_file, source_lang)
    for warning in report.warnings:
        output(ctx).warning(warning)
    c, reason = report.counts, report.nothing_added()
    finish({"file": tmx_file, "units": report.units, **_counts(c), "skipped": report.skipped,
            "source_lang": report.source_lang, "warnings": list(report.warnings)}, summary=(
        f"{tmx_file}: {report.units} translations: {c.added} added, {c.updated} updated, {c.unchanged} unchanged"
        + (f"; {report.skipped} <tu> without a {report.source_lang} segment skipped" if report.skipped else "")),
        refused=Refused(reason, tmx_file) if reason else None)


@tm_group.command("export")
@click.argument("tmx_file", type=click.Path(dir_okay=False, allow_dash=True))
@lang_option("Target languages to export, comma-separated (default: all).")
@format_option
@click.pass_context
def export_cmd(ctx: click.Context, tmx_file: str, langs: str | None) -> None:
    """Write the TM as a TMX 1.4b file (TMX_FILE - : standard output)."""
    config, stdout = project_config(ctx), to_stdout(tmx_file)
    targets = parse_langs(langs, config) if langs else None
    if not stdout:
        writable_file(tmx_file)
    with open_project_tm(config, create=False) as tm:
        if stdout:
            done = tm.tmx_export(targets)
            write_stdout(done.data)
            count = done.units
        else:
            count = tm.export_tmx(tmx_file, targets)
    finish({"file": tmx_file, "units": count}, stdout_taken=stdout,
           summary=f"{'standard output' if stdout else tmx_file}: {count} translation units written")


@tm_group.command("stats")
@format_option
@click.pass_context
def stats_cmd(ctx: click.Context) -> None:
    """Units per language pair."""
    config, out = project_config(ctx), output(ctx)
    with open_project_tm(config, create=False) as tm:
        stats, path = tm.stats(), tm.path
    lines = [out.shown(path)] + [
        f"{s.source_lang}→{s.target_lang}: {s.units} units ({s.reviewed} reviewed), "
        f"{s.sources} distinct sources, {s.origins} origins" for s in stats]
    if not stats:
        lines.append("empty (units are harvested from reviewed catalog entries or imported from TMX)")
    finish({"path": out.shown(path), "pairs": [asdict(s) for s in stats]}, summary=lines)


@tm_group.command("harvest")
@format_option
@click.pass_context
def harvest_cmd(ctx: click.Context) -> None:
    """Learn from every reviewed catalog entry (translate does this first). Exit 1 when there is no catalog."""
    config = project_config(ctx)
    require_catalogs(config, catalog_langs(config) or config.target_langs, what="nothing to harvest: run translate first")
    problems: list[PipelineError] = []  # a malformed catalog is left out; the others are harvested
    with project_lock(config), open_project_tm(config) as tm:
        report = tm.harvest(problems=problems)
    c = report.counts
    finish({"catalogs": report.catalogs, **_counts(c)}, problems=problems,
           summary=f"{report.catalogs} catalogs: {c.added} units added, {c.updated} updated, {c.unchanged} unchanged"
                   f"{unread_catalogs(problems)}")


COMMANDS: list[click.Command] = [tm_group]
