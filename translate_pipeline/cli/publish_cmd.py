"""publish / compile / evaluate: from reviewed catalogs to articles, MO files and MT metrics."""
from __future__ import annotations

import datetime
from pathlib import Path

import click

from translate_pipeline.cli.common import (
    articles_argument,
    finish,
    format_option,
    lang_option,
    languages,
    output,
    parse_langs,
    project_config,
    shown,
)
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import split_list
from translate_pipeline.publish.compile import compile_project
from translate_pipeline.publish.gate import UNTRANSLATED_POLICIES, Policy
from translate_pipeline.publish.run import (
    FORMATS,
    PublishOptions,
    default_langs,
    publish_project,
)
from translate_pipeline.review.evaluate import EngineScore, evaluate_project
from translate_pipeline.source.readers import article_names


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise PipelineError(f"--date must be YYYY-MM-DD, got {value!r}") from exc


@click.command()
@articles_argument
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory: <out>/<article>/<lang>.<format> and <out>/index.html.")
@click.option("--check", is_flag=True, help="Only run the review gate: report, write nothing.")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True,
              help="Formats, comma-separated: html, md, txt, json.")
@lang_option("Languages, comma-separated (default: source, targets and kk-Latn).")
@click.option("--allow-fuzzy", is_flag=True, help="Publish fuzzy drafts (MT/TM), marked as machine-translated.")
@click.option("--untranslated", type=click.Choice(UNTRANSLATED_POLICIES),
              help="Untranslated sentences: 'skip' them or show the 'source', marked (default: refuse).")
@click.option("--allow-qa-errors", is_flag=True, help="Publish sentences with error-level QA findings.")
@click.option("--preview", is_flag=True,
              help="Editor's preview: pages show each sentence's provenance, the front page the languages not "
                   "yet published. Not for readers: write it to its own --out.")
@click.option("--date", "date", help="Publication date shown on the pages (YYYY-MM-DD, default today).")
@click.pass_context
def publish(ctx: click.Context, articles: tuple[str, ...], out: Path | None, check: bool, formats: str,
            langs: str | None, allow_fuzzy: bool, untranslated: str | None, allow_qa_errors: bool, preview: bool,
            date: str | None) -> None:
    """Publish ARTICLES (names, files or directories; default all) in every language that passes review.

    A language is refused, with the list of blocking sentences, unless all its
    entries are translated, none is fuzzy and none has an error-level QA finding
    (the rule `stats` reports as "ready"); the exit status is then 1, and the
    language's editions from an earlier run are removed from --out.
    """
    config = project_config(ctx)
    if out is None and not check:
        raise PipelineError("publish needs --out DIR (or --check to only run the review gate)")
    options = PublishOptions(
        out=None if check else out, formats=tuple(split_list(formats)) or FORMATS,
        langs=tuple(languages(split_list(langs or ""), default_langs(config))),
        policy=Policy(allow_fuzzy=allow_fuzzy, untranslated=untranslated, allow_qa_errors=allow_qa_errors),
        date=_date(date), preview=preview,
    )
    result = publish_project(config, list(articles), options)
    say = output(ctx)
    for doc in result.published:
        say.line(f"{'ready' if check else 'published'} {doc.name} [{doc.lang}]")
    for path in result.written:
        say.detail(f"wrote {shown(path, config.root)}")
    for path in result.removed:
        say.line(f"removed {shown(path, config.root)} (stale: its language is refused now)")
    for report in result.refused:
        say.warning(f"refused {report.article} [{report.lang}]: {len(report.missing)} sentence(s) not ready")
        for line in report.lines(lambda path: shown(path, config.root)):
            say.warning(f"  {line}")
    refused = None
    if result.refused:
        refused = (f"{len(result.refused)} article edition(s) refused: review the entries above, or publish drafts "
                   "with --allow-fuzzy / --untranslated source (QA errors: fix them, or --allow-qa-errors)")
    finish(summary=f"{'ready' if check else 'published'} {len(result.published)} article edition(s), "
                   f"{len(result.written)} file(s) written, {len(result.refused)} refused", refused=refused)


