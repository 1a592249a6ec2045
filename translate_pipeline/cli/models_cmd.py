"""``translate-pipeline models …``: manage offline translation models."""
from __future__ import annotations

from pathlib import Path

import click

from translate_pipeline.cli.common import finish, format_option, output, parse_lang, parse_langs, project_config


def _settings(ctx: click.Context):
    from translate_pipeline.mt.settings import load_settings

    config = project_config(ctx)
    return config, load_settings(config)


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def _package(p) -> dict:
    """An installed Argos package as the JSON documents list it (its path as printed: :func:`shown`)."""
    return {"name": p.name, "pair": p.pair, "source": p.source, "target": p.target, "version": p.version,
            "bytes": p.size, "path": output().shown(p.path)}


def _sha256(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from translate_pipeline.mt.hf_import import SHA256_RE

    if value is not None and not SHA256_RE.fullmatch(value.strip()):
        raise click.BadParameter(f"{value!r} is not a SHA-256 (64 hex digits, as `sha256sum` prints them)", ctx, param)
    return value


def _route(route) -> dict:
    """A route (``models list``/``route``) as the JSON documents list it."""
    return {"source": route.source, "target": route.target, "kind": route.kind, "description": route.describe(),
            "legs": [{"source": leg.source, "target": leg.target, "model": leg.label} for leg in route.legs]}


@click.group("models")
def models() -> None:
    """List, install, add, check and remove offline MT models (Argos packages; Hugging Face
    models converted to CTranslate2 with `models add`, the way to Kazakh)."""


@models.command("list")
@format_option
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """Installed packages and configured models, and the route each target language takes."""
    from translate_pipeline.mt.packages import list_packages, packages_dir
    from translate_pipeline.mt.routing import find_route

    config, settings = _settings(ctx)
    out = output(ctx)
    directory = packages_dir(settings)
    packages, problems = list_packages(directory)
    lines = [f"Argos packages in {out.shown(directory)}:"]
    lines += [f"  {p.pair:8} {p.version or '-':8} {_size(p.size):>10}  {out.shown(p.path)}"
              for p in packages] or ["  (none)"]
    for problem in problems:
        out.warning(f"skipped {problem}")
    models = []
    if settings.models:
        lines.append("Configured CTranslate2 models ([mt.models]):")
    for m in settings.models:
        pairs = [f"{s}→{t}" for s, t in m.pairs]
        size = f"{m.table.size_mb:.1f} MB" if m.table.size_mb else "-"
        license_ = (m.table.license or "license unknown") + (" (NON-COMMERCIAL use only)" if m.non_commercial else "")
        served = ", ".join(pairs) or "any of " + ", ".join(sorted(m.languages))
        lines.append(f"  {m.name:8} {m.table.kind:6} {m.table.version or '-':8} {size:>10}  {served}  {license_}  {out.shown(m.path)}")
        models.append({"name": m.name, "kind": m.table.kind, "version": m.table.version, "size_mb": m.table.size_mb,
                       "pairs": pairs, "languages": sorted(m.languages), "license": m.table.license,
                       "non_commercial": m.non_commercial, "path": out.shown(m.path)})
    routes = [find_route(settings, packages, config.source_lang, target) for target in config.target_langs]
    lines += ["Routes:"] + ["  " + route.describe() for route in routes]
    finish({"packages_dir": out.shown(directory), "packages": [_package(p) for p in packages], "models": models,
            "routes": [_route(r) for r in routes], "skipped": [str(problem) for problem in problems]},
           summary=lines)


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@format_option
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
                                     announce=lambda p: output(ctx).note(f"downloading {p.name} {p.version} …"))
    else:
        raise click.UsageError("give PATH.argosmodel or SOURCE TARGET")
    finish({"package": _package(package)},
           summary=f"installed {package.pair} {package.version} ({_size(package.size)}) in {output(ctx).shown(package.path)}")


