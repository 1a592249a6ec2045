"""Changing the project's term base: ``glossary add`` (``--replace``), ``remove``, ``import`` and ``export``.

Every change is made under the project lock to one CSV/TSV file directly in ``glossary/`` (only
those are read back), row by row (:class:`~.table_file.TableFile`: comments, column order,
delimiter, quoting, BOM and line ends of everything else stay as they were), and only after
the whole term base with the change passes :func:`~translate_pipeline.glossary.termbase.validate`:
a conflict is an error naming the file and line of the entry already there, never an overwrite
of a terminologist's entry.  Replacing or removing is the explicit word for changing one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write, write_if_changed
from translate_pipeline.core.project import project_lock
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import formats, termbase
from translate_pipeline.glossary.api import load_glossary
from translate_pipeline.glossary.table_file import TableFile
from translate_pipeline.glossary.termbase import Concept, Termbase, concept_row, term_key

DEFAULT_FILE = "terms.csv"
COMMAND_LINE = "command line"  # where a concept given on the command line comes from, in messages

Terms = Mapping[str, Sequence[str]]  # language → terms


def project_file(config: ProjectConfig, name: str) -> Path:
    """``glossary/<name>``: a CSV/TSV directly in glossary/, since only those are read back
    (a term written elsewhere would be lost).  PipelineError for a path or another format."""
    if not name or Path(name).name != name:
        raise PipelineError(f"--file takes a file name inside {config.glossary_dir}/, not a path: {name!r}")
    path = config.glossary_path / name
    formats.format_name(path, tuple(suffix.lstrip(".") for suffix in termbase.FILE_SUFFIXES))
    return path


@dataclass(frozen=True)
class Change:
    """What ``glossary add`` or ``remove`` did: ``status`` is ``added``, ``replaced`` or ``present``
    (add: the same concept was there already, nothing written), ``removed`` (the concept) or
    ``terms removed`` (some of its terms); ``concept`` is the concept after the change (removed:
    as it was), ``line`` its row in ``path``."""

    status: str
    concept: Concept
    path: Path
    line: int
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # the terms removed, by language


def _owner(base: Termbase, terms: Sequence[str], concept_id: str = "") -> Concept | None:
    """The concept named by ``concept_id``, else the one that has one of the source ``terms``."""
    if concept_id:
        found = base.get(concept_id)
        if found is not None:
            return found
    keys = {term_key(t) for t in terms}
    return next((c for c in base.concepts if keys & {term_key(t) for t in c.terms[base.source_lang]}), None)


def _summary(concept: Concept) -> str:
    """``en: MIID; kk: ИИДМ`` — a concept's preferred terms, for messages."""
    return "; ".join(f"{lang}: {terms[0]}" for lang, terms in concept.terms.items() if lang != concept.source_lang)


def _file_of(config: ProjectConfig, concept: Concept) -> Path:
    return config.glossary_path / concept.file


def _save(config: ProjectConfig, table: TableFile, new_line: int | None = None) -> None:
    """Check the whole term base with ``table``'s new text, then write it (nothing when its bytes
    did not change); PipelineError naming file and line otherwise, and nothing is written.
    ``new_line``: the line of a row this change adds, which an error about it names as such."""
    text = table.text()
    try:
        termbase.load_dir(config.glossary_path, config.source_lang, {table.path: text})
    except PipelineError as exc:
        if new_line is not None and exc.path == table.path and exc.line == new_line:
            raise exc.but(f"{exc.message} [in the row this command would add]") from exc
        raise
    write_if_changed(table.path, text)


def _edited(twin: Concept, row: dict[str, str], path: Path) -> tuple[Concept, dict[str, str]]:
    """The concept ``twin`` becomes with ``row`` (its cells by column), checked as a row of its file
    at its line, and the cells that changed."""
    fields = list(dict.fromkeys([*termbase.columns(twin.terms, twin.source_lang), *row]))
    concept = termbase.concept_from_row(row, fields, twin.source_lang, path, twin.line)
    before = concept_row(twin)
    return concept, {name: text for name, text in row.items() if before.get(name, "") != text}


