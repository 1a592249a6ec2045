"""Changing the project's term base: ``glossary add``, ``import`` and ``export``.

Terms are added to one CSV/TSV file directly in ``glossary/`` (only those are read back), under
the project lock, and only after the whole term base with the new concepts passes
:func:`~translate_pipeline.glossary.termbase.validate`: a conflict is an error naming the file,
never an overwrite of a terminologist's entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write
from translate_pipeline.core.project import project_lock
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import formats, termbase
from translate_pipeline.glossary.api import load_glossary
from translate_pipeline.glossary.termbase import Concept, Termbase

DEFAULT_FILE = "terms.csv"

Terms = Mapping[str, Sequence[str]]  # language → terms


def project_file(config: ProjectConfig, name: str) -> Path:
    """``glossary/<name>``: a CSV/TSV directly in glossary/, since only those are read back
    (a term written elsewhere would be lost).  PipelineError for a path or another format."""
    if not name or Path(name).name != name:
        raise PipelineError(f"--file takes a file name inside {config.glossary_dir}/, not a path: {name!r}")
    path = config.glossary_path / name
    formats.format_name(path, tuple(suffix.lstrip(".") for suffix in termbase.FILE_SUFFIXES))
    return path


def _file_termbase(path: Path, source_lang: str) -> Termbase:
    return termbase.load(path, source_lang) if path.exists() else Termbase(source_lang)


def add_concept(config: ProjectConfig, term: str, *, targets: Terms | None = None, variants: Terms | None = None,
                forbidden: Terms | None = None, concept_id: str = "", pos: str = "", note: str = "", source: str = "",
                do_not_translate: bool = False, case_sensitive: bool = False,
                file_name: str = DEFAULT_FILE) -> tuple[Concept, Path]:
    """Add a concept for the source ``term`` to ``glossary/<file_name>``; returns it and the file.

    ``targets``: one preferred term per language; ``variants``: other accepted terms (the source
    language too); ``forbidden``: terms translators must not use.  Raises :class:`PipelineError`
    for two preferred terms of one language, a bad file name, or a concept that conflicts with the
    term base (nothing is written then).
    """
    src = config.source_lang
    row = {"id": concept_id, src: term, "pos": pos, "note": note, "source": source,
           "do_not_translate": "yes" if do_not_translate else "", "case_sensitive": "yes" if case_sensitive else ""}
    for lang, terms in (targets or {}).items():
        if len(terms) > 1:
            raise PipelineError(f"one preferred {lang} term only; give others with --variant {lang}=…")
        row[lang] = terms[0]
    for lang, terms in (variants or {}).items():
        row[f"{lang}_variants"] = termbase.SEPARATOR.join(terms)
    for lang, terms in (forbidden or {}).items():
        row[f"{lang}_forbidden"] = termbase.SEPARATOR.join(terms)
    path = project_file(config, file_name)
    with project_lock(config):
        base = _file_termbase(path, src)
        concept = termbase.concept_from_row(row, list(row), src, "command line", None)
        whole = load_glossary(config).termbase
        whole.concepts.append(concept)
        termbase.validate(whole, path)
        base.concepts.append(concept)
        termbase.save(base, path)
    return concept, path


@dataclass(frozen=True)
class Imported:
    path: Path  # the file in glossary/ the new concepts went into
    added: int  # concepts new to the term base
    present: int  # concepts of the file the term base already had (skipped)

    def nothing_added(self) -> str | None:
        """Why the import added nothing (None when it added a concept): like ``tm import``, the command
        then exits 1 (README: Exit codes)."""
        if self.added:
            return None
        if not self.present:
            return "no concepts in the file"
        return f"nothing new: all {self.present} concept(s) are already in the term base"


def import_file(config: ProjectConfig, file: Path, file_name: str = DEFAULT_FILE) -> Imported:
    """Merge the concepts of ``file`` (.tbx, .csv, .tsv) into ``glossary/<file_name>``: identical
    concepts are skipped, conflicting ones are an error (:func:`~.termbase.merge`), nothing written then;
    nothing is written either when every concept is there already (see :meth:`Imported.nothing_added`)."""
    incoming = formats.read(file, config.source_lang)
    path = project_file(config, file_name)
    with project_lock(config):
        whole = load_glossary(config).termbase
        new = termbase.merge(whole, incoming, file).concepts[len(whole.concepts):]
        if new:
            base = _file_termbase(path, config.source_lang)
            base.concepts.extend(new)
            termbase.save(base, path)
    return Imported(path, len(new), len(incoming.concepts) - len(new))


@dataclass(frozen=True)
class Export:
    data: bytes  # the file's content
    concepts: int


def export(config: ProjectConfig, fmt: str, tbx_edition: str = "2019") -> Export:
    """The whole term base as a file of format ``fmt`` (``tbx``, ``csv``, ``tsv``; TBX in
    ``tbx_edition``, see :mod:`.tbx`), for a file or standard output."""
    base = load_glossary(config).termbase
    return Export(formats.dumps(base, fmt, tbx_edition), len(base.concepts))


def export_file(config: ProjectConfig, file: Path, fmt: str | None = None, tbx_edition: str = "2019") -> int:
    """Write the whole term base to ``file`` atomically, in ``fmt`` (default: by its suffix, .tbx,
    .csv or .tsv); returns the number of concepts."""
    done = export(config, fmt or formats.format_name(file), tbx_edition)
    atomic_write(file, done.data)
    return done.concepts