@models.command("remove")
@click.argument("source")
@click.argument("target")
@format_option
@click.pass_context
def remove_cmd(ctx: click.Context, source: str, target: str) -> None:
    """Remove what translates SOURCE→TARGET now: the model added with `models add` stops
    serving the pair (its [mt.models.NAME] table loses it; a table left serving nothing is
    removed, with its directory under models/), or the installed Argos package is deleted.
    Run it again to remove the next one the route falls back to.
    """
    from translate_pipeline.mt.install import remove_route

    config, settings = _settings(ctx)
    out = output(ctx)
    source, target = parse_lang(source, config), parse_lang(target, config)
    removed = remove_route(config, settings, source, target)
    pair = f"{source}→{target}"
    if removed.package is not None:
        what = f"removed {removed.package.pair} {removed.package.version} from {out.shown(removed.package.path)}"
    elif removed.model_pairs is None:
        what = (f"removed [mt.models.{removed.model}] from {config.config_path.name}: it served only {pair}"
                + (f"; deleted {out.shown(removed.deleted)}" if removed.deleted else ""))
    else:
        what = (f"[mt.models.{removed.model}] in {config.config_path.name} no longer serves {pair}; it serves "
                + ", ".join(p.replace("-", "→") for p in removed.model_pairs))
    finish({"package": _package(removed.package) if removed.package else None, "model": removed.model and {
                "name": removed.model, "pairs": None if removed.model_pairs is None else list(removed.model_pairs),
                "deleted": out.shown(removed.deleted) if removed.deleted else None},
            "route": f"{pair}: {removed.now}"},
           summary=[what, f"route {pair}: now {removed.now}"])


@models.command("available")
@click.option("--from", "source", help="Only packages from this language.")
@click.option("--lang", "--to", "target", help="Only packages into this language. Alias: --to.")
@format_option
@click.pass_context
def available_cmd(ctx: click.Context, source: str | None, target: str | None) -> None:
    """What the Argos package index offers (needs network; fails fast offline)."""
    from translate_pipeline.mt import index

    config, settings = _settings(ctx)
    source, target = (code and parse_lang(code, config) for code in (source, target))
    offered = [p for p in index.available_packages(settings.table.index_timeout)
               if (source is None or p.source == source) and (target is None or p.target == target)]
    finish({"packages": [{"source": p.source, "target": p.target, "version": p.version, "name": p.name}
                         for p in offered]},
           summary=[f"{p.source}→{p.target}  {p.version:8} {p.name}" for p in offered] + [
               f"{len(offered)} package(s) offered"])


@models.command("route")
@click.argument("pair", nargs=-1, metavar="[SOURCE TARGET]")
@click.option("--from", "source", help="Source language (default: the project's).")
@click.option("--lang", "--to", "targets", help="Target languages, comma-separated (default: the project's). Alias: --to.")
@format_option
@click.pass_context
def route_cmd(ctx: click.Context, pair: tuple[str, ...], source: str | None, targets: str | None) -> None:
    """Show which model(s) translate each pair; a pair without one is an error line saying how to get
    one, and exit status 4 (a missing model).

    \b
    translate-pipeline models route              # the project's source to each target
    translate-pipeline models route ru kk        # one pair, as for models install
    """
    from translate_pipeline.mt.service import NoModelError, route_for

    if pair:
        if len(pair) != 2 or source or targets:
            raise click.UsageError("give SOURCE TARGET, or --from/--to, not both")
        source, targets = pair
    config, settings = _settings(ctx)
    source = parse_lang(source, config) if source else config.source_lang
    routes = [route_for(config, source, target, settings) for target in parse_langs(targets, config, source)]
    missing = [NoModelError(r.source, r.target) for r in routes if not r.legs]  # said once: as the error
    finish({"routes": [_route(r) for r in routes]}, summary=[r.describe() for r in routes if r.legs], problems=missing)


@models.command("add")
@click.argument("args", nargs=-1, required=True, metavar="[PRESET] SOURCE")
@click.option("--name", help="Name of [mt.models.NAME] and of the directory under models/ (default: from SOURCE).")
@click.option("--quantization", default="int8", show_default=True,
              help="CTranslate2 weight type when converting (int8, int8_float32, float16, float32, …).")
@click.option("--pair", "pairs", multiple=True, help="Pair to route to the model, e.g. ru-kk (repeatable; default: "
              "the pairs it serves that have no route yet).")
@click.option("--replace", is_flag=True, help="Take over pairs another model or package routes now.")
@click.option("--sha256", callback=_sha256, metavar="HEX",
              help="Expected SHA-256 of a .tar.gz, 64 hex digits (else read from FILE.tar.gz.sha256); checked first.")
