"""extract / update / translate / stats: the core catalog workflow."""
from __future__ import annotations

from collections import Counter

import click
from tqdm import tqdm

from translate_pipeline import workflow as jobs
from translate_pipeline.cli.common import (
    Output,
    articles_argument,
    finish,
    format_option,
    keep_going_option,
    lang_option,
    output,
    parse_langs,
    post_editing_lines,
    project_config,
    shown_error,
    unread_catalogs,
)
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import RAY_ADDRESS_RULE, ray_hostport
from translate_pipeline.source.readers import article_names

def _progress(out: Output):
    """A progress bar over the article files as they are read (only on a terminal, and for more than a handful)."""
    def bar(files):
        return tqdm(files, desc="articles", unit="file", disable=not out.show_progress or len(files) < 5, leave=False)
    return bar


def _files(result: jobs.JobResult, out: Output) -> dict:
    """Source warnings and provenance written back on stderr, a line per file written with -v; the files
    for --format json."""
    warnings = result.source_warnings(out.shown)
    for path, restored in result.restored:
        warnings.append(f"{out.shown(path)}: {restored.describe()}")
    for warning in warnings:
        out.warning(warning)
    for path in result.written:
        out.detail(f"wrote {out.shown(path)}")
    for path in result.unchanged:
        out.detail(f"unchanged {out.shown(path)}")
    if result.timings:
        out.detail("time: " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in result.timings.items()))
    return {"articles": result.done, "written": [out.shown(p) for p in result.written],
            "unchanged": [out.shown(p) for p in result.unchanged], "warnings": warnings,
            "timings": {step: round(seconds, 3) for step, seconds in result.timings.items()}}


def _per_language(result: jobs.JobResult, langs: list[str]) -> dict[str, Counter]:
    """Catalogs written and unchanged per language (``locales/<lang>/…``); templates under ``pot``."""
    counts: dict[str, Counter] = {}
    for kind, paths in (("written", result.written), ("unchanged", result.unchanged)):
        for path in paths:
            lang = path.parent.parent.name if path.suffix == ".po" else "pot"
            counts.setdefault(lang, Counter())[kind] += 1
    return {lang: counts[lang] for lang in ["pot", *langs] if lang in counts}


