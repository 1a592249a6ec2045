"""glossary list | add | remove | check | import | export: maintaining the project's term base."""
from __future__ import annotations

from pathlib import Path

import click

from translate_pipeline import workflow as jobs
from translate_pipeline.cli.common import (
    STDOUT,
    articles_argument,
    finish,
    format_option,
    former_format,
    keep_going_option,
    output,
    project_config,
    term_base_language,
    to_stdout,
    writable_file,
    write_stdout,
)
from translate_pipeline.core.errors import PipelineError, Refused
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import load_glossary
from translate_pipeline.glossary.check import article_occurrences
from translate_pipeline.glossary.edit import (
    DEFAULT_FILE,
    Change,
    add_concept,
    export_file,
    import_file,
    remove_concept,
)
from translate_pipeline.glossary.edit import export as export_termbase
from translate_pipeline.glossary.formats import FORMATS, TBX_EDITIONS

FILE_FORMATS = tuple(FORMATS)  # csv, tsv, tbx


@click.group()
def glossary() -> None:
    """Maintain the term base in glossary/ (CSV/TSV; TBX import/export)."""


@glossary.command("list")
@format_option
@click.pass_context
def list_(ctx: click.Context) -> None:
    """Print every concept with its terms per language."""
    config, out = project_config(ctx), output(ctx)
    base = load_glossary(config).termbase
    for c in base.concepts:
        flags = [f for f, on in (("do-not-translate", c.do_not_translate), ("case-sensitive", c.case_sensitive)) if on]
        langs = "; ".join(f"{lang}: {' | '.join(terms)}" for lang, terms in c.terms.items())
        banned = "; ".join(f"not {lang}: {' | '.join(t)}" for lang, t in c.forbidden.items())
        out.line(f"{c.id}\t{langs}" + (f"\t{banned}" if banned else "") + (f"\t[{', '.join(flags)}]" if flags else ""))
    finish({"concepts": [c.as_dict() for c in base.concepts]}, summary=f"{len(base.concepts)} concept(s)")


def _pairs(values: tuple[str, ...], option: str, config: ProjectConfig) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for value in values:
        lang, sep, term = (part.strip() for part in value.partition("="))
        if not sep or not lang or not term:
            raise PipelineError(f"{option} expects LANG=TERM, got {value!r}")
        try:
            lang = term_base_language(lang, config)
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
@click.option("--replace", is_flag=True,
              help="TERM (or --id) is in the term base already: replace its terms in each language given "
                   "(and pos, note, source, flags given), in the file and row where it is.")
@format_option
@click.pass_context
def add(ctx, term, targets, variants, forbidden, concept_id, pos, note, source, dnt, case_sensitive, file_name,
        replace) -> None:
    """Add a concept for source TERM, e.g. add МИИР -t en=MIID -t kk=ИИДМ; with --replace, change its translations."""
    config = project_config(ctx)
    done = add_concept(
        config, term, targets=_pairs(targets, "--target", config), variants=_pairs(variants, "--variant", config),
        forbidden=_pairs(forbidden, "--forbidden", config), concept_id=concept_id, pos=pos, note=note, source=source,
        do_not_translate=dnt, case_sensitive=case_sensitive, file_name=file_name, replace=replace,
    )
    _report(done)


def _report(done: Change) -> None:
    out = output()
    where = f"{out.shown(done.path)}:{done.line}"
    removed = "; ".join(f"{lang} {' | '.join(terms)}" for lang, terms in done.terms.items())
    summary = {"added": f"added {done.concept.id!r} to {where}",
               "replaced": f"replaced the terms of {done.concept.id!r} in {where}",
               "present": f"{done.concept.id!r} is in the term base already, as given ({where}): nothing changed",
               "removed": f"removed {done.concept.id!r} from {where}",
               "terms removed": f"removed {removed} from {done.concept.id!r} in {where}"}[done.status]
    finish({"status": done.status, "concept": done.concept.as_dict(), "file": out.shown(done.path), "line": done.line,
            "removed_terms": {lang: list(terms) for lang, terms in done.terms.items()}}, summary=summary)