@format_option
@click.pass_context
def add_cmd(ctx: click.Context, args: tuple[str, ...], name: str | None, quantization: str,
            pairs: tuple[str, ...], replace: bool, sha256: str | None) -> None:
    """Add a Hugging Face translation model: convert it and configure [mt.models.NAME].

    SOURCE is a model id (downloaded; needs network), a local Hugging Face snapshot
    directory, an already converted CTranslate2 directory or its .tar.gz. PRESET
    (nllb, m2m100, t5, madlad, marian) is detected from config.json when omitted.
    Converting needs the [convert] extra: `pip install -e '.[convert]'` in your translate-pipeline
    checkout (`pip install '.[convert]'` without -e; the package is not on PyPI).

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
    license_ = (m.license or "license unknown") + (" — non-commercial use only" if done.non_commercial else "")
    out = output(ctx)
    served = ", ".join(p.replace("-", "→") for p in added.pairs)
    done_how = ("converted" if not added.prebuilt else "installed already converted") if added.converted else "kept"
    out.line(f"{done_how} {m.kind} model {added.name} ({added.size_mb:.1f} MB, {m.quantization or 'as converted'}, "
             f"{license_}) in {out.shown(added.path)}")
    # printed and in the JSON document alike: every warning the command gives
    warnings = [f"{added.name} is licensed {m.license}: non-commercial use only — it now translates {served}"
                ] * done.non_commercial + [f"{added.name}: {warning}" for warning in added.warnings]
    for warning in warnings:
        out.warning(warning)
    framing = m.recorded_framing()
    out.line(f"framing: {describe(framing)} (recorded from the snapshot's tokenizer)" if framing else
             "framing: the family's default (no tokenizer to record it from here; `models check` tells)")
    retargeted = [f"removed [mt.models.{other}]: it served only what {added.name} took over" if left is None else
                  f"[mt.models.{other}] now serves {', '.join(p.replace('-', '→') for p in left)}"
                  for other, left in done.retargeted]
    # -q keeps what changed in the project: every route and the table written
    finish({"name": added.name, "kind": m.kind, "converted": added.converted and not added.prebuilt,
            "size_mb": added.size_mb,
            "quantization": m.quantization, "license": m.license, "non_commercial": done.non_commercial,
            "path": out.shown(added.path), "pairs": list(added.pairs), "config_changed": done.changed,
            "framing": describe(framing) if framing else None, "warnings": warnings,
            "routes": [{"source": c.pair[0], "target": c.pair[1], "action": c.action, "before": c.before or None}
                       for c in done.routes],
            "retargeted": [{"model": other, "pairs": None if left is None else list(left)}
                           for other, left in done.retargeted]},
           summary=[*(change.describe(added.name) for change in done.routes), *retargeted,
                    f"{'wrote' if done.changed else 'unchanged:'} [mt.models.{added.name}] in "
                    f"{config.config_path.name}: {served}"])


@models.command("check")
@click.argument("source")
@click.argument("target")
@format_option
@click.pass_context
def check_cmd(ctx: click.Context, source: str, target: str) -> None:
    """Load the SOURCE→TARGET route, translate probe sentences, report s/segment.

    Exit 1 when the output has ⁇ or <unk>, is empty or in the wrong script, or when
    a converted model's framing differs from the one its tokenizer gives (derived
    again from the tokenizer files beside it, when transformers is installed); 4
    when the pair has no model or the model's special tokens are missing from its
    vocabulary (a load error).
    """
    from translate_pipeline.mt.probe import framing_report, probe
    from translate_pipeline.mt.service import resolve_engine

    config, settings = _settings(ctx)
    out = output(ctx)
    source, target = parse_lang(source, config), parse_lang(target, config)
    engine = resolve_engine(config, source, target, settings)
    out.line(f"{source}→{target}: {engine.provenance}")
    framing, problems = framing_report(engine)
    for line in framing:
        out.line(line)
    result = probe(engine, target)
    for sentence, text in result.outputs:
        out.line(f"  {sentence}\n  → {text}")
    problems += list(result.problems)
    for problem in problems:
        out.error(f"{source}→{target}: {problem}")
    timing = f"{result.per_segment:.3f} s/segment ({len(result.outputs)} probe sentences, {result.seconds:.2f} s)"
    finish({"source": source, "target": target, "engine": engine.provenance, "framing": framing,
            "probe_seconds": result.seconds, "per_segment": result.per_segment,
            "outputs": [{"source": s, "translation": t} for s, t in result.outputs], "failures": problems},
           summary=[timing, "FAIL" if problems else "OK"],
           refused=f"the {source}→{target} check failed: {len(problems)} problem(s) above" if problems else None)


COMMANDS = [models]
