"""``translate-pipeline mt cache stats|clear``: the persistent MT cache beside the TM."""
from __future__ import annotations

import click

from translate_pipeline import workflow as jobs
from translate_pipeline.cli.common import finish, format_option, output, project_config


@click.group("mt")
def mt() -> None:
    """Machine translation maintenance."""


@mt.group("cache")
def cache() -> None:
    """The MT cache: every decoded segment, reused by re-runs, --refresh-mt and interrupted runs."""


@cache.command("stats")
@format_option
@click.pass_context
def stats_cmd(ctx: click.Context) -> None:
    """Entries and size of the MT cache."""
    config, out = project_config(ctx), output(ctx)
    path, s = jobs.cache_stats(config)
    if s is None:
        finish({"path": out.shown(path), "exists": False, "entries": 0, "bytes": 0, "max_bytes": None},
               summary=f"{out.shown(path)}: no MT cache yet")
        return
    finish({"path": out.shown(s.path), "exists": True, "entries": s.entries, "bytes": s.bytes, "max_bytes": s.max_bytes},
           summary=f"{out.shown(s.path)}: {s.entries} cached segment translation(s), {s.bytes / 2**20:.1f} MB "
                   f"of {s.max_bytes / 2**20:.0f} MB")


@cache.command("clear")
@format_option
@click.pass_context
def clear_cmd(ctx: click.Context) -> None:
    """Drop every cached translation (the next run decodes everything again)."""
    config, out = project_config(ctx), output(ctx)
    cleared = jobs.clear_cache(config)
    where = out.shown(cleared.path)
    finish({"path": where, "existed": cleared.existed, "done": cleared.done},
           summary=f"{where}: {cleared.done}" if cleared.existed else f"{where}: no MT cache yet")


COMMANDS = [mt]
