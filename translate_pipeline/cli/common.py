"""Helpers shared by the CLI modules: the project, languages, and what every command prints.

Every command prints through :class:`Output` (``-q``/``-v``, progress bars, ``--format json``)
and ends with :func:`finish`: one ``error:`` line per problem on stderr, then the summary (or
the JSON document) on stdout, then the exit status of :class:`~translate_pipeline.core.errors.ExitCode`.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import click

from translate_pipeline.core.errors import ExitCode, PipelineError, Refused, one_line, worst
from translate_pipeline.core.langs import Tag, resolve_languages, taken_as
from translate_pipeline.core.project import enclosing_project, tidy_project
from translate_pipeline.core.settings import ProjectConfig, load_config, split_list
from translate_pipeline.source.readers import ARTICLE_SUFFIXES, article_name

# The version of every command's JSON document; README "JSON output" says what may change within one.
FORMAT_VERSION = 1
SCHEMAS = "data/schemas/v1"  # inside the package: <command>.schema.json, e.g. tm-stats.schema.json


@dataclass
class Output:
    """How this invocation prints: set by the global options, read by every command.

    ``verbosity`` -1 (``-q``: errors and the final summary only), 0, or 1 (``-v``: per-file lines
    and timings); ``progress`` None shows progress bars only when stderr is a terminal;
    ``json``: stdout is one JSON document and nothing else.
    """

    verbosity: int = 0
    progress: bool | None = None
    json: bool = False
    command: str = ""  # the (sub)command's name, e.g. "tm stats", once its options are read
    root: Path = field(default_factory=Path.cwd)
    started: float = field(default_factory=time.monotonic)
    said: set[str] = field(default_factory=set)  # notes said once per invocation (kk-KZ is taken as kk)

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0

    @property
    def verbose(self) -> bool:
        return self.verbosity > 0

    @property
    def show_progress(self) -> bool:
        """Progress bars: as forced, else only on a terminal and not with ``-q`` (a log gets no ``\\r``)."""
        if self.progress is not None:
            return self.progress
        return not self.quiet and sys.stderr.isatty()

    def line(self, text: str, *, error: bool = False) -> None:
        """A line of the report on stdout (not with ``--format json``); not with ``-q`` either unless it
        tells of an ``error`` (an error-level QA finding: ``-q`` is errors and the summary)."""
        if (error or not self.quiet) and not self.json:
            click.echo(text)

    def detail(self, text: str) -> None:
        """A line only ``-v`` prints: one per file, timings."""
        if self.verbose and not self.json:
            click.echo(text)

    # Every line on stderr starts with its severity (error:, warning:, note:), so a log can be grepped;
    # the other stderr output is a progress bar, drawn only on a terminal.
    def error(self, text: str) -> None:
        """``error: text`` on stderr, with ``-q`` too (what made the command fail, e.g. a blocking sentence)."""
        click.echo(f"error: {one_line(text)}", err=True)

    def warning(self, text: str) -> None:
        """``warning: text`` on stderr (not with ``-q``)."""
        if not self.quiet:
            click.echo(f"warning: {one_line(text)}", err=True)

    def note(self, text: str) -> None:
        """``note: text`` on stderr (not with ``-q``): something done on the user's behalf, for information."""
        if not self.quiet:
            click.echo(f"note: {one_line(text)}", err=True)

    def note_once(self, text: str) -> None:
        """:meth:`note`, unless this invocation said it already."""
        if text not in self.said:
            self.said.add(text)
            self.note(text)

    def seconds(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def shown(self, path: Path | str) -> str:
        return shown(path, self.root)


def output(ctx: click.Context | None = None) -> Output:
    """The :class:`Output` of the running invocation."""
    ctx = ctx or click.get_current_context()
    return ctx.find_root().ensure_object(dict).setdefault("output", Output())


def _verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value:
        return
    out, level = output(ctx), -1 if param.name == "quiet" else 1
    if out.verbosity == -level:
        raise click.UsageError("-q/--quiet and -v/--verbose exclude each other", ctx)
    out.verbosity = level


def _progress(ctx: click.Context, param: click.Parameter, value: bool | None) -> None:
    if value is not None:
        output(ctx).progress = value


_FORMER = "translate_pipeline.former_format"  # ctx.meta key: --format given one of its former values


def _format(ctx: click.Context, param: click.Parameter, value: str) -> None:
    if value == "json":
        out = output(ctx)
        out.json, out.command = True, command_name(ctx)
    elif value != "text":
        ctx.meta[_FORMER] = value


class ReportFormat(click.Choice):
    """``text`` or ``json``; where ``--format`` used to name something else (publish's editions), also
    those ``former`` values (one, or a comma-separated list of them), read by :func:`former_format`."""

    def __init__(self, former: Sequence[str] = ()):
        super().__init__(["text", "json"])
        self.former = tuple(former)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        items = split_list(value) if self.former and isinstance(value, str) else []
        if items and all(item in self.former for item in items):
            return value
        return super().convert(value, param, ctx)

def output_options() -> list[click.Option]:
    """``-q``, ``-v`` and ``--progress/--no-progress``: accepted before the command (``translate-pipeline -q
    translate``) and after it (``translate-pipeline translate -q``), with the same effect."""
    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_verbosity,
                     help="Print only errors and the final summary."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_verbosity,
                     help="Also print a line per file and timings."),
        click.Option(["--progress/--no-progress"], default=None, expose_value=False, callback=_progress,
                     help="Progress bars on stderr: forced on or off (default: only when stderr is a terminal)."),
    ]


