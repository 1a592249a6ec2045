"""Where things live in a translation project (gettext layout) and the project lock."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, Refused, os_error
from translate_pipeline.core.fs import remove_stale_staging, remove_stale_temporaries
from translate_pipeline.core.settings import CONFIG_NAME, ProjectConfig

_GLOSSARY_SUFFIXES = (".csv", ".tsv", ".tbx")  # what glossary add/import/export write there

LOCK_NAME = ".translate-pipeline.lock"
MODELS_DIR = "models"  # converted models `models add` installs in the project


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


def require_catalogs(config: ProjectConfig, langs: list[str], names: list[str] | None = None,
                     what: str = "run translate first") -> None:
    """Stop a command that reads catalogs when there is nothing to read.

    Raises :class:`PipelineError` (bad input: a typo) for a named article without a catalog in
    any of ``langs``, and :class:`Refused` (nothing to count) when ``langs`` have no catalog at all.
    """
    for name in names or []:
        if not any(po_path(config, lang, name).exists() for lang in langs):
            looked = po_path(config, langs[0], name).relative_to(config.root)
            raise PipelineError(f"no catalog for article {name!r} (looked for {looked}; run extract/translate first)")
    if not any(catalog_names(config, lang) for lang in langs):
        raise Refused(f"no catalogs for {', '.join(langs)} under {config.locales_dir}/ ({what})")


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


def _looks_like_project(directory: Path) -> bool:
    return (directory / CONFIG_NAME).is_file() or (directory / "articles").is_dir() or (directory / "locales").is_dir()


def enclosing_project(directory: Path) -> Path | None:
    """The translation project ``directory`` lies inside, when it is not one itself (None otherwise).

    A project is a directory with ``translate-pipeline.toml``, ``articles/`` or ``locales/``.
    Running in ``locales/`` or ``articles/`` of a project would otherwise start a second,
    empty project there.
    """
    directory = directory.resolve()
    if _looks_like_project(directory):
        return None
    return next((parent for parent in directory.parents if _looks_like_project(parent)), None)


def tidy_project(config: ProjectConfig) -> list[Path]:
    """Remove what killed runs left in the project: temporary catalogs, MO files, glossaries, settings,
    a ``models add`` staging directory.

    Only files no live process is writing (see :mod:`translate_pipeline.core.fs`), so
    every command may call it, with or without the project lock (the CLI does, first).  A catalog a killed run had moved aside is put back or kept aside
    (:func:`~translate_pipeline.core.fs.remove_stale_temporaries`).  Returns what was removed.
    """
    try:
        return (remove_stale_temporaries(config.locales_path)
                + remove_stale_temporaries(config.glossary_path, _GLOSSARY_SUFFIXES)
                + remove_stale_temporaries(config.root, (CONFIG_NAME,), recursive=False)
                + remove_stale_staging(config.root / MODELS_DIR, (".adding-",)))
    except OSError as exc:
        raise os_error("cannot remove a stale temporary file", exc, exc.filename) from exc


def lock_path(config: ProjectConfig) -> Path:
    """``<project>/.translate-pipeline.lock``: at the project root, not in ``locales/``,
    where gettext tools (``pocount locales/``) would read the empty file as a catalog."""
    return config.root / LOCK_NAME


@contextmanager
def project_lock(config: ProjectConfig, timeout: float = 10.0) -> Iterator[None]:
    """Hold a lock that stops two runs on the same project from interleaving writes.

    Take it only when about to write: the lock file (``.translate-pipeline.lock``, empty) is the one
    file a run leaves behind that did not get as far as writing, and only when it got this far
    (its input read and checked); ``locales/`` is made by the first catalog written, not here.
    Once held, temporary files a killed run left are removed (:func:`tidy_project`).  A
    ``locales`` that is a file, a lock path that is a directory or cannot be
    opened (read-only, immutable) is a one-line PipelineError.
    """
    if config.locales_path.exists() and not config.locales_path.is_dir():
        raise PipelineError("is a file; the catalogs' directory must be a directory", config.locales_path)
    path = lock_path(config)
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise EnvironmentProblem(
            f"another translate-pipeline run holds the project lock for {timeout:.0f}s; retry when it ends", path
        ) from exc
    except OSError as exc:
        raise os_error("cannot take the project lock", exc, path) from exc
    try:
        legacy = config.locales_path / LOCK_NAME  # where earlier versions kept it: gettext tools choke on it
        try:
            if legacy.is_file() and legacy.stat().st_size == 0:
                legacy.unlink()
        except OSError as exc:
            raise os_error("cannot remove a stale temporary file", exc, exc.filename) from exc
        tidy_project(config)
        yield
    finally:
        lock.release()
