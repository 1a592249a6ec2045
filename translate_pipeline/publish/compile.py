"""MO files for applications that read gettext catalogs directly (Babel's compiler).

Fuzzy entries are machine drafts: they stay out of the MO file unless the
caller asks for them, the same rule as ``msgfmt`` without ``--use-fuzzy``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.catalog.io import atomic_write, read_catalog
from translate_pipeline.core.project import language_catalogs


@dataclass(frozen=True)
class Compiled:
    po: Path
    mo: Path
    translated: int  # messages written to the MO file
    fuzzy_skipped: int
    untranslated: int


def compile_catalog(po: Path, use_fuzzy: bool = False) -> Compiled:
    """``<name>.po`` → ``<name>.mo`` beside it, written atomically."""
    read_catalog(po)  # the project's strict parser: malformed input is reported as file:line
    try:
        with po.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as exc:
        raise PipelineError(f"cannot compile: {exc}", po) from exc
    messages = [m for m in catalog if m.id]
    untranslated = sum(1 for m in messages if not m.string)
    fuzzy = sum(1 for m in messages if m.string and m.fuzzy)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=use_fuzzy)
    mo = po.with_suffix(".mo")
    atomic_write(mo, buffer.getvalue())
    translated = len(messages) - untranslated - (0 if use_fuzzy else fuzzy)
    return Compiled(po, mo, translated, 0 if use_fuzzy else fuzzy, untranslated)


def compile_project(config: ProjectConfig, langs: list[str], names: list[str] | None = None,
                    use_fuzzy: bool = False) -> list[Compiled]:
    """Every ``locales/<lang>/LC_MESSAGES/<article>.po`` of ``langs`` (optionally only ``names``)."""
    return [compile_catalog(path, use_fuzzy) for _, _, path in language_catalogs(config, langs, names)]