def format_option(f=None, *, moved_to: str | None = None, values: Sequence[str] = ()):
    """``--format text|json``; with json, stdout is one document of the command's JSON Schema.

    ``moved_to``: the option (``--editions``) that now takes the ``values`` ``--format`` took before it
    chose the report; the old spelling (``--format md``) still works, with a warning (the command reads
    it with :func:`former_format`).  Used bare (``@format_option``) or called
    (``@format_option(moved_to=…, values=…)``).
    """
    help = (f"json: one JSON document on stdout (format_version {FORMAT_VERSION}; schema in the package: "
            f"{SCHEMAS}/<command>.schema.json).")
    if moved_to:
        help += (f" Formerly --format {'|'.join(values)} meant what {moved_to} means now; that spelling still "
                 f"works, with a warning.")

    def decorate(f):
        return click.option("--format", "fmt", type=ReportFormat(values if moved_to else ()), default="text",
                            show_default=True, expose_value=False, callback=_format, help=help)(f)
    return decorate if f is None else decorate(f)


def former_format(given: str | None, option: str) -> str | None:
    """``option``'s value (``given``), or what ``--format`` was given in its place the old way (with one
    ``warning:`` line); a usage error when both are given."""
    ctx = click.get_current_context()
    former = ctx.meta.get(_FORMER)
    if former is None:
        return given
    if given is not None:
        raise click.UsageError(f"--format {former}: give it with {option} only (--format is the report: text, json)",
                               ctx)
    output(ctx).warning(f"--format {former} is deprecated; use {option} {former} "
                        f"(--format now chooses the report: text, json)")
    return former


def command_name(ctx: click.Context | None = None) -> str:
    """``tm stats`` for ``translate-pipeline tm stats``: the names of the running (sub)commands,
    without the program's, however it was started (``python -m translate_pipeline``, the console
    script, another ``argv[0]``; the program's name may have spaces: click's ``python -m …``)."""
    ctx = ctx or click.get_current_context()
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(reversed(names))


def unread_catalogs(problems: list[PipelineError]) -> str:
    """The end of a review command's summary (``check``, ``stats``) when catalogs could not be read
    (``problems``: one per malformed catalog, reported above), so that the summary never reads as
    all clear over a catalog it could not look into: ``; 1 catalog(s) could not be read``."""
    return f"; {len(problems)} catalog(s) could not be read (see the errors)" if problems else ""


def schema_file(command: str):
    """The JSON Schema of ``command``'s ``--format json`` document (a :mod:`importlib.resources` path)."""
    return resources.files("translate_pipeline").joinpath(f"{SCHEMAS}/{command.replace(' ', '-')}.schema.json")


def problem_dict(exc: PipelineError, root: Path) -> dict[str, Any]:
    """A problem as the JSON documents list it (``problems`` of common.schema.json)."""
    return {"file": shown(exc.path, root) if exc.path is not None else None, "line": exc.line,
            "message": exc.message, "exit_code": int(exc.exit_code), "text": error_line(exc, root)}


