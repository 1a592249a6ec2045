"""MO files for applications that read gettext catalogs directly.

Fuzzy entries are machine drafts: they stay out of the MO file unless the
caller asks for them, the same rule as ``msgfmt`` without ``--use-fuzzy``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.catalog.state import EntryState, entry_state
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.fs import atomic_write
from translate_pipeline.core.project import language_catalogs, require_catalogs, tidy_project
from translate_pipeline.core.settings import ProjectConfig


@dataclass(frozen=True)
class Compiled:
    po: Path
    mo: Path | None  # None: the catalog has no message to compile, and no MO file was written
    translated: int  # messages written to the MO file
    fuzzy_skipped: int
    untranslated: int
    stale_removed: bool = False  # an MO file of an earlier compile was removed: its catalog has nothing now


def compile_catalog(po: Path, use_fuzzy: bool = False) -> Compiled:
    """``<name>.po`` → ``<name>.mo`` beside it (polib's MO writer), written atomically.

    A catalog without one translated message (fuzzy ones counted with ``use_fuzzy``) gets no MO file:
    an empty one would only hide that nothing is translated; an MO file an earlier compile left for it
    is removed, since it would serve translations the catalog no longer has.
    The PO file is read once, by the project's strict reader: malformed input is reported as file:line.
    """
    catalog = read_catalog(po)
    states = [entry_state(e) for e in catalog]
    fuzzy = states.count(EntryState.FUZZY)
    untranslated = states.count(EntryState.UNTRANSLATED)
    translated = states.count(EntryState.TRANSLATED) + (fuzzy if use_fuzzy else 0)
    mo = po.with_suffix(".mo")
    if not translated:
        stale = mo.is_file()
        if stale:
            mo.unlink()
        return Compiled(po, None, 0, 0 if use_fuzzy else fuzzy, untranslated, stale)
    if use_fuzzy:
        for entry, state in zip(catalog, states):
            if state is EntryState.FUZZY:
                entry.flags.remove("fuzzy")
    atomic_write(mo, catalog.to_binary())
    return Compiled(po, mo, translated, 0 if use_fuzzy else fuzzy, untranslated)


def nothing_compiled(compiled: list[Compiled], use_fuzzy: bool) -> str | None:
    """Why no MO file was written although catalogs were read (None when one was): ``compile`` then
    exits 1, with this reason."""
    if not compiled or any(c.mo is not None for c in compiled):
        return None
    fuzzy = sum(c.fuzzy_skipped for c in compiled)
    hint = f"; {fuzzy} fuzzy draft(s): --use-fuzzy compiles them" if fuzzy and not use_fuzzy else \
        ": translate and review them first"
    return f"nothing to compile: none of the {len(compiled)} catalog(s) has a translated message{hint}"


def compile_project(config: ProjectConfig, langs: list[str], names: list[str] | None = None,
                    use_fuzzy: bool = False, problems: list[PipelineError] | None = None) -> list[Compiled]:
    """Every ``locales/<lang>/LC_MESSAGES/<article>.po`` of ``langs`` (optionally only ``names``), each
    with its MO file or none (:func:`compile_catalog`).

    Raises :class:`~translate_pipeline.core.errors.Refused` when there is none
    (:func:`~translate_pipeline.core.project.require_catalogs`), PipelineError for a malformed catalog (file:line); with
    ``problems`` that one is appended there (with what to do; its MO file left as it was) and the
    others are compiled.  What a killed compile left behind is removed first
    (:func:`~translate_pipeline.core.project.tidy_project`).
    """
    tidy_project(config)
    require_catalogs(config, langs, names, "nothing to compile: run extract and update first")
    catalogs = language_catalogs(config, langs, names)
    compiled = (attempt(problems, lambda: compile_catalog(path, use_fuzzy), "not compiled: fix the file")
                for _, _, path in catalogs)
    return [c for c in compiled if c is not None]
