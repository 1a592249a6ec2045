"""The ``translate-pipeline`` command: a thin click layer over the Python API.

Each command group lives in its own module and is registered here.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from translate_pipeline.cli.common import error_line, shown
from translate_pipeline.core.errors import PipelineError, one_line
from translate_pipeline.core.project import enclosing_project


class _Notices(logging.Handler):
    """The package's notices (``logging.getLogger("translate_pipeline")``) as ``warning: …`` lines on stderr."""

    def __init__(self, root: Path):
        super().__init__(logging.WARNING)
        self.root = root

    def emit(self, record: logging.LogRecord) -> None:
        args = tuple(shown(a, self.root) if isinstance(a, Path) else a for a in record.args or ())
        click.echo(one_line(f"warning: {record.msg % args if args else record.msg}"), err=True)


class _Main(click.Group):
    """Turns :class:`PipelineError` into one line on stderr and exit status 1; prints the package's notices."""

    def invoke(self, ctx: click.Context):
        root = Path(ctx.params.get("project") or ".").resolve()
        logger, notices = logging.getLogger("translate_pipeline"), _Notices(root)
        logger.addHandler(notices)
        logger.propagate = False  # printed here once, not again by a root handler
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(error_line(exc, root), err=True)
            sys.exit(1)
        finally:
            logger.removeHandler(notices)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=str),
    default=".",
    show_default=True,
    help="Translation project directory (holds locales/, glossary/, translate-pipeline.toml).",
)
@click.version_option(package_name="translate-pipeline")
@click.pass_context
def main(ctx: click.Context, project: str) -> None:
    """Offline translation of Russian news articles into English and Kazakh via PO files."""
    if not Path(project).is_dir():  # never create a project (glossary/, tm/) where none was meant
        raise PipelineError("no such project directory (-C)", project)
    outer = enclosing_project(Path(project))
    if outer is not None and ctx.get_parameter_source("project") is click.core.ParameterSource.DEFAULT:
        raise PipelineError(f"this directory is inside the translation project {outer}: run there, "
                            f"or pass -C {outer} (-C . starts a new project here)")
    ctx.obj = {"project": project}


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


_register()