def _summary(what: str, result: jobs.JobResult, out: Output, langs: list[str], sentences: str = "") -> str:
    """The final line: articles, languages, time, (``sentences``: what pre-translation did,) files changed,
    files skipped."""
    skipped = f"; {len(result.problems)} file(s) skipped with errors" if result.problems else ""
    into = f" into {', '.join(langs)}" if langs else ""
    return (f"{what} {result.done} article(s){into} in {out.seconds():.1f} s: {sentences + '; ' if sentences else ''}"
            f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged{skipped}")


def _pretranslated(result: jobs.JobResult, use_mt: bool) -> str:
    """``3 of 22 sentence(s) pre-translated, 19 left (no MT model for ru→kk)``: what pre-translation did over
    all languages, and why sentences were left (each problem's first clause, MT failures, MT off)."""
    pending = sum(report.pending for report in result.reports)
    if not pending:
        return "nothing to pre-translate"
    left = sum(report.left for report in result.reports)
    why = jobs.why_left(result.reports) + ["MT off: --no-mt"] * (not use_mt)
    reason = f" ({'; '.join(why)})" if left and why else ""
    return f"{pending - left} of {pending} sentence(s) pre-translated, {left} left{reason}"


@click.command()
@articles_argument
@keep_going_option
@format_option
@click.pass_context
def extract(ctx: click.Context, articles: tuple[str, ...], keep_going: bool | None) -> None:
    """Write the template locales/<article>.pot for each ARTICLE (names, files or directories; default: articles_dir)."""
    config, out = project_config(ctx), output(ctx)
    result = jobs.extract_project(config, list(articles), keep_going, _progress(out))
    data = _files(result, out)
    finish(data, summary=_summary("extracted", result, out, []), problems=result.problems)


@click.command()
@articles_argument
@lang_option()
@keep_going_option
@format_option
@click.pass_context
def update(ctx: click.Context, articles: tuple[str, ...], langs: str | None, keep_going: bool | None) -> None:
    """Create or merge locales/<lang>/LC_MESSAGES/<article>.po for each ARTICLE (names, files or
    directories; default: articles_dir).

    Reviewed translations are kept; changed sentences get their old translation
    as fuzzy; removed ones become obsolete (#~) and come back if restored.
    """
    config, out = project_config(ctx), output(ctx)
    targets = parse_langs(langs, config)
    result = jobs.update_project(config, list(articles), targets, keep_going, _progress(out))
    data = _files(result, out)
    per_lang = _per_language(result, targets)
    for lang, counts in per_lang.items():
        out.line(f"{lang}: {counts['written']} written, {counts['unchanged']} unchanged")
    data["languages"] = {lang: dict(counts) for lang, counts in per_lang.items()}
    finish(data, summary=_summary("updated", result, out, targets), problems=result.problems)


def _language_reports(result: jobs.JobResult, out: Output, refresh: bool, warnings: list[str]) -> list[dict]:
    """Per language: what pre-translation filled, the MT route and failures; lines at the default level.
    Each ``warning:`` line printed is added to ``warnings`` (the JSON document's)."""
    reports = []
    for report in result.reports:
        filled = {origin.value.lower(): n for origin, n in sorted(report.filled.items())}
        text = ", ".join(f"{n} by {origin.upper()}" for origin, n in filled.items()) or "none filled"
        failed = f" ({len(report.failed)} MT failed on)" if report.failed else ""
        out.line(f"{report.lang}: {report.pending} untranslated sentence(s): {text}; {report.left} left{failed}")
        if report.route and not report.problems:
            out.line(f"  MT route: {report.route}")
        if refresh:
            stale = f", {report.stale_kept} stale kept (no translation)" if report.stale_kept else ""
            out.line(f"  MT drafts: {report.refreshed} refreshed, {report.kept_edited} kept because edited, "
                     f"{report.unchanged} unchanged{stale}")
        for warning in [*report.failed, *(shown_error(error, out.root) for error in report.errors)]:
            out.warning(warning)
            warnings.append(warning)
        reports.append({"lang": report.lang, "pending": report.pending, "filled": filled, "left": report.left,
                        "mt_failed": list(report.failed), "route": report.route, "problems": list(report.problems),
                        "refreshed": report.refreshed, "kept_edited": report.kept_edited,
                        "unchanged_drafts": report.unchanged, "stale_kept": report.stale_kept})
    return reports


def _ray_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and ray_hostport(value) is None:
        raise click.BadParameter(f"{RAY_ADDRESS_RULE}, not {value!r}", ctx, param)
    return value


@click.command()
@articles_argument
@lang_option()
@click.option("--tm/--no-tm", "use_tm", default=True, show_default=True, help="Fill from the translation memory first.")
@click.option("--mt/--no-mt", "use_mt", default=True, show_default=True, help="Machine-translate what the TM cannot serve.")
@click.option("--require-mt", is_flag=True,
              help="Exit 1 when any segment was left without MT (no model for a pair, the engine failed on it "
                   "or wrote nothing).")
@click.option("--refresh-mt", is_flag=True,
              help="Also re-translate untouched MT drafts made by another route, model or glossary state.")
@click.option("--backend", type=click.Choice(["local", "ray"]),
              help="Where MT runs: this process, or actors on a Ray cluster (default: [mt] backend, else local).")
@click.option("--ray-address", metavar="ADDR", callback=_ray_address,
              help="Ray cluster to join (HOST:PORT, ray://HOST:PORT or auto; default: [mt.ray] address, else a local Ray).")
@keep_going_option
@format_option
@click.pass_context
def translate(
    ctx: click.Context, articles: tuple[str, ...], langs: str | None, use_tm: bool, use_mt: bool, require_mt: bool,
    refresh_mt: bool, backend: str | None, ray_address: str | None, keep_going: bool | None,
) -> None:
    """The main job: extract + update every ARTICLE (names, files or directories; default: articles_dir),
    then pre-translate.

    Untranslated entries are filled from the translation memory, then by
    machine translation that obeys the glossary; always as fuzzy drafts with
    their provenance. Reviewed translations are never touched; with
    --refresh-mt, neither are MT drafts a translator edited, un-fuzzied or commented.
    With --backend ray, MT runs on a Ray cluster and the articles are processed
    in chunks ([mt.ray] chunk_articles), with the same catalogs as a result.
    Over a directory (or articles_dir) a bad article or catalog is skipped and reported
    at the end (--keep-going, the default there; --fail-fast stops at the first).
    """
    config, out = project_config(ctx), output(ctx)
    targets = parse_langs(langs, config)
    options = jobs.TranslateOptions(use_tm=use_tm, use_mt=use_mt, refresh_mt=refresh_mt, require_mt=require_mt,
                                    backend=backend, ray_address=ray_address, show_progress=out.show_progress,
                                    keep_going=keep_going)
    conflict = jobs.option_conflict(config, options)
    if conflict:
        raise click.UsageError(conflict, ctx)
    result = jobs.translate_project(config, list(articles), targets, options, _progress(out))
    data = _files(result, out)
    harvested = result.harvested
    if harvested and (harvested.added or harvested.updated):
        out.line(f"TM: remembered {harvested.added} new and {harvested.updated} updated reviewed translation(s)")
    data["languages"] = _language_reports(result, out, refresh_mt and use_mt, data["warnings"])
    data["harvested"] = None if harvested is None else {"added": harvested.added, "updated": harvested.updated,
                                                        "unchanged": harvested.unchanged}
    data["without_mt"] = result.without_mt
    if not use_mt:
        out.line("machine translation off (--no-mt): catalogs prepared for translators")
    finish(data, summary=_summary("processed", result, out, targets, _pretranslated(result, use_mt)),
           problems=result.problems, refused=result.unmet)


def _stats_table(rows) -> str:
    header = (
        f"{'article':<28} {'lang':<6} {'segments':>8} {'done':>5} {'fuzzy':>5} {'todo':>5} "
        f"{'words':>6} {'done%':>6}  {'origin h/tm/mt/pe/d':<19} {'stale MT':>8} {'QA e/w':<7} ready"
    )
    lines = [header]
    for row in rows:
        s, w, o, f = row.segments, row.words, row.origin_segments, row.findings
        share = 100 * w["translated"] / w["total"] if w["total"] else 100.0
        origins = f"{o['human']}/{o['tm']}/{o['mt']}/{o['post-edited']}/{o['draft']}"
        qa = f"{f.get('error', 0)}/{f.get('warning', 0)}"
        lines.append(
            f"{row.article:<28} {row.lang:<6} {s['total']:>8} {s['translated']:>5} {s['fuzzy']:>5} "
            f"{s['untranslated']:>5} {w['total']:>6} {share:>5.1f}%  {origins:<19} {row.stale_mt:>8} {qa:<7} "
            f"{'yes' if row.ready else 'no'}"
        )
    for row in rows:
        lines.extend(f"{row.article} [{row.lang}]: {problem}" for problem in row.header)
    edits = post_editing_lines((f"{row.article} [{row.lang}]", row.post_editing) for row in rows)
    return "\n".join(lines + ([""] + edits if edits else []))


@click.command()
@articles_argument
@lang_option()
@format_option
@click.pass_context
def stats(ctx: click.Context, articles: tuple[str, ...], langs: str | None) -> None:
    """Per article × language: segments and words translated / fuzzy / untranslated, by origin
    (h = human: reviewed, of no machine origin; tm; mt = MT as the machine wrote it; pe = MT a
    person post-edited; d = unreviewed draft of another origin), QA findings, and whether the
    language is ready to publish (the publish gate's rule); then the reviewed segments by how
    they came about, with the edit distance of the post-edited ones (chrF, TER of MT-raw against
    the reviewed text). ARTICLES: names, files or directories (default: every catalog). Exit 1
    when there is nothing to count.

    Words are source words as Translate Toolkit's pocount counts them (msgid and msgid_plural;
    numbers and markup tags are no words); a plural entry is translated only when all its
    forms are (pocount: when msgstr[0] is)."""
    config = project_config(ctx)
    problems: list[PipelineError] = []  # a malformed catalog: its row is missing, the others are shown
    rows = jobs.stats(config, parse_langs(langs, config), article_names(config, articles), problems)
    ready = sum(row.ready for row in rows)
    finish({"rows": [row.as_dict() for row in rows]}, problems=problems,
           summary=[_stats_table(rows)] * bool(rows) + [
               f"{len(rows)} catalog(s), {ready} ready to publish{unread_catalogs(problems)}"])


COMMANDS = [extract, update, translate, stats]
