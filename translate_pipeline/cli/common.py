"""Helpers shared by the CLI modules."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

import click

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import resolve_languages
from translate_pipeline.core.project import tidy_project
from translate_pipeline.core.settings import ProjectConfig, load_config, split_list


def project_config(ctx: click.Context) -> ProjectConfig:
    """The project of this invocation, loaded and validated once (every command starts with it)."""
    obj = ctx.find_root().ensure_object(dict)
    if "config" not in obj:
        obj["config"] = load_config(obj.get("project", "."))
        try:
            tidy_project(obj["config"])  # whatever a killed command left: gone once the next one ran
        except PipelineError:
            pass  # a read-only checkout: reading goes on; a command that writes reports it under the lock
    return obj["config"]


def languages(codes: list[str], configured: Sequence[str], source: str | None = None) -> list[str]:
    """``codes`` as the project's languages (``kk-KZ`` → ``kk``, said once on stderr); see
    :func:`~translate_pipeline.core.langs.resolve_languages` (``source``: the codes are targets)."""
    langs, notes = resolve_languages(codes, configured, source=source)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    return langs


def parse_langs(value: str | None, config: ProjectConfig, source: str | None = None) -> list[str]:
    """``--lang en,kk`` → the target languages they name (``kk-KZ`` → ``kk``); the source language
    (``source``, default the project's) is an error.  Default: the project's target languages."""
    source = source or config.source_lang
    targets = [lang for lang in [config.source_lang, *config.target_langs] if lang != source]
    langs = languages(split_list(value), targets, source) if value else targets
    if not langs:
        raise PipelineError("no target language given")
    return langs


def parse_lang(code: str, config: ProjectConfig) -> str:
    """One language of a model pair (source or target), as one of the project's where it names one."""
    return languages([code], [config.source_lang, *config.target_langs])[0]


def lang_option(help: str = "Target languages, comma-separated (default: the project's)."):
    """The one option for target languages on every command: ``--lang``, with ``--to`` as its alias."""
    return click.option("--lang", "--to", "langs", metavar="en,kk", help=help + " Alias: --to.")


def error_line(exc: PipelineError, root: Path) -> str:
    """``error: FILE:LINE: …``, the file relative to the project directory ``root`` as every path printed."""
    if exc.path is not None and exc.path.is_absolute():
        exc = PipelineError(exc.message, shown(exc.path, root), exc.line)
    return f"error: {exc}"


def exit_on_problems(problems: list[PipelineError], root: Path) -> None:
    """What a command skipped (a malformed catalog blocks only its own work): one ``error:`` line each
    after the command's output, then exit status 1.  Nothing when there were none."""
    for exc in problems:
        click.echo(error_line(exc, root), err=True)
    if problems:
        sys.exit(1)


def shown(path: Path | str, root: Path) -> str:
    """``path`` as printed to the user: relative to the project directory ``root`` when inside it
    (POSIX style, as in PO references), else as given (an Argos package, ``--out /srv/site``,
    the project directory itself)."""
    path = Path(path)
    if path.is_absolute() and path != root and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return str(path)


STDOUT = "-"  # an export's FILE argument meaning standard output (a file named "-" is ./-)


def write_stdout(data: bytes) -> None:
    """An export's bytes on standard output; its summary then goes to stderr, so the output stays
    the file alone (``tm export - | gzip``)."""
    click.echo(data, nl=False)  # bytes go to the binary stream as they are


def post_editing_lines(rows) -> list[str]:
    """The reviewed segments by how they came about, one line per ``(label, PostEditing)`` that has any
    (``stats`` per catalog, ``evaluate`` per language pair); no lines when none has."""
    rows = [(label, p) for label, p in rows if sum(p.segments.values())]
    if not rows:
        return []
    lines = [f"{'reviewed segments':<35} {'MT as is':>8} {'post-edited':>11} {'TM':>5} {'human':>5} {'chrF':>6} {'TER':>6}"]
    for label, p in rows:
        distance = "".join(f" {value:>6.1f}" if value is not None else f" {'-':>6}" for value in (p.chrf, p.ter))
        lines.append(f"{label:<35} {p.segments['mt']:>8} {p.segments['post-edited']:>11} {p.segments['tm']:>5} "
                     f"{p.segments['human']:>5}{distance}")
    return lines