def add_concept(config: ProjectConfig, term: str, *, targets: Terms | None = None, variants: Terms | None = None,
                forbidden: Terms | None = None, concept_id: str = "", pos: str = "", note: str = "", source: str = "",
                do_not_translate: bool = False, case_sensitive: bool = False,
                file_name: str = DEFAULT_FILE, replace: bool = False) -> Change:
    """Add a concept for the source ``term`` to ``glossary/<file_name>``.

    ``targets``: one preferred term per language; ``variants``: other accepted terms (the source
    language too); ``forbidden``: terms translators must not use.  When the term base already has
    the concept (by ``concept_id``, or one of its source terms): identical, nothing is written
    (``present``); different, a PipelineError names the file and line of the entry there —
    unless ``replace``: then, in the file and row where it is, each language given replaces that
    language's terms (``targets`` the preferred term and its variants, ``variants`` the variants,
    ``forbidden`` the forbidden terms), the other languages are kept, and ``pos``/``note``/``source``
    and the flags given replace theirs (``replaced``).  PipelineError also for two preferred terms
    of one language, a bad file name, or a change the term base rejects (nothing is written then).
    """
    src = config.source_lang
    for lang, terms in (targets or {}).items():
        if len(terms) > 1:
            raise PipelineError(f"one preferred {lang} term only; give others with --variant {lang}=…")
    path = project_file(config, file_name)
    with project_lock(config):
        whole = load_glossary(config).termbase
        twin = _owner(whole, [term, *(variants or {}).get(src, ())], concept_id)
        if twin is not None and replace:
            return _replace(config, twin, targets or {}, variants or {}, forbidden or {}, pos, note, source,
                            do_not_translate, case_sensitive)
        row = {"id": concept_id, src: term, "pos": pos, "note": note, "source": source,
               "do_not_translate": "yes" if do_not_translate else "", "case_sensitive": "yes" if case_sensitive else ""}
        row |= {lang: terms[0] for lang, terms in (targets or {}).items()}
        row |= {f"{lang}_variants": termbase.SEPARATOR.join(terms) for lang, terms in (variants or {}).items()}
        row |= {f"{lang}_forbidden": termbase.SEPARATOR.join(terms) for lang, terms in (forbidden or {}).items()}
        concept = termbase.concept_from_row(row, list(row), src, COMMAND_LINE, None)
        if twin is not None:
            if termbase.same_concept(twin, concept):
                return Change("present", twin, _file_of(config, twin), twin.line)
            raise PipelineError(
                f"{term!r} is already in the term base as concept {twin.id!r} ({_summary(twin)}); "
                f"use glossary add --replace to change its translations, glossary remove {twin.id} to take it out",
                _file_of(config, twin), twin.line or None)
        table = TableFile.read(path, src)
        line = table.append(row)  # as given: an id left out stays out (it defaults to the source term)
        _save(config, table, line)
    return Change("added", concept, path, line)


def _replace(config: ProjectConfig, twin: Concept, targets: Terms, variants: Terms, forbidden: Terms, pos: str,
             note: str, source: str, do_not_translate: bool, case_sensitive: bool) -> Change:
    row = concept_row(twin)
    for lang, terms in targets.items():
        row[lang], row[f"{lang}_variants"] = terms[0], ""
    for lang, terms in variants.items():
        row[f"{lang}_variants"] = termbase.SEPARATOR.join(terms)
    for lang, terms in forbidden.items():
        row[f"{lang}_forbidden"] = termbase.SEPARATOR.join(terms)
    row |= {name: text for name, text in (("pos", pos), ("note", note), ("source", source)) if text}
    row |= {name: "yes" for name, on in (("do_not_translate", do_not_translate), ("case_sensitive", case_sensitive))
            if on}
    path = _file_of(config, twin)
    concept, changed = _edited(twin, row, path)
    if changed:
        table = TableFile.read(path, config.source_lang)
        table.update(table.row_at(twin.line), changed)
        _save(config, table)
    return Change("replaced" if changed else "present", concept, path, twin.line)


def _named(config: ProjectConfig, name: str) -> Concept:
    """The concept whose id or source term is ``name``; PipelineError when there is none."""
    twin = _owner(load_glossary(config).termbase, [name], name)
    if twin is None:
        raise PipelineError(f"no concept with id or source term {name!r} in the term base (glossary list shows them)")
    return twin


