"""Helpers shared by the CLI modules."""
from __future__ import annotations

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
