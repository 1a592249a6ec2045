"""glossary list | add | check | import | export: maintaining the project's term base."""
from __future__ import annotations

import json
from pathlib import Path

import click

from translate_pipeline.cli.common import project_config, shown
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.core.project import project_lock
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import load_glossary, tbx, termbase
from translate_pipeline.glossary.check import article_occurrences

DEFAULT_FILE = "terms.csv"
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _suffix(path: Path, allowed: tuple[str, ...] = (*termbase.FILE_SUFFIXES, ".tbx")) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise PipelineError(f"unsupported glossary format {suffix or '(none)'!r}; expected {', '.join(allowed)}", path)
    return suffix


def _read(path: Path, source_lang: str) -> termbase.Termbase:
    return tbx.load(path, source_lang) if _suffix(path) == ".tbx" else termbase.load(path, source_lang)


def _write(base: termbase.Termbase, path: Path) -> None:
    (tbx.save if _suffix(path) == ".tbx" else termbase.save)(base, path)


def _project_file(config: ProjectConfig, name: str) -> Path:
    """A CSV/TSV directly in glossary/: only those are read back, so a term written elsewhere would be lost."""
    if not name or Path(name).name != name:
        raise PipelineError(f"--file takes a file name inside {config.glossary_dir}/, not a path: {name!r}")
    path = config.glossary_path / name
    _suffix(path, termbase.FILE_SUFFIXES)
    return path


def _concept_dict(concept: termbase.Concept) -> dict:
    return {
        "id": concept.id,
        "terms": {lang: list(terms) for lang, terms in concept.terms.items()},
        "forbidden": {lang: list(terms) for lang, terms in concept.forbidden.items()},
        "pos": concept.pos,
        "case_sensitive": concept.case_sensitive,
        "do_not_translate": concept.do_not_translate,
        "note": concept.note,
        "source": concept.source,
    }


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
        click.echo(json.dumps([_concept_dict(c) for c in base.concepts], ensure_ascii=False, indent=2))
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
    src = config.source_lang
    row = {"id": concept_id, src: term, "pos": pos, "note": note, "source": source}
    row.update({"do_not_translate": "yes" if dnt else "", "case_sensitive": "yes" if case_sensitive else ""})
    for lang, terms in _pairs(targets, "--target").items():
        if len(terms) > 1:
            raise PipelineError(f"one preferred {lang} term only; give others with --variant {lang}=…")
        row[lang] = terms[0]
    for lang, terms in _pairs(variants, "--variant").items():
        row[f"{lang}_variants"] = termbase.SEPARATOR.join(terms)
    for lang, terms in _pairs(forbidden, "--forbidden").items():
        row[f"{lang}_forbidden"] = termbase.SEPARATOR.join(terms)
    path = _project_file(config, file_name)
    with project_lock(config):
        base = termbase.load(path, src) if path.exists() else termbase.Termbase(src)
        concept = termbase.concept_from_row(row, list(row), src, "command line", None)
        whole = load_glossary(config).termbase
        whole.concepts.append(concept)
        termbase.validate(whole, path)
        base.concepts.append(concept)
        termbase.save(base, path)
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
    incoming = _read(file, config.source_lang)
    path = _project_file(config, file_name)
    with project_lock(config):
        whole = load_glossary(config).termbase
        merged_whole = termbase.merge(whole, incoming, file)
        new = merged_whole.concepts[len(whole.concepts) :]
        base = termbase.load(path, config.source_lang) if path.exists() else termbase.Termbase(config.source_lang)
        base.concepts.extend(new)
        termbase.save(base, path)
    click.echo(f"imported {len(new)} concept(s) into {shown(path, config.root)}; {len(incoming.concepts) - len(new)} already present")


@glossary.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, file: Path) -> None:
    """Write the whole term base to FILE (.tbx, .csv or .tsv)."""
    config = project_config(ctx)
    base = load_glossary(config).termbase
    _write(base, file)
    click.echo(f"wrote {len(base.concepts)} concept(s) to {file}")


COMMANDS: list[click.Command] = [glossary]
