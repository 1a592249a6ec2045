"""The ``translate-pipeline`` command: a thin click layer over the Python API.

Each command group lives in its own module and is registered here.  What every command
shares is added here too: the output options (``-q``, ``-v``, ``--progress``), accepted before
and after the command name, and the exit status of :class:`~translate_pipeline.core.errors.ExitCode`.
"""
from __future__ import annotations

import logging
import signal
import sys
import threading
import textwrap
from pathlib import Path

import click

from translate_pipeline.cli.common import error_line, json_document, output, output_options, usage_document
from translate_pipeline.core.errors import Interrupted, PipelineError, exit_code_table, one_line

PROJECT_ENV = "TRANSLATE_PIPELINE_PROJECT"


class _Notices(logging.Handler):
    """The package's notices (``logging.getLogger("translate_pipeline")``) as ``warning: …`` lines on stderr
    (``error: …`` for an error-level record)."""

    def __init__(self, ctx: click.Context):
        super().__init__(logging.WARNING)
        self.ctx = ctx

    def emit(self, record: logging.LogRecord) -> None:
        out = output(self.ctx)
        args = tuple(out.shown(a) if isinstance(a, Path) else a for a in record.args or ())
        text = record.msg % args if args else record.msg
        out.error(text) if record.levelno >= logging.ERROR else out.warning(text)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same cleanup runs (temporary files, a catalog moved aside)."""

    signum = signal.SIGTERM


def _terminated(signum, frame) -> None:
    raise _Terminated()


class _Main(click.Group):
    """Turns :class:`PipelineError` into one line on stderr and its exit status; prints the package's notices.

    click's own messages (usage errors, an interrupt) become ``error:``/``note:`` lines too, so every line
    a command writes on stderr starts with its severity (README: What is printed).
    """

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        given = args[0] if args else kwargs.get("args")
        given = sys.argv[1:] if given is None else list(given)
        in_main_thread = threading.current_thread() is threading.main_thread()  # where handlers may be set
        previous = signal.signal(signal.SIGTERM, _terminated) if in_main_thread else None
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # an Exit's status, or None
        except click.ClickException as exc:
            click.echo(f"error: {one_line(exc.format_message())}", err=True)
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                usage = " ".join(ctx.get_usage().split()).removeprefix("Usage: ")
                click.echo(f"note: usage: {usage} ({ctx.command_path} -h for help)", err=True)
            document = usage_document(exc, given) if isinstance(exc, click.UsageError) else None
            if document is not None:  # stdout is the document whatever happened (README: JSON output)
                click.echo(document)
            sys.exit(exc.exit_code)
        except click.Abort:  # Ctrl-C before the command ran (click's): nothing was written
            problem = Interrupted()
            click.echo(f"error: {problem}", err=True)
            sys.exit(problem.exit_code)
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        logger, notices = logging.getLogger("translate_pipeline"), _Notices(ctx)
        logger.addHandler(notices)
        logger.propagate = False  # printed here once, not again by a root handler
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM (_terminated), reported as any other problem
            self._stop(ctx, Interrupted(getattr(exc, "signum", signal.SIGINT)))
        except PipelineError as exc:
            self._stop(ctx, exc)
        finally:
            logger.removeHandler(notices)

    @staticmethod
    def _stop(ctx: click.Context, exc: PipelineError):
        out = output(ctx)
        click.echo(error_line(exc, out.root), err=True)
        if out.json:  # stdout is the document whatever happened: here only its common fields
            click.echo(json_document(out, [exc]))
        sys.exit(exc.exit_code)


def _epilog() -> str:
    rows = [textwrap.fill(meaning, 74, initial_indent=f"  {code:>3}  ", subsequent_indent=" " * 7, break_on_hyphens=False)
            for code, meaning in exit_code_table()]
    return "\b\nExit status, the same for every command:\n" + "\n".join(rows)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_epilog(),
             params=output_options())
@click.option(
    "-C",
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=str),
    default=".",
    show_default=True,
    envvar=PROJECT_ENV,
    show_envvar=True,
    help="Translation project directory (holds locales/, glossary/, translate-pipeline.toml).",
)
@click.version_option(package_name="translate-pipeline")
@click.pass_context
def main(ctx: click.Context, project: str) -> None:
    """Offline translation of Russian news articles into English and Kazakh via PO files."""
    obj = ctx.ensure_object(dict)
    obj["project"] = project  # checked by each command (cli.common.project_config), after its --format is read
    obj["project_given"] = ctx.get_parameter_source("project") is not click.core.ParameterSource.DEFAULT
    output(ctx).root = Path(project).resolve()


def _commands(group: click.Group):
    for command in group.commands.values():
        yield command
        if isinstance(command, click.Group):
            yield from _commands(command)


def _register() -> None:
    from translate_pipeline.cli import (
        catalog_cmds,
        check_cmd,
        glossary_cmd,
        models_cmd,
        mt_cmd,
        publish_cmd,
        tm_cmd,
    )

    for module in (catalog_cmds, publish_cmd, glossary_cmd, check_cmd, tm_cmd, models_cmd, mt_cmd):
        for command in module.COMMANDS:
            main.add_command(command)
    for command in _commands(main):  # -q, -v, --progress after any command name too
        command.params.extend(output_options())


_register()
