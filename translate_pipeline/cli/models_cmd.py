"""``translate-pipeline models …``: manage offline translation models."""
from __future__ import annotations

from pathlib import Path

import click

from translate_pipeline.cli.common import parse_lang, parse_langs, project_config


def _settings(ctx: click.Context):
    from translate_pipeline.mt.settings import load_settings

    config = project_config(ctx)
    return config, load_settings(config)


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


@click.group("models")
def models() -> None:
    """List, install, add, check and remove offline MT models (Argos packages; Hugging Face
    models converted to CTranslate2 with `models add`, the way to Kazakh)."""


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
            size = f"{m.table.size_mb:.1f} MB" if m.table.size_mb else "-"
            license_ = (m.table.license or "license unknown") + (" (NON-COMMERCIAL use only)" if m.non_commercial else "")
            click.echo(f"  {m.name:8} {m.table.kind:6} {m.table.version or '-':8} {size:>10}  {pairs}  {license_}  {m.path}")
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
    from translate_pipeline.mt.install import install_file, install_from_index

    config, settings = _settings(ctx)
    if len(what) == 1:
        package = install_file(Path(what[0]), settings)
    elif len(what) == 2:
        source, target = (parse_lang(code, config) for code in what)
        package = install_from_index(source, target, settings,
                                     announce=lambda p: click.echo(f"downloading {p.name} {p.version} …", err=True))
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

    config, settings = _settings(ctx)
    package = remove_package(packages_dir(settings), parse_lang(source, config), parse_lang(target, config))
    click.echo(f"removed {package.pair} {package.version} from {package.path}")


@models.command("available")
@click.option("--from", "source", help="Only packages from this language.")
@click.option("--lang", "--to", "target", help="Only packages into this language. Alias: --to.")
@click.pass_context
def available_cmd(ctx: click.Context, source: str | None, target: str | None) -> None:
    """What the Argos package index offers (needs network; fails fast offline)."""
    from translate_pipeline.mt import index

    config, settings = _settings(ctx)
    source, target = (code and parse_lang(code, config) for code in (source, target))
    for p in index.available_packages(settings.table.index_timeout):
        if (source is None or p.source == source) and (target is None or p.target == target):
            click.echo(f"{p.source}→{p.target}  {p.version:8} {p.name}")


@models.command("route")
@click.argument("pair", nargs=-1, metavar="[SOURCE TARGET]")
@click.option("--from", "source", help="Source language (default: the project's).")
@click.option("--lang", "--to", "targets", help="Target languages, comma-separated (default: the project's). Alias: --to.")
@click.pass_context
def route_cmd(ctx: click.Context, pair: tuple[str, ...], source: str | None, targets: str | None) -> None:
    """Show which model(s) translate each pair; exit 1 if a pair has none.

    \b
    translate-pipeline models route              # the project's source to each target
    translate-pipeline models route ru kk        # one pair, as for models install
    """
    from translate_pipeline.mt.service import route_for

    if pair:
        if len(pair) != 2 or source or targets:
            raise click.UsageError("give SOURCE TARGET, or --from/--to, not both")
        source, targets = pair
    config, settings = _settings(ctx)
    source = parse_lang(source, config) if source else config.source_lang
    missing = False
    for target in parse_langs(targets, config, source):
        route = route_for(config, source, target, settings)
        click.echo(route.describe())
        missing |= not route.legs
    if missing:
        ctx.exit(1)


@models.command("add")
@click.argument("args", nargs=-1, required=True, metavar="[PRESET] SOURCE")
@click.option("--name", help="Name of [mt.models.NAME] and of the directory under models/ (default: from SOURCE).")
@click.option("--quantization", default="int8", show_default=True,
              help="CTranslate2 weight type when converting (int8, int8_float32, float16, float32, …).")
@click.option("--pair", "pairs", multiple=True, help="Pair to route to the model, e.g. ru-kk (repeatable; default: "
              "the pairs it serves that have no route yet).")
