"""``translate-pipeline models …``: manage offline translation models."""
from __future__ import annotations

from pathlib import Path

import click

from translate_pipeline.cli.common import parse_langs, project_config
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.project import MODELS_DIR


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
            size = f"{m.size_mb:.1f} MB" if m.size_mb else "-"
            license_ = (m.license or "license unknown") + (" (NON-COMMERCIAL use only)" if m.non_commercial else "")
            click.echo(f"  {m.name:8} {m.kind:6} {m.version or '-':8} {size:>10}  {pairs}  {license_}  {m.path}")
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
    from translate_pipeline.mt.routing import NO_ARGOS_LANGS, missing_hint

    _, settings = _settings(ctx)
    directory = packages_dir(settings)
    if len(what) == 1:
        package = install_archive(Path(what[0]), directory, settings.max_package_bytes)
    elif len(what) == 2:
        source, target = (validate_lang(code) for code in what)
        if NO_ARGOS_LANGS.intersection((source, target)):  # no index to ask: there never was such a package
            raise PipelineError(missing_hint(source, target))
        offered = [p for p in index.available_packages(settings.index_timeout)
                   if (p.source, p.target) == (source, target)]
        if not offered:
            raise PipelineError(f"the Argos index offers no {source}→{target} package; {missing_hint(source, target)}")
        click.echo(f"downloading {offered[0].name} {offered[0].version} …", err=True)
        with index.downloaded(offered[0], directory, settings.index_timeout) as archive:
            package = install_archive(archive, directory, settings.max_package_bytes)
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
    source = source or config.source_lang
    missing = False
    for target in parse_langs(targets, config):
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
@click.option("--pair", "pairs", multiple=True, help="Pair the model serves, e.g. ru-kk (repeatable; default: "
              "the project's source to every target the model has a language token for).")
@click.option("--sha256", help="Expected SHA-256 of a .tar.gz (else read from FILE.tar.gz.sha256).")
@click.pass_context
def add_cmd(ctx: click.Context, args: tuple[str, ...], name: str | None, quantization: str,
            pairs: tuple[str, ...], sha256: str | None) -> None:
    """Add a Hugging Face translation model: convert it and configure [mt.models.NAME].

    SOURCE is a model id (downloaded; needs network), a local Hugging Face snapshot
    directory, an already converted CTranslate2 directory or its .tar.gz. PRESET
    (nllb, m2m100, t5, madlad, marian) is detected from config.json when omitted.
    Converting needs `pip install 'translate-pipeline[convert]'`.

    \b
    translate-pipeline models add facebook/nllb-200-distilled-600M
    translate-pipeline models add t5 ~/carried/kazRush-ru-kk --pair ru-kk
    translate-pipeline models add nllb-200-distilled-600m.tar.gz --sha256 HEX
    """
    from translate_pipeline.core.settings import parse_pair, validate_table
    from translate_pipeline.mt.hf_import import PRESETS, add_model, write_model_table

    if len(args) > 2 or (len(args) == 2 and args[0] not in PRESETS):
        raise click.UsageError(f"give [PRESET] SOURCE; PRESET is one of {', '.join(PRESETS)}")
    preset, source = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    config, settings = _settings(ctx)
    for pair in pairs:
        if parse_pair(pair) is None:
            raise click.UsageError(f"--pair must look like ru-kk, not {pair!r}")
    added = add_model(source, config.root / MODELS_DIR, config.source_lang, list(config.target_langs),
                      preset=preset, name=name, quantization=quantization, sha256=sha256, pairs=list(pairs),
                      timeout=settings.index_timeout)
    table = added.table(config.root)
    validate_table("mt", {"models": {added.name: table}}, config.config_path)
    changed = write_model_table(config.config_path, added.name, table)
    m = added.manifest
    license_ = (m.license or "license unknown") + (" — non-commercial use only" if "-nc" in m.license else "")
    click.echo(f"{'converted' if added.converted else 'kept'} {m.kind} model {added.name} ({added.size_mb:.1f} MB, "
               f"{m.quantization or 'as converted'}, {license_}) in {added.path}")
    click.echo(f"{'wrote' if changed else 'unchanged:'} [mt.models.{added.name}] in {config.config_path.name}: "
               f"{', '.join(p.replace('-', '→') for p in added.pairs)}")


PROBES = (
    "Премьер-министр Казахстана провёл совещание по развитию транспортной отрасли.",
    "«Мы откроем 2,5 тысячи рабочих мест до конца года», — сказал аким области.",
    "Национальный банк сохранил базовую ставку на уровне 15,25%.",
    "В Алматы и Астане ожидается снег, ветер до 15 м/с.",
    "Компания КАМАЗ подписала соглашение о поставках автобусов в Костанай.",
)
SCRIPTS = {"kk": "cyrillic", "ru": "cyrillic", "uk": "cyrillic", "be": "cyrillic", "ky": "cyrillic",
           "en": "latin", "de": "latin", "fr": "latin", "tr": "latin", "uz": "latin"}


@models.command("check")
@click.argument("source")
@click.argument("target")
@click.pass_context
def check_cmd(ctx: click.Context, source: str, target: str) -> None:
    """Load the SOURCE→TARGET route, translate probe sentences, report s/segment.

    Exit 1 when the output has ⁇ or <unk>, is in the wrong script, or the
    model's special tokens are missing from its vocabulary (a load error).
    """
    import time

    from translate_pipeline.core.text import script_of
    from translate_pipeline.mt.service import resolve_engine

    config, settings = _settings(ctx)
    engine = resolve_engine(config, source, target, settings)
    click.echo(f"{source}→{target}: {engine.provenance}")
    started = time.perf_counter()
    results = engine.translate_batch(list(PROBES))
    elapsed = time.perf_counter() - started
    problems = []
    expected = SCRIPTS.get(target)
    for probe, hyps in zip(PROBES, results):
        text = hyps[0].text if hyps else ""
        click.echo(f"  {probe}\n  → {text}")
        if "⁇" in text or "<unk>" in text:
            problems.append(f"unknown-token marks in {text!r} (set disable_unk = true, or the tokenizer is wrong)")
        letters = [script_of(c) for c in text if c.isalpha()]
        if expected and letters and sum(s == expected for s in letters) < 0.8 * len(letters):
            problems.append(f"output not in {expected} script: {text!r} (wrong target language token?)")
        if not text.strip():
            problems.append(f"empty translation of {probe!r}")
    click.echo(f"{elapsed / len(PROBES):.3f} s/segment ({len(PROBES)} probe sentences, {elapsed:.2f} s)")
    for problem in problems:
        click.echo(f"FAIL: {problem}", err=True)
    if problems:
        ctx.exit(1)
    click.echo("OK")


COMMANDS = [models]