def finish(data: dict[str, Any] | None = None, *, summary: str | Iterable[str] | None = None,
           problems: Sequence[PipelineError] = (), refused: Refused | str | None = None,
           stdout_taken: bool = False) -> None:
    """End a command: an ``error:`` line per problem (and the refusal) on stderr, then the summary
    (or, with ``--format json``, the document: ``data`` plus the common fields), then the exit status:
    the worst problem's (:func:`~translate_pipeline.core.errors.worst`), 1 when only ``refused``, else 0.
    ``stdout_taken``: standard output holds an export (FILE ``-``), so the summary goes to stderr, as
    ``note:`` lines like everything there."""
    out = output()
    if isinstance(refused, str):
        refused = Refused(refused)
    issues = [*problems, *([refused] if refused is not None else [])]
    for exc in issues:
        click.echo(error_line(exc, out.root), err=True)
    code = worst(issues)
    if out.json:
        click.echo(json_document(out, issues, data))
    elif summary is not None:
        lines = [summary] if isinstance(summary, str) else list(summary)
        if stdout_taken:
            lines = [f"note: {line}" for text in lines for line in text.splitlines()]
        if lines:
            click.echo("\n".join(lines), err=stdout_taken)
    if code is not ExitCode.OK:
        click.get_current_context().exit(int(code))


def json_document(out: Output, issues: Sequence[PipelineError], data: dict[str, Any] | None = None) -> str:
    """The ``--format json`` document: the common fields (common.schema.json), then the command's ``data``
    (none when the command stopped before its report)."""
    document = {"command": out.command, "format_version": FORMAT_VERSION, "exit_code": int(worst(issues)),
                "seconds": out.seconds(), "problems": [problem_dict(exc, out.root) for exc in issues]}
    return json.dumps({**document, **(data or {})}, ensure_ascii=False, indent=2)


class UsageProblem(PipelineError):
    """click's usage error (an unknown option, a bad value) as a problem of the JSON document: exit status 2."""

    exit_code = ExitCode.USAGE


def usage_document(exc: click.UsageError, args: Sequence[str]) -> str | None:
    """The ``--format json`` document of a command stopped by a usage error: its common fields, the error
    its one problem; None when the command has no ``--format`` or was not given ``--format json``.

    click stops at the first bad argument, before any option's callback ran, so ``--format json`` is
    looked for in ``args`` (the command line) unless a callback had read it already.
    """
    given = list(args)
    ctx = exc.ctx or _parsed_leniently(given)  # click leaves out the context of some errors ('--lang' with no value)
    if ctx is None or not any(isinstance(p.type, ReportFormat) for p in ctx.command.params):
        return None
    out = output(ctx)
    if not out.json and not any(a == "--format=json" or (a == "--format" and b == "json")
                                for a, b in zip(given, given[1:] + [""])):
        return None
    out.command = command_name(ctx)
    return json_document(out, [UsageProblem(exc.format_message())])


def _parsed_leniently(args: list[str]) -> click.Context | None:
    """The context of the command ``args`` name, parsed as shell completion does (click's
    ``resilient_parsing``: no error, no callback); None when they name none."""
    from translate_pipeline.cli import main

    try:
        ctx = main.make_context(main.name, list(args), resilient_parsing=True)
        while isinstance(ctx.command, click.Group) and ctx.protected_args + ctx.args:
            name, command, rest = ctx.command.resolve_command(ctx, ctx.protected_args + ctx.args)
            if command is None:
                return None
            ctx = command.make_context(name, rest, parent=ctx, resilient_parsing=True)
    except click.ClickException:
        return None
    return ctx


def project_config(ctx: click.Context) -> ProjectConfig:
    """The project of this invocation (``-C``), checked, loaded and validated once (every command starts with it).

    Raises PipelineError for a ``-C`` that is no directory (no command creates a project where none
    was meant) and for a directory inside a project when ``-C`` was not given.
    """
    obj = ctx.find_root().ensure_object(dict)
    if "config" not in obj:
        project = Path(obj.get("project", "."))
        if not project.is_dir():
            raise PipelineError("no such project directory (-C)", project)
        outer = enclosing_project(project)
        if outer is not None and obj.get("project_given") is False:
            raise PipelineError(f"this directory is inside the translation project {outer}: run there, "
                                f"or pass -C {outer} (-C . starts a new project here)")
        obj["config"] = load_config(project)
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
        output().note_once(note)
    return langs