@click.command(name="compile")
@articles_argument
@lang_option("Languages, comma-separated (default: the project's targets).")
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy (unreviewed) translations in the MO files.")
@format_option
@click.pass_context
def compile_(ctx: click.Context, articles: tuple[str, ...], langs: str | None, use_fuzzy: bool) -> None:
    """Compile locales/<lang>/LC_MESSAGES/<article>.po to .mo for gettext applications (ARTICLES: names,
    files or directories; default: every catalog). Exit 1 when there is nothing to compile."""
    config, out = project_config(ctx), output(ctx)
    problems: list[PipelineError] = []  # a malformed catalog keeps its old MO file; the others are compiled
    targets = parse_langs(langs, config)
    compiled = compile_project(config, targets, article_names(config, articles), use_fuzzy, problems)
    for r in compiled:
        skipped = f", {r.fuzzy_skipped} fuzzy left out" if r.fuzzy_skipped else ""
        out.detail(f"wrote {out.shown(r.mo)}: {r.translated} message(s){skipped}, {r.untranslated} untranslated")
    per_lang = {lang: sum(r.po.parent.parent.name == lang for r in compiled) for lang in targets}
    fuzzy = sum(r.fuzzy_skipped for r in compiled)
    finish({"compiled": [{"catalog": out.shown(r.po), "mo": out.shown(r.mo), "translated": r.translated,
                          "fuzzy_skipped": r.fuzzy_skipped, "untranslated": r.untranslated} for r in compiled]},
           problems=problems,
           summary=f"compiled {len(compiled)} MO file(s) ({', '.join(f'{k}: {n}' for k, n in per_lang.items())}) "
                   f"in {out.seconds():.1f} s: {sum(r.translated for r in compiled)} message(s), "
                   f"{fuzzy} fuzzy left out, {sum(r.untranslated for r in compiled)} untranslated")


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if value is None else fmt.format(value)


def _engine_table(scores: list[EngineScore]) -> list[str]:
    rows = [("engine", "pair", "reviewed", "pending", "chrF", "TER", "unchanged", "terms")]
    for s in scores:
        terms = f"{_num(s.term_accuracy, '{:.0%}')} of {s.terms}" if s.terms else "-"
        rows.append((s.engine, s.pair, str(s.segments), str(s.pending), _num(s.chrf), _num(s.ter),
                     _num(s.unchanged, "{:.0%}"), terms))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


@click.command()
@articles_argument
@lang_option("Languages, comma-separated (default: the project's targets).")
@click.option("--ref", "ref", type=click.Path(file_okay=False, path_type=Path),
              help="Reference translations: DIR/<lang>/<article>.txt, one line per block as in the source.")
@format_option
@click.pass_context
def evaluate(ctx: click.Context, articles: tuple[str, ...], langs: str | None, ref: Path | None) -> None:
    """Post-editing metrics of MT per engine and language pair (chrF, TER, unchanged share, terms).

    Scores the raw MT kept in each entry's MT-raw annotation against the reviewed
    translation; with --ref, scores raw MT and the catalogs against reference translations.
    ARTICLES: names, files or directories (default: every catalog).
    """
    config = project_config(ctx)
    result = evaluate_project(config, parse_langs(langs, config), article_names(config, articles) or [], ref)
    lines = _engine_table(result.post_editing) if result.post_editing else [
        "no MT output with MT-raw annotations to evaluate"]
    lines += [f"{name} {s.pair} {s.system}: BLEU {s.bleu:.1f}  chrF {s.chrf:.1f}  TER {s.ter:.1f}"
              f"  ({s.blocks}/{s.total_blocks} blocks)" for name, s in result.reference]
    finish(result.to_dict(), summary=lines)


COMMANDS = [publish, compile_, evaluate]
