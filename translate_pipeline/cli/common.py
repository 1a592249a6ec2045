"""Helpers shared by the CLI modules."""
from __future__ import annotations

from pathlib import Path

import click

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import ProjectConfig, load_config, split_list


def project_config(ctx: click.Context) -> ProjectConfig:
    """The project of this invocation, loaded and validated once (every command starts with it)."""
    obj = ctx.find_root().ensure_object(dict)
    if "config" not in obj:
        obj["config"] = load_config(obj.get("project", "."))
    return obj["config"]


def parse_langs(value: str | None, config: ProjectConfig) -> list[str]:
    """``--lang en,kk`` → validated codes; default: the project's target languages."""
    from translate_pipeline.core.langs import validate_lang

    langs = split_list(value) if value else list(config.target_langs)
    if not langs:
        raise PipelineError("no target language given")
    return [validate_lang(lang) for lang in langs]


def lang_option(help: str = "Target languages, comma-separated (default: the project's)."):
    """The one option for target languages on every command: ``--lang``, with ``--to`` as its alias."""
    return click.option("--lang", "--to", "langs", metavar="en,kk", help=help + " Alias: --to.")


def shown(path: Path | str, root: Path) -> str:
    """``path`` as printed to the user: relative to the project directory ``root`` when inside it
    (POSIX style, as in PO references), else as given (an Argos package, ``--out /srv/site``,
    the project directory itself)."""
    path = Path(path)
    if path.is_absolute() and path != root and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return str(path)