@click.option("--replace", is_flag=True, help="Take over pairs another model or package routes now.")
@click.option("--sha256", help="Expected SHA-256 of a .tar.gz (else read from FILE.tar.gz.sha256).")
@click.pass_context
def add_cmd(ctx: click.Context, args: tuple[str, ...], name: str | None, quantization: str,
            pairs: tuple[str, ...], replace: bool, sha256: str | None) -> None:
    """Add a Hugging Face translation model: convert it and configure [mt.models.NAME].

    SOURCE is a model id (downloaded; needs network), a local Hugging Face snapshot
    directory, an already converted CTranslate2 directory or its .tar.gz. PRESET
    (nllb, m2m100, t5, madlad, marian) is detected from config.json when omitted.
    Converting needs `pip install 'translate-pipeline[convert]'`.

    Only the --pair pairs are routed to the model, or, without --pair, the pairs it
    serves that have no route yet; a pair another model or package translates now is
    taken over only with --replace. Every route added, replaced or left is printed,
    and a non-commercial license is named.

    \b
    translate-pipeline models add facebook/nllb-200-distilled-600M --pair ru-kk
    translate-pipeline models add t5 ~/carried/kazRush-ru-kk --pair ru-kk
    translate-pipeline models add nllb-200-distilled-600m.tar.gz --sha256 HEX
    """
    from translate_pipeline.core.settings import parse_pair
    from translate_pipeline.mt.framing import describe
    from translate_pipeline.mt.hf_import import PRESETS
    from translate_pipeline.mt.install import add_and_configure

    if len(args) > 2 or (len(args) == 2 and args[0] not in PRESETS):
        raise click.UsageError(f"give [PRESET] SOURCE; PRESET is one of {', '.join(PRESETS)}")
    preset, source = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    config, settings = _settings(ctx)
    for pair in pairs:
        if parse_pair(pair) is None:
            raise click.UsageError(f"--pair must look like ru-kk, not {pair!r}")
    done = add_and_configure(config, source, settings, preset=preset, name=name, quantization=quantization,
                             sha256=sha256, pairs=list(pairs), replace=replace)
    added, m = done.added, done.added.manifest
    click.echo(f"{'converted' if added.converted else 'kept'} {m.kind} model {added.name} ({added.size_mb:.1f} MB, "
               f"{m.quantization or 'as converted'}, {m.license or 'license unknown'}) in {added.path}")
    if done.non_commercial:
        click.echo(f"warning: {added.name} is licensed {m.license}: non-commercial use only — it now translates "
                   f"{', '.join(p.replace('-', '→') for p in added.pairs)}", err=True)
    for warning in added.warnings:
        click.echo(f"warning: {added.name}: {warning}", err=True)
    framing = m.recorded_framing()
    click.echo(f"framing: {describe(framing)} (recorded from the snapshot's tokenizer)" if framing else
               "framing: the family's default (no tokenizer to record it from here; `models check` tells)")
    for change in done.routes:
        click.echo(change.describe(added.name))
    for other, left in done.retargeted:
        click.echo(f"removed [mt.models.{other}]: it served only what {added.name} took over" if left is None else
                   f"[mt.models.{other}] now serves {', '.join(p.replace('-', '→') for p in left)}")
    click.echo(f"{'wrote' if done.changed else 'unchanged:'} [mt.models.{added.name}] in {config.config_path.name}: "
               f"{', '.join(p.replace('-', '→') for p in added.pairs)}")


@models.command("check")
@click.argument("source")
@click.argument("target")
@click.pass_context
def check_cmd(ctx: click.Context, source: str, target: str) -> None:
    """Load the SOURCE→TARGET route, translate probe sentences, report s/segment.

    Exit 1 when the output has ⁇ or <unk>, is empty or in the wrong script, when a
    converted model's framing differs from the one its tokenizer gives (derived
    again from the tokenizer files beside it, when transformers is installed), or
    the model's special tokens are missing from its vocabulary (a load error).
    """
    from translate_pipeline.mt.probe import framing_report, probe
    from translate_pipeline.mt.service import resolve_engine

    config, settings = _settings(ctx)
    source, target = parse_lang(source, config), parse_lang(target, config)
    engine = resolve_engine(config, source, target, settings)
    click.echo(f"{source}→{target}: {engine.provenance}")
    lines, problems = framing_report(engine)
    for line in lines:
        click.echo(line)
    result = probe(engine, target)
    for sentence, text in result.outputs:
        click.echo(f"  {sentence}\n  → {text}")
    click.echo(f"{result.per_segment:.3f} s/segment ({len(result.outputs)} probe sentences, {result.seconds:.2f} s)")
    problems += list(result.problems)
    for problem in problems:
        click.echo(f"FAIL: {problem}", err=True)
    if problems:
        ctx.exit(1)
    click.echo("OK")


COMMANDS = [models]
