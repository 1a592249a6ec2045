"""Where things live in a translation project (gettext layout) and the project lock."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.errors import PipelineError

LOCK_NAME = ".translate-pipeline.lock"


def pot_path(config: ProjectConfig, name: str) -> Path:
    """``locales/<article>.pot``"""
    return config.locales_path / f"{name}.pot"


def po_path(config: ProjectConfig, lang: str, name: str) -> Path:
    """``locales/<lang>/LC_MESSAGES/<article>.po``"""
    return config.locales_path / lang / "LC_MESSAGES" / f"{name}.po"


def catalog_names(config: ProjectConfig, lang: str | None = None) -> list[str]:
    """Article names that have a template (or, with ``lang``, a PO file)."""
    if lang is None:
        return sorted(p.stem for p in config.locales_path.glob("*.pot"))
    return sorted(p.stem for p in (config.locales_path / lang / "LC_MESSAGES").glob("*.po"))


def catalog_langs(config: ProjectConfig) -> list[str]:
    """Target languages that have a ``locales/<lang>/`` directory, whether configured today or not.

    A catalog in the source language (e.g. a proofreading copy) is no translation and is left out.
    """
    if not config.locales_path.is_dir():
        return []
    return sorted(d.name for d in config.locales_path.iterdir() if d.is_dir() and d.name != config.source_lang)


def language_catalogs(
    config: ProjectConfig, langs: list[str], names: list[str] | None = None
) -> list[tuple[str, str, Path]]:
    """``(lang, article, PO path)`` for every catalog of ``langs``, only of the articles ``names`` if given."""
    return [
        (lang, name, po_path(config, lang, name))
        for lang in langs
        for name in catalog_names(config, lang)
        if not names or name in names
    ]


@contextmanager
def project_lock(config: ProjectConfig, timeout: float = 10.0) -> Iterator[None]:
    """Hold a lock that stops two runs on the same project from interleaving writes."""
    config.locales_path.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(config.locales_path / LOCK_NAME), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise PipelineError(
            f"another translate-pipeline run holds the project lock for {timeout:.0f}s; retry when it ends",
            config.locales_path / LOCK_NAME,
        ) from exc
    try:
        yield
    finally:
        lock.release()
