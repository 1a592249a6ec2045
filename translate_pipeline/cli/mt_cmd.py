"""``translate-pipeline mt cache stats|clear``: the persistent MT cache beside the TM."""
from __future__ import annotations

import click

from translate_pipeline.cli.common import project_config, shown
from translate_pipeline.core.project import project_lock
from translate_pipeline.mt.cache import MTCache, clear_cache
from translate_pipeline.mt.settings import load_settings
from translate_pipeline.workflow import cache_path


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
    path = cache_path(config)
    if not path.exists():
        click.echo(f"{shown(path, config.root)}: no MT cache yet")
        return
    with MTCache(path, load_settings(config).cache_max_bytes) as store:
        s = store.stats()
    click.echo(f"{shown(s.path, config.root)}: {s.entries} cached segment translation(s), {s.bytes / 2**20:.1f} MB "
               f"of {s.max_bytes / 2**20:.0f} MB")


@cache.command("clear")
@click.pass_context
def clear_cmd(ctx: click.Context) -> None:
    """Drop every cached translation (the next run decodes everything again)."""
    config = project_config(ctx)
    path = cache_path(config)
    where = shown(path, config.root)
    if not path.exists():
        click.echo(f"{where}: no MT cache yet")
        return
    with project_lock(config):
        click.echo(f"{where}: {clear_cache(path)}")


COMMANDS = [mt]