@glossary.command()
@click.argument("name")
@click.option("--term", "terms", multiple=True, metavar="LANG=TERM",
              help="Remove only this term of the concept (accepted or forbidden; repeatable).")
@format_option
@click.pass_context
def remove(ctx: click.Context, name: str, terms: tuple[str, ...]) -> None:
    """Remove the concept whose id or source term is NAME, e.g. remove МИИР; with --term kk=ИИДМ, only that term."""
    config = project_config(ctx)
    _report(remove_concept(config, name, _pairs(terms, "--term", config)))


@glossary.command()
@articles_argument
@keep_going_option
@format_option
@click.pass_context
def check(ctx: click.Context, articles: tuple[str, ...], keep_going: bool | None) -> None:
    """List every glossary term in ARTICLES (names, files or directories; default: articles_dir) with
    its span and concept."""
    config, out = project_config(ctx), output(ctx)
    read, problems = jobs.read_articles(config, list(articles), jobs.keeps_going(config, list(articles), keep_going))
    glossary = load_glossary(config)
    reports = [article_occurrences(article, glossary, config.source_lang, config.target_langs) for article in read]
    for report in reports:
        report["article"] = out.shown(report["article"])
        for hit in report["occurrences"]:
            targets = "; ".join(f"{lang}: {t}" for lang, t in hit["targets"].items())
            out.line(f"{report['article']}:{hit['line']}: «{hit['text']}» → {hit['term']} [{hit['concept']}] {targets}")
    occurrences = sum(len(r["occurrences"]) for r in reports)
    concepts = len({c for r in reports for c in r["concepts"]})
    finish({"articles": reports}, problems=problems,
           summary=f"{occurrences} occurrence(s) of {concepts} concept(s) in {len(reports)} article(s)")


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--file", "file_name", default=DEFAULT_FILE, show_default=True, help="File in glossary/ to merge into.")
@format_option
@click.pass_context
def import_(ctx: click.Context, file: Path, file_name: str) -> None:
    """Merge concepts from FILE (.tbx, .csv, .tsv); conflicts are errors, duplicates skipped. Exit 1 when
    it adds nothing, with the reason."""
    config, out = project_config(ctx), output(ctx)
    done = import_file(config, file, file_name)
    reason = done.nothing_added()
    finish({"file": str(file), "into": out.shown(done.path), "added": done.added, "present": done.present},
           summary=f"imported {done.added} concept(s) into {out.shown(done.path)}; {done.present} already present",
           refused=Refused(reason, file) if reason else None)


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--file-format", "file_format", type=click.Choice(FILE_FORMATS),
              help="The file's format (default: FILE's suffix; tbx when FILE is -). Formerly --format.")
@click.option("--tbx-version", type=click.Choice(TBX_EDITIONS), default="2019", show_default=True,
              help="TBX-Basic edition: 2019 (ISO 30042:2019, <tbx>) or 2008 (<martif>, what Translate Toolkit "
                   "and Weblate read).")
@format_option(moved_to="--file-format", values=FILE_FORMATS)
@click.pass_context
def export(ctx: click.Context, file: str, file_format: str | None, tbx_version: str) -> None:
    """Write the whole term base to FILE (.tbx, .csv or .tsv; - for standard output)."""
    config = project_config(ctx)
    file_format = former_format(file_format, "--file-format")
    if to_stdout(file):
        done = export_termbase(config, file_format or "tbx", tbx_version)
        write_stdout(done.data)
        count = done.concepts
    else:
        count = export_file(config, writable_file(file), file_format, tbx_version)
    finish({"file": file, "concepts": count}, stdout_taken=file == STDOUT,
           summary=f"wrote {count} concept(s) to {'standard output' if file == STDOUT else file}")


COMMANDS: list[click.Command] = [glossary]