def remove_concept(config: ProjectConfig, name: str, terms: Terms | None = None) -> Change:
    """Remove the concept whose id or source term is ``name`` from the file it is in; with
    ``terms`` (language → terms), only those terms of it (accepted or forbidden; the first variant
    left becomes preferred when the preferred one goes).  PipelineError, nothing written, when
    there is no such concept or term, for the source term itself (remove the concept), and for a
    concept left with no translation."""
    _named(config, name)  # a typo stops here, before the lock file is made
    with project_lock(config):
        twin = _named(config, name)  # read again: another run may have changed the term base meanwhile
        path = _file_of(config, twin)
        table = TableFile.read(path, config.source_lang)
        row = table.row_at(twin.line)
        if not terms:
            table.delete(row)
            _save(config, table)
            return Change("removed", twin, path, twin.line)
        cells, removed = concept_row(twin), {}
        for lang, wanted in terms.items():
            for term in wanted:
                removed.setdefault(lang, []).append(_drop_term(twin, lang, term, cells, path))
        if not twin.do_not_translate and not any(cells.get(lang) for lang in twin.terms if lang != twin.source_lang):
            gone = "; ".join(f"{lang} {' | '.join(found)}" for lang, found in removed.items())
            raise PipelineError(f"removing {gone} would leave concept {twin.id!r} without any translation: "
                                f"glossary remove {twin.id} takes the whole concept out (or give it another "
                                f"translation first: glossary add {twin.terms[twin.source_lang][0]} -t LANG=TERM)",
                                path, twin.line)
        try:
            concept, changed = _edited(twin, cells, path)
        except PipelineError as exc:
            raise exc.but(f"{exc.message}; to take the whole concept out: glossary remove {twin.id}") from exc
        table.update(row, changed)
        _save(config, table)
    return Change("terms removed", concept, path, twin.line, {lang: tuple(t) for lang, t in removed.items()})


def _drop_term(concept: Concept, lang: str, term: str, cells: dict[str, str], path: Path) -> str:
    """Take ``term`` out of ``cells`` (the concept's row being edited); returns it as spelled in the term base."""
    key = term_key(term)
    accepted = [t for t in termbase.split_cell(cells.get(lang)) + termbase.split_cell(cells.get(f"{lang}_variants"))]
    banned = list(termbase.split_cell(cells.get(f"{lang}_forbidden")))
    for found in accepted:
        if term_key(found) == key:
            if lang == concept.source_lang and found == accepted[0]:
                raise PipelineError(f"{found!r} is the source term of concept {concept.id!r}: "
                                    f"glossary remove {concept.id} takes the whole concept out", path, concept.line)
            left = [t for t in accepted if t is not found]
            cells[lang], cells[f"{lang}_variants"] = (left[0] if left else ""), termbase.SEPARATOR.join(left[1:])
            return found
    for found in banned:
        if term_key(found) == key:
            cells[f"{lang}_forbidden"] = termbase.SEPARATOR.join(t for t in banned if t is not found)
            return found
    listed = "; ".join(f"{kind} {' | '.join(items)}" for kind, items in (("accepted", accepted), ("forbidden", banned))
                       if items) or "none"
    raise PipelineError(f"concept {concept.id!r} has no {lang} term {term!r} ({lang} terms: {listed})",
                        path, concept.line)


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
    """Merge the concepts of ``file`` (.tbx, .csv, .tsv) into ``glossary/<file_name>`` as new rows
    (the file's other lines kept): identical concepts are skipped, conflicting ones are an error
    (:func:`~.termbase.merge`), nothing written then; nothing is written either when every concept
    is there already (see :meth:`Imported.nothing_added`)."""
    incoming = formats.read(file, config.source_lang)
    path = project_file(config, file_name)
    with project_lock(config):
        whole = load_glossary(config).termbase
        new = termbase.merge(whole, incoming, file).concepts[len(whole.concepts):]
        table = TableFile.read(path, config.source_lang)
        for concept in new:
            table.append(concept_row(concept))
        if new:
            _save(config, table)
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
