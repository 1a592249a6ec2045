"""Helpers shared by the CLI modules."""
from __future__ import annotations

import click

from translate_pipeline.core.settings import ProjectConfig, load_config, split_list
from translate_pipeline.core.errors import PipelineError


def project_config(ctx: click.Context) -> ProjectConfig:
    return load_config(ctx.obj["project"] if ctx.obj else ".")


def parse_langs(value: str | None, config: ProjectConfig) -> list[str]:
    """``--lang en,kk`` → validated codes; default: the project's target languages."""
    from translate_pipeline.core.langs import validate_lang

    langs = split_list(value) if value else list(config.target_langs)
    if not langs:
        raise PipelineError("no target language given")
    return [validate_lang(lang) for lang in langs]
