"""``translate-pipeline models …``: manage offline translation models."""
from __future__ import annotations

from pathlib import Path

import click

from translate_pipeline.cli.common import parse_langs, project_config
from translate_pipeline.core.errors import PipelineError


def _settings(ctx: click.Context):
    from translate_pipeline.mt.settings import load_settings

    config = project_config(ctx)
    return config, load_settings(config)


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


@click.group("models")
def models() -> None:
    """List, install and remove offline MT models (Argos packages, CTranslate2 models)."""


@models.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """Installed packages and configured models, and the route each target language takes."""
    from translate_pipeline.mt.packages import list_packages, packages_dir
    from translate_pipeline.mt.routing import find_route

    config, settings = _settings(ctx)
    directory = packages_dir(settings)
    packages, problems = list_packages(directory)
    click.echo(f"Argos packages in {directory}:")
    for p in packages:
        click.echo(f"  {p.pair:8} {p.version or '-':8} {_size(p.size):>10}  {p.path}")
    if not packages:
        click.echo("  (none)")
    for problem in problems:
        click.echo(f"warning: skipped {problem}", err=True)
    if settings.models:
        click.echo("Configured CTranslate2 models ([mt.models]):")
        for m in settings.models:
            pairs = ", ".join(f"{s}→{t}" for s, t in m.pairs) or "any of " + ", ".join(sorted(m.languages))
            click.echo(f"  {m.name:8} {m.kind:6} {m.version or '-':8} {pairs}  {m.path}")
    click.echo("Routes:")
    for target in config.target_langs:
        click.echo("  " + find_route(settings, packages, config.source_lang, target).describe())


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@click.pass_context
def install_cmd(ctx: click.Context, what: tuple[str, ...]) -> None:
    """Install PATH.argosmodel (offline) or SOURCE TARGET from the Argos index (network).

    \b
    translate-pipeline models install translate-ru_en-1_9.argosmodel
    translate-pipeline models install ru en
    """
    from translate_pipeline.core.langs import validate_lang
    from translate_pipeline.mt import index
    from translate_pipeline.mt.packages import install_archive, packages_dir

    _, settings = _settings(ctx)
    directory = packages_dir(settings)
    if len(what) == 1:
        package = install_archive(Path(what[0]), directory, settings.max_package_bytes)
    elif len(what) == 2:
        source, target = (validate_lang(code) for code in what)
        offered = [p for p in index.available_packages(settings.index_timeout)
                   if (p.source, p.target) == (source, target)]
        if not offered:
            from translate_pipeline.mt.routing import missing_hint

            raise PipelineError(f"the Argos index offers no {source}→{target} package; {missing_hint(source, target)}")
        click.echo(f"downloading {offered[0].name} {offered[0].version} …", err=True)
        archive = index.download(offered[0], settings.index_timeout)
        try:
            package = install_archive(archive, directory, settings.max_package_bytes)
        finally:
            archive.unlink(missing_ok=True)
    else:
        raise click.UsageError("give PATH.argosmodel or SOURCE TARGET")
    click.echo(f"installed {package.pair} {package.version} ({_size(package.size)}) in {package.path}")


@models.command("remove")
@click.argument("source")
@click.argument("target")
@click.pass_context
def remove_cmd(ctx: click.Context, source: str, target: str) -> None:
    """Remove the installed package for SOURCE→TARGET."""
    from translate_pipeline.mt.packages import packages_dir, remove_package

    _, settings = _settings(ctx)
    package = remove_package(packages_dir(settings), source, target)
    click.echo(f"removed {package.pair} {package.version} from {package.path}")


@models.command("available")
@click.option("--from", "source", help="Only packages from this language.")
@click.option("--lang", "--to", "target", help="Only packages into this language. Alias: --to.")
@click.pass_context
def available_cmd(ctx: click.Context, source: str | None, target: str | None) -> None:
    """What the Argos package index offers (needs network; fails fast offline)."""
    from translate_pipeline.mt import index

    _, settings = _settings(ctx)
    for p in index.available_packages(settings.index_timeout):
        if (source is None or p.source == source) and (target is None or p.target == target):
            click.echo(f"{p.source}→{p.target}  {p.version:8} {p.name}")


@models.command("route")
@click.option("--from", "source", help="Source language (default: the project's).")
@click.option("--lang", "--to", "targets", help="Target languages, comma-separated (default: the project's). Alias: --to.")
@click.pass_context
def route_cmd(ctx: click.Context, source: str | None, targets: str | None) -> None:
    """Show which model(s) translate each pair; exit 1 if a pair has none."""
    from translate_pipeline.mt.service import route_for

    config, settings = _settings(ctx)
    source = source or config.source_lang
    missing = False
    for target in parse_langs(targets, config):
        route = route_for(config, source, target, settings)
        click.echo(route.describe())
        missing |= not route.legs
    if missing:
        ctx.exit(1)


COMMANDS = [models]
