"""``translate-pipeline mt cache stats|clear``: the persistent MT cache beside the TM."""
from __future__ import annotations

import click

from translate_pipeline import workflow as jobs
from translate_pipeline.cli.common import project_config, shown


@click.group("mt")
def mt() -> None:
    """Machine translation maintenance."""


@mt.group("cache")
def cache() -> None:
    """The MT cache: every decoded segment, reused by re-runs, --refresh-mt and interrupted runs."""


@cache.command("stats")
@click.pass_context
def stats_cmd(ctx: click.Context) -> None:
    """Entries and size of the MT cache."""
    config = project_config(ctx)
    path, s = jobs.cache_stats(config)
    if s is None:
        click.echo(f"{shown(path, config.root)}: no MT cache yet")
        return
    click.echo(f"{shown(s.path, config.root)}: {s.entries} cached segment translation(s), {s.bytes / 2**20:.1f} MB "
               f"of {s.max_bytes / 2**20:.0f} MB")


@cache.command("clear")
@click.pass_context
def clear_cmd(ctx: click.Context) -> None:
    """Drop every cached translation (the next run decodes everything again)."""
    config = project_config(ctx)
    cleared = jobs.clear_cache(config)
    where = shown(cleared.path, config.root)
    if not cleared.existed:
        click.echo(f"{where}: no MT cache yet")
    else:
        click.echo(f"{where}: {cleared.done}")


COMMANDS = [mt]
