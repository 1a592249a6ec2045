"""Term base files by format, picked by name or file suffix (as Translate Toolkit's ``factory`` picks stores).

``csv``/``tsv``: the project's own tables (:mod:`.termbase`, what ``glossary/`` holds);
``tbx``: TBX-Basic in the 2019 or the 2008 edition (:mod:`.tbx`), for exchange with CAT tools,
term banks and Weblate.  Adding a format is one entry in :data:`FORMATS`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write
from translate_pipeline.glossary import tbx, termbase
from translate_pipeline.glossary.termbase import Termbase

TBX_EDITIONS = tbx.EDITIONS


@dataclass(frozen=True)
class TermbaseFormat:
    load: Callable[[Path, str], Termbase]  # (path, source language) → term base; PipelineError naming file:line
    dumps: Callable[[Termbase, str], bytes]  # (term base, TBX edition: used by TBX only) → the file's bytes


def _table(delimiter: str) -> TermbaseFormat:
    return TermbaseFormat(termbase.load, lambda base, _edition: termbase.dumps(base, delimiter).encode("utf-8"))


FORMATS: dict[str, TermbaseFormat] = {
    "csv": _table(","),
    "tsv": _table("\t"),
    "tbx": TermbaseFormat(tbx.load, tbx.dumps),
}


def format_name(path: Path, allowed: tuple[str, ...] = tuple(FORMATS)) -> str:
    """The format of ``path`` by its suffix (case-insensitive); PipelineError for one not in ``allowed``."""
    name = path.suffix.lower().lstrip(".")
    if name not in allowed:
        shown = ", ".join(f".{a}" for a in allowed)
        raise PipelineError(f"unsupported glossary format {path.suffix.lower() or '(none)'!r}; expected {shown}", path)
    return name


def read(path: Path, source_lang: str) -> Termbase:
    """A term base file of any supported format."""
    return FORMATS[format_name(path)].load(path, source_lang)


def dumps(base: Termbase, name: str, tbx_edition: str = "2019") -> bytes:
    """``base`` as a file of format ``name`` (``csv``, ``tsv``, ``tbx``); ``tbx_edition`` one of :data:`TBX_EDITIONS`."""
    return FORMATS[name].dumps(base, tbx_edition)


def write(base: Termbase, path: Path, tbx_edition: str = "2019") -> None:
    """``base`` as a file of the format ``path``'s suffix names, written atomically."""
    atomic_write(path, dumps(base, format_name(path), tbx_edition))
