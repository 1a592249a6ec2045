"""glossary list | add | check | import | export: maintaining the project's term base."""
from __future__ import annotations

import json
from pathlib import Path

import click

from translate_pipeline.cli.common import STDOUT, project_config, shown, write_stdout
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.glossary import load_glossary
from translate_pipeline.glossary.check import article_occurrences
from translate_pipeline.glossary.edit import DEFAULT_FILE, add_concept, export_file, import_file
from translate_pipeline.glossary.edit import export as export_termbase
from translate_pipeline.glossary.formats import TBX_EDITIONS

_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


@click.group()
def glossary() -> None:
    """Maintain the term base in glossary/ (CSV/TSV; TBX import/export)."""


@glossary.command("list")
@_FORMAT
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """Print every concept with its terms per language."""
    config = project_config(ctx)
    base = load_glossary(config).termbase
    if fmt == "json":
        click.echo(json.dumps([c.as_dict() for c in base.concepts], ensure_ascii=False, indent=2))
        return
    for c in base.concepts:
        flags = [f for f, on in (("do-not-translate", c.do_not_translate), ("case-sensitive", c.case_sensitive)) if on]
        langs = "; ".join(f"{lang}: {' | '.join(terms)}" for lang, terms in c.terms.items())
        banned = "; ".join(f"not {lang}: {' | '.join(t)}" for lang, t in c.forbidden.items())
        click.echo(f"{c.id}\t{langs}" + (f"\t{banned}" if banned else "") + (f"\t[{', '.join(flags)}]" if flags else ""))
    click.echo(f"{len(base.concepts)} concept(s)")


def _pairs(values: tuple[str, ...], option: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for value in values:
        lang, sep, term = (part.strip() for part in value.partition("="))
        if not sep or not lang or not term:
            raise PipelineError(f"{option} expects LANG=TERM, got {value!r}")
        try:
            lang = Tag.parse(lang).base  # kk-KZ → kk, kk-Latn-KZ → kk-Latn: the term base's own language codes
        except PipelineError as exc:
            raise PipelineError(f"{option} {value}: {exc.message}") from exc
        result.setdefault(lang, []).append(term)
    return result


@glossary.command()
@click.argument("term")
@click.option("-t", "--target", "targets", multiple=True, metavar="LANG=TERM", help="Preferred target term (repeatable).")
@click.option("--variant", "variants", multiple=True, metavar="LANG=TERM", help="Other accepted term (repeatable; also for the source language).")
@click.option("--forbidden", "forbidden", multiple=True, metavar="LANG=TERM", help="Term translators must not use (repeatable).")
@click.option("--id", "concept_id", default="", help="Concept id (default: the source term).")
@click.option("--pos", default="", help="Part of speech, e.g. noun.")
@click.option("--note", default="", help="Definition or usage note shown to translators.")
@click.option("--source", default="", help="Where the translation was verified.")
@click.option("--dnt", "--do-not-translate", "dnt", is_flag=True, help="Brand or name: keep the source term in every language.")
@click.option("--case-sensitive", is_flag=True)
@click.option("--file", "file_name", default=DEFAULT_FILE, show_default=True, help="File in glossary/ to add to.")
@click.pass_context
def add(ctx, term, targets, variants, forbidden, concept_id, pos, note, source, dnt, case_sensitive, file_name) -> None:
    """Add a concept for source TERM, e.g. add МИИР -t en=MIID -t kk=ИИДМ."""
    config = project_config(ctx)
    concept, path = add_concept(
        config, term, targets=_pairs(targets, "--target"), variants=_pairs(variants, "--variant"),
        forbidden=_pairs(forbidden, "--forbidden"), concept_id=concept_id, pos=pos, note=note, source=source,
        do_not_translate=dnt, case_sensitive=case_sensitive, file_name=file_name,
    )
    click.echo(f"added {concept.id!r} to {shown(path, config.root)}")


@glossary.command()
@click.argument("article", type=click.Path(path_type=Path))
@_FORMAT
@click.pass_context
def check(ctx: click.Context, article: Path, fmt: str) -> None:
    """List every glossary term in ARTICLE with its span and concept."""
    config = project_config(ctx)
    report = article_occurrences(article, load_glossary(config), config.source_lang, config.target_langs)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for hit in report["occurrences"]:
        targets = "; ".join(f"{lang}: {t}" for lang, t in hit["targets"].items())
        click.echo(f"{report['article']}:{hit['line']}: «{hit['text']}» → {hit['term']} [{hit['concept']}] {targets}")
    click.echo(f"{len(report['occurrences'])} occurrence(s) of {len(report['concepts'])} concept(s)")


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--file", "file_name", default=DEFAULT_FILE, show_default=True, help="File in glossary/ to merge into.")
@click.pass_context
def import_(ctx: click.Context, file: Path, file_name: str) -> None:
    """Merge concepts from FILE (.tbx, .csv, .tsv); conflicts are errors, duplicates skipped."""
    config = project_config(ctx)
    done = import_file(config, file, file_name)
    click.echo(f"imported {done.added} concept(s) into {shown(done.path, config.root)}; {done.present} already present")


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv", "tsv"]),
              help="File format (default: FILE's suffix; tbx when FILE is -).")
@click.option("--tbx-version", type=click.Choice(TBX_EDITIONS), default="2019", show_default=True,
              help="TBX-Basic edition: 2019 (ISO 30042:2019, <tbx>) or 2008 (<martif>, what Translate Toolkit "
                   "and Weblate read).")
@click.pass_context
def export(ctx: click.Context, file: str, fmt: str | None, tbx_version: str) -> None:
    """Write the whole term base to FILE (.tbx, .csv or .tsv; - for standard output)."""
    config = project_config(ctx)
    if file == STDOUT:
        done = export_termbase(config, fmt or "tbx", tbx_version)
        write_stdout(done.data)
        click.echo(f"wrote {done.concepts} concept(s) to standard output", err=True)
    else:
        click.echo(f"wrote {export_file(config, Path(file), fmt, tbx_version)} concept(s) to {file}")


COMMANDS: list[click.Command] = [glossary]
