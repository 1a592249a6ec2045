"""Term base files by format, picked by the file suffix (as Translate Toolkit's ``factory`` picks stores).

``.csv``/``.tsv``: the project's own tables (:mod:`.termbase`, what ``glossary/`` holds);
``.tbx``: TBX-Basic, ISO 30042:2019 (:mod:`.tbx`), for exchange with CAT tools.  Adding a
format is one entry in :data:`FORMATS`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.glossary import tbx, termbase
from translate_pipeline.glossary.termbase import Termbase


@dataclass(frozen=True)
class TermbaseFormat:
    load: Callable[[Path, str], Termbase]  # (path, source language) → term base; PipelineError naming file:line
    save: Callable[[Termbase, Path], None]  # written atomically


FORMATS: dict[str, TermbaseFormat] = {
    **{suffix: TermbaseFormat(termbase.load, termbase.save) for suffix in termbase.FILE_SUFFIXES},
    ".tbx": TermbaseFormat(tbx.load, tbx.save),
}


def format_of(path: Path, allowed: tuple[str, ...] = tuple(FORMATS)) -> TermbaseFormat:
    """The format of ``path`` by its suffix (case-insensitive); PipelineError for one not in ``allowed``."""
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise PipelineError(f"unsupported glossary format {suffix or '(none)'!r}; expected {', '.join(allowed)}", path)
    return FORMATS[suffix]


def read(path: Path, source_lang: str) -> Termbase:
    """A term base file of any supported format."""
    return format_of(path).load(path, source_lang)


def write(base: Termbase, path: Path) -> None:
    """``base`` as a file of the format ``path``'s suffix names."""
    format_of(path).save(base, path)
