"""publish / compile / evaluate: from reviewed catalogs to articles, MO files and MT metrics."""
from __future__ import annotations

import datetime
from pathlib import Path

import click

from translate_pipeline.cli.common import (
    articles_argument,
    finish,
    format_option,
    former_format,
    lang_option,
    languages,
    output,
    parse_langs,
    post_editing_lines,
    project_config,
    unread_catalogs,
)
from translate_pipeline.core.errors import PipelineError, Refused
from translate_pipeline.core.settings import split_list
from translate_pipeline.publish import clock
from translate_pipeline.publish.compile import compile_project, nothing_compiled
from translate_pipeline.publish.gate import UNTRANSLATED_POLICIES, Policy, remedies
from translate_pipeline.publish.report import summary_lines, to_dict
from translate_pipeline.publish.run import (
    EDITIONS,
    NO_BASE_URL,
    PublishOptions,
    default_langs,
    publish_project,
)
from translate_pipeline.review.evaluate import EngineScore, evaluate_project
from translate_pipeline.source.readers import article_names


def _date(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        return clock.parse(value)
    except ValueError as exc:
        raise PipelineError(f"--date must be YYYY-MM-DD or an ISO 8601 date-time like 2026-03-08T09:30:00+05:00, "
                            f"got {value!r}") from exc


def _editions(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    unknown = [name for name in split_list(value or "") if name not in EDITIONS]
    if unknown:
        raise click.BadParameter(f"unknown edition {unknown[0]!r} (expected {', '.join(EDITIONS)})", ctx, param)
    return value


@click.command()
@articles_argument
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="The site's directory: <out>/<article>/<lang>.<edition>, front pages, feeds, sitemap.xml.")
@click.option("--check", is_flag=True, help="Only run the review gate: report, write nothing.")
@click.option("--editions", "editions", metavar="html,md,txt,json", callback=_editions,
              help=f"Editions to write, comma-separated (default: {','.join(EDITIONS)}). Formerly --format.")
@format_option(moved_to="--editions", values=EDITIONS)
@lang_option("Languages, comma-separated (default: source, targets and kk-Latn).")
@click.option("--allow-fuzzy", is_flag=True, help="Publish fuzzy drafts (MT/TM), marked as machine-translated.")
@click.option("--untranslated", type=click.Choice(UNTRANSLATED_POLICIES),
              help="Untranslated sentences: 'skip' them or show the 'source', marked (default: refuse).")
@click.option("--allow-qa-errors", is_flag=True, help="Publish sentences with error-level QA findings.")
@click.option("--preview", is_flag=True,
              help="Editor's preview: pages show each sentence's provenance, the front page the languages not "
                   "yet published. Not for readers: write it to its own --out.")
@click.option("--date", "date", metavar="WHEN",
              help="The moment of this run (YYYY-MM-DD = its midnight UTC, or an ISO 8601 date-time; default now): "
                   "new editions are first published and changed ones updated at it; recorded moments are kept.")
@click.option("--base-url", "base_url", metavar="URL",
              help="Where --out is served: absolute canonical and hreflang links, Open Graph, JSON-LD, Atom feeds "
                   "and sitemap.xml. The site remembers it (index.json): later runs without it keep it; default "
                   "for a new site: [publish] base_url.")
@click.option("--no-base-url", "no_base_url", is_flag=True,
              help="Take the site's base URL away: links relative, Atom feeds and sitemap.xml removed. The site "
                   "remembers that too: only --base-url gives it an address again, not [publish] base_url.")
@click.option("--unpublish", "unpublish", metavar="LANG", multiple=True,
              help="Take these languages of ARTICLES (default all) off the site (comma-separated or repeated); "
                   "the source language takes the whole article off. Recorded in publication.json: later runs "
                   "keep them off until --republish.")
@click.option("--republish", "republish", metavar="LANG", multiple=True,
              help="Put languages taken off with --unpublish back (comma-separated or repeated): published again "
                   "when they pass the gate, with their first-publication dates.")
@click.pass_context
def publish(ctx: click.Context, articles: tuple[str, ...], out: Path | None, check: bool, editions: str | None,
            langs: str | None, allow_fuzzy: bool, untranslated: str | None, allow_qa_errors: bool,
            preview: bool, date: str | None, base_url: str | None, no_base_url: bool,
            unpublish: tuple[str, ...], republish: tuple[str, ...]) -> None:
    """Publish ARTICLES (names, files or directories; default all) in every language that passes review.

    A language is refused, with the list of blocking sentences, unless all its
    entries are translated, none is fuzzy and none has an error-level QA finding
    (the rule `stats` reports as "ready"); the exit status is then 1.  An edition
    already on the site stays as it is when its language is refused (or its catalog
    unreadable); only --unpublish LANG, or removing the article's source file, takes
    it off, until --republish LANG puts it back.  The files written and removed are listed with -v.
    """
    config = project_config(ctx)
    editions = former_format(editions, "--editions")
    if out is None and not check:
        raise click.UsageError("publish needs --out DIR (or --check to only run the review gate)")
    if check and unpublish:
        raise click.UsageError("--unpublish changes the site: give --out, not --check")
    if no_base_url and base_url is not None:
        raise click.UsageError("--base-url and --no-base-url exclude each other")
    everything = list(dict.fromkeys([config.source_lang, *config.target_langs, *default_langs(config)]))
    unpublish, republish = (tuple(languages([code for value in values for code in split_list(value)], everything))
                            for values in (unpublish, republish))
    both = set(unpublish) & set(republish)
    if both:
        raise click.UsageError(f"--unpublish and --republish both name {', '.join(sorted(both))}")
    options = PublishOptions(
        out=None if check else out, editions=tuple(split_list(editions or "")) or EDITIONS,
        langs=tuple(languages(split_list(langs or ""), default_langs(config))),
        policy=Policy(allow_fuzzy=allow_fuzzy, untranslated=untranslated, allow_qa_errors=allow_qa_errors),
        date=_date(date), preview=preview, base_url=NO_BASE_URL if no_base_url else base_url,
        unpublish=unpublish, republish=republish,
    )
    result = publish_project(config, list(articles), options)
    say = output(ctx)
    for note in result.notes:
        say.note(note)
    for doc in result.published:
        say.line(f"{'ready' if check else 'published'} {doc.name} [{doc.lang}]")
    for path in result.written:
        say.detail(f"wrote {say.shown(path)}")
    for path in result.unchanged:
        say.detail(f"unchanged {say.shown(path)}")
    for path in result.removed:
        say.detail(f"removed {say.shown(path)}")
    kept = {(k.article, k.lang): k for k in result.kept}
    for report in result.refused:  # the gate's verdict: error lines, which -q keeps
        say.error(f"refused {report.article} [{report.lang}]: {len(report.missing)} sentence(s) not ready")
        for line in report.lines(say.shown):
            say.error(line)
        k = kept.get((report.article, report.lang))
        if k is not None and out is not None:
            since = f" (published {k.since})" if k.since else ""
            say.note(f"kept {say.shown(out / k.article)}/{k.lang}.*{since} as it is: {k.reason} now; "
                     f"--unpublish {k.lang} takes it off the site")
    refused = None
    if result.refused:
        hints = "; ".join(remedies(result.refused))
        refused = Refused(f"{len(result.refused)} article edition(s) refused (sentences above)"
                          + (f": {hints}" if hints else ""))
    counts = [f"{len(result.written)} file(s) written", f"{len(result.unchanged)} unchanged"] + [
        f"{n} {what}" for n, what in ((len(result.removed), "removed"), (len(result.refused), "refused"),
                                      (len(result.kept), "kept as published before")) if n]
    if result.base_url_changed:  # a site-wide change: said in the summary, so -q shows it too
        old, new = result.base_url_changed
        counts.append(f"base URL {old or 'none'} → {new or 'none (relative links)'}")
    summary = summary_lines(result, everything) if check else [
        f"published {len(result.published)} article edition(s) in {say.seconds():.1f} s: {', '.join(counts)}"]
    finish(to_dict(result, check, out, say.shown), summary=summary, problems=result.problems, refused=refused)


@click.command(name="compile")
@articles_argument
@lang_option("Languages, comma-separated (default: the project's targets).")
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy (unreviewed) translations in the MO files.")
@format_option
@click.pass_context
def compile_(ctx: click.Context, articles: tuple[str, ...], langs: str | None, use_fuzzy: bool) -> None:
    """Compile locales/<lang>/LC_MESSAGES/<article>.po to .mo for gettext applications (ARTICLES: names,
    files or directories; default: every catalog). A catalog without a translated message gets no MO
    file (one left by an earlier compile is removed). Exit 1 when there is nothing to compile: no
    catalog, or none with a translated message."""
    config, out = project_config(ctx), output(ctx)
    problems: list[PipelineError] = []  # a malformed catalog keeps its old MO file; the others are compiled
    targets = parse_langs(langs, config)
    results = compile_project(config, targets, article_names(config, articles), use_fuzzy, problems)
    compiled = [r for r in results if r.mo is not None]
    empty = [r for r in results if r.mo is None]
    for r in compiled:
        skipped = f", {r.fuzzy_skipped} fuzzy left out" if r.fuzzy_skipped else ""
        out.detail(f"wrote {out.shown(r.mo)}: {r.translated} message(s){skipped}, {r.untranslated} untranslated")
    for r in empty:
        removed = f"; removed the {r.po.with_suffix('.mo').name} of an earlier compile" if r.stale_removed else ""
        out.note(f"{out.shown(r.po)}: no translated message, no MO file written{removed}")
    per_lang = {lang: sum(r.po.parent.parent.name == lang for r in compiled) for lang in targets}
    fuzzy = sum(r.fuzzy_skipped for r in compiled)
    without = f"; {len(empty)} catalog(s) with nothing to compile" if empty else ""
    reason = nothing_compiled(results, use_fuzzy)
    finish({"compiled": [{"catalog": out.shown(r.po), "mo": out.shown(r.mo), "translated": r.translated,
                          "fuzzy_skipped": r.fuzzy_skipped, "untranslated": r.untranslated} for r in compiled],
            "empty": [{"catalog": out.shown(r.po), "fuzzy": r.fuzzy_skipped, "untranslated": r.untranslated,
                       "stale_mo_removed": r.stale_removed} for r in empty]},
           problems=problems, refused=reason,
           summary=f"compiled {len(compiled)} MO file(s) ({', '.join(f'{k}: {n}' for k, n in per_lang.items())}) "
                   f"in {out.seconds():.1f} s: {sum(r.translated for r in compiled)} message(s), "
                   f"{fuzzy} fuzzy left out, {sum(r.untranslated for r in compiled)} untranslated{without}"
                   f"{unread_catalogs(problems)}")


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if value is None else fmt.format(value)


def _engine_table(scores: list[EngineScore]) -> list[str]:
    rows = [("engine", "pair", "reviewed", "pending", "untranslated", "chrF", "TER", "unchanged", "terms")]
    for s in scores:
        terms = f"{_num(s.term_accuracy, '{:.0%}')} of {s.terms}" if s.terms else "-"
        rows.append((s.engine, s.pair, str(s.segments), str(s.pending), str(s.untranslated), _num(s.chrf), _num(s.ter),
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
    translation; then splits each pair's reviewed segments into MT accepted as is, MT
    post-edited (chrF/TER of those alone), TM and human work, as stats does per catalog.
    With --ref, scores raw MT and the catalogs against reference translations.
    ARTICLES: names, files or directories (default: every catalog).
    """
    config = project_config(ctx)
    result = evaluate_project(config, parse_langs(langs, config), article_names(config, articles) or [], ref)
    lines = _engine_table(result.post_editing) if result.post_editing else [
        "no MT output with MT-raw annotations to evaluate"]
    edits = post_editing_lines(result.reviewed)
    lines += [""] + edits if edits else []
    lines += [f"{name} {s.pair} {s.system}: BLEU {s.bleu:.1f}  chrF {s.chrf:.1f}  TER {s.ter:.1f}"
              f"  ({s.blocks}/{s.total_blocks} blocks)" for name, s in result.reference]
    finish(result.to_dict(), summary=lines)


COMMANDS = [publish, compile_, evaluate]