def term_base_language(code: str, config: ProjectConfig) -> str:
    """A language code typed for the term base (``glossary add -t kk-KZ=…``, ``remove --term``) as
    the term base's own: language and script, no region (``kk-KZ`` → ``kk``, ``kk-Latn-KZ`` →
    ``kk-Latn``), with the same note as :func:`languages` (``note: kk-KZ is taken as kk, …``)."""
    lang = Tag.parse(code).base
    note = taken_as(code, lang, [config.source_lang, *config.target_langs])
    if note:
        output().note_once(note)
    return lang


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


class ArticleArg(click.ParamType):
    """An ARTICLES argument: an article name, an article file or a directory of articles.

    Completes article names of the project's ``articles_dir`` and file names.
    """

    name = "article"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str):
        from click.shell_completion import CompletionItem

        names: set[str] = set()
        try:
            config = load_config(ctx.find_root().params.get("project") or ".")
            for path in config.articles_path.rglob("*"):
                if path.suffix.lower() in ARTICLE_SUFFIXES:
                    names.add(article_name(path, config.source_lang))
        except (PipelineError, OSError):
            pass  # a broken project or file name: complete what was found, and files
        return [CompletionItem(n) for n in sorted(names) if n.startswith(incomplete)] + [
            CompletionItem(incomplete, type="file")]


def keep_going_option(f):
    """``--keep-going/--fail-fast`` of the commands that work through many articles (None: not given)."""
    return click.option(
        "--keep-going/--fail-fast", "keep_going", default=None,
        help="--keep-going: a bad article or catalog is reported (file:line, reason) and skipped, the rest is "
             "done, and the command exits non-zero after its summary; --fail-fast: the first one stops the "
             "command with nothing written. Default: --keep-going when a directory is processed (no ARTICLES: "
             "articles_dir), else --fail-fast.")(f)


def articles_argument(f):
    """The one ARTICLES argument: names, files or directories, any number (none: the whole project)."""
    return click.argument("articles", nargs=-1, type=ArticleArg())(f)


def error_line(exc: PipelineError, root: Path) -> str:
    """``error: FILE:LINE: …``, the file relative to the project directory ``root`` as every path printed."""
    return f"error: {shown_error(exc, root)}"


def shown_error(exc: PipelineError, root: Path) -> str:
    """``FILE:LINE: …``, the file as :func:`shown` prints it (for ``error:`` and ``warning:`` lines)."""
    if exc.path is not None and exc.path.is_absolute():
        exc = exc.but(path=shown(exc.path, root))
    return str(exc)


def shown(path: Path | str, root: Path) -> str:
    """``path`` as printed to the user: relative to the project directory ``root`` when inside it
    (POSIX style, as in PO references), else as given (an Argos package, ``--out /srv/site``,
    the project directory itself)."""
    path = Path(path)
    if path.is_absolute() and path != root and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return str(path)


STDOUT = "-"  # an export's FILE argument meaning standard output (a file named "-" is ./-)


def to_stdout(file: str | Path) -> bool:
    """Whether an export's FILE is ``-``, standard output; a usage error with ``--format json``, whose
    document would go there too."""
    if str(file) != STDOUT:
        return False
    if output().json:
        raise click.UsageError("FILE - writes the export on standard output: give a FILE with --format json")
    return True


def writable_file(file: str | Path) -> Path:
    """An export's FILE (not ``-``), checked before anything is read: its directory must exist, as for
    ``cp`` or a shell redirection, so a mistyped path is an error naming that directory, never a new
    directory tree.  Raises PipelineError (exit 3)."""
    path = Path(file)
    parent = path.parent
    if not parent.is_dir():
        raise PipelineError("no such directory" if not parent.exists() else "not a directory", parent)
    return path


def write_stdout(data: bytes) -> None:
    """An export's bytes on standard output; its summary then goes to stderr (:func:`finish` with
    ``stdout_taken``), so the output stays the file alone (``tm export - | gzip``)."""
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
