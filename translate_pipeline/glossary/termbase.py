"""The term base: concepts with their terms per language, kept as CSV/TSV.

CSV/TSV is the canonical, human-editable form (translators and editors edit
it in a spreadsheet or text editor); every row is one concept.  Columns:

``id`` (optional), ``ru`` (required: the preferred source term), and per
language ``<lang>`` (preferred term), ``<lang>_variants`` (other accepted
terms), ``<lang>_forbidden`` (terms that must not be used); then ``pos``,
``case_sensitive``, ``do_not_translate``, ``note``, ``source``.  Several
terms in one cell are separated by ``|``.

Loading validates everything a later stage relies on and reports the file
and line of the first problem, so a bad edit never reaches translation.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag

SEPARATOR = "|"
DELIMITERS = (",", ";", "\t")  # comma, a spreadsheet's CSV in many locales, TSV / "Unicode text"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
FILE_SUFFIXES = (".csv", ".tsv")  # what load_dir reads from glossary/
FLAG_COLUMNS = ("case_sensitive", "do_not_translate")
TEXT_COLUMNS = ("pos", "note", "source")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class Concept:
    """One meaning and its terms; ``terms[lang][0]`` is the preferred term."""

    id: str
    terms: Mapping[str, tuple[str, ...]] = field(hash=False)
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    pos: str = ""
    case_sensitive: bool = False
    do_not_translate: bool = False  # brand/name: every language uses the source term unchanged
    note: str = ""
    source: str = ""  # where the translation was verified (URL, document)
    line: int = 0  # line in the file it was read from (0 = not from a file)
    source_lang: str = "ru"
    file: str = ""  # name of the file it was read from, for messages that span files

    def preferred(self, lang: str) -> str | None:
        """The term translators should use in ``lang`` (the source term if do-not-translate)."""
        options = self.accepted(lang)
        return options[0] if options else None

    def accepted(self, lang: str) -> tuple[str, ...]:
        """Every term that satisfies this concept in ``lang``, preferred first."""
        own = self.terms.get(lang, ())
        if self.do_not_translate:  # any spelling of the name listed for the source is kept as is
            return tuple(dict.fromkeys(self.terms[self.source_lang] + own))
        return own

    def as_dict(self) -> dict:
        """The concept as plain data (``glossary list --format json``): terms and forbidden terms per language."""
        return {
            "id": self.id,
            "terms": {lang: list(terms) for lang, terms in self.terms.items()},
            "forbidden": {lang: list(terms) for lang, terms in self.forbidden.items()},
            "pos": self.pos,
            "case_sensitive": self.case_sensitive,
            "do_not_translate": self.do_not_translate,
            "note": self.note,
            "source": self.source,
        }


@dataclass
class Termbase:
    """All concepts of a project, in file order, with ``source_lang`` terms to match."""

    source_lang: str = "ru"
    concepts: list[Concept] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        langs = [self.source_lang]
        for concept in self.concepts:
            langs.extend(lang for lang in list(concept.terms) + list(concept.forbidden) if lang not in langs)
        return langs

    def get(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)


def split_cell(value: str | None) -> tuple[str, ...]:
    return tuple(" ".join(part.split()) for part in (value or "").split(SEPARATOR) if part.strip())


def term_key(term: str) -> str:
    """Identity of a term for duplicate checks: case, spacing and dash style ignored."""
    for dash in "‐‑‒–—":
        term = term.replace(dash, "-")
    return " ".join(term.replace(" - ", "-").split()).casefold()


def _flag(value: str | None, column: str, path, line: int) -> bool:
    text = (value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise PipelineError(f"column {column!r}: expected yes or no, got {value!r}", path, line)


def _header(fields: list[str], source_lang: str, path, delimiter: str) -> list[str]:
    fields = [f.strip() for f in fields]
    if source_lang not in fields:
        tried = ", ".join(DELIMITER_NAMES[d] for d in DELIMITERS)
        raise PipelineError(
            f"header has no {source_lang!r} column (the source term) with any delimiter ({tried}); "
            f"read as {DELIMITER_NAMES[delimiter]}-separated: {fields[:4]}", path, 1)
    seen = set()
    for name in fields:
        lang = name.removesuffix("_variants") if name.endswith("_variants") else name.removesuffix("_forbidden")
        if name not in ("id", *FLAG_COLUMNS, *TEXT_COLUMNS):
            if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-[A-Z]{2})?", lang):
                raise PipelineError(f"unknown column {name!r}", path, 1)
            try:
                canonical = Tag.parse(lang).base  # a misspelt language column would hold terms no check ever reads
            except PipelineError as exc:
                raise PipelineError(f"column {name!r}: {exc.message}", path, 1) from exc
            if canonical != lang:
                raise PipelineError(f"column {name!r}: write the language as {canonical!r}", path, 1)
        if name in seen:
            raise PipelineError(f"column {name!r} appears twice", path, 1)
        seen.add(name)
    return fields


def concept_from_row(row: dict[str, str], fields: list[str], source_lang: str, path, line: int) -> Concept:
    terms: dict[str, tuple[str, ...]] = {}
    forbidden: dict[str, tuple[str, ...]] = {}
    langs = [f for f in fields if f not in ("id", *FLAG_COLUMNS, *TEXT_COLUMNS) and "_" not in f]
    for lang in [source_lang] + [l for l in langs if l != source_lang]:
        preferred = split_cell(row.get(lang))
        if len(preferred) > 1:
            raise PipelineError(f"column {lang!r} holds one preferred term; put others in {lang}_variants", path, line)
        variants = split_cell(row.get(f"{lang}_variants"))
        if variants and not preferred:
            raise PipelineError(f"{lang}_variants given but {lang!r} is empty", path, line)
        if preferred:
            terms[lang] = tuple(dict.fromkeys(preferred + variants))
        banned = split_cell(row.get(f"{lang}_forbidden"))
        if banned:
            clash = {term_key(t) for t in terms.get(lang, ())} & {term_key(t) for t in banned}
            if clash:
                raise PipelineError(f"{lang} term {sorted(clash)[0]!r} is both accepted and forbidden", path, line)
            forbidden[lang] = banned
    if source_lang not in terms:
        raise PipelineError(f"empty source term (column {source_lang!r})", path, line)
    flags = {name: _flag(row.get(name), name, path, line) for name in FLAG_COLUMNS}
    if not flags["do_not_translate"] and len(terms) == 1:
        raise PipelineError(
            f"concept {terms[source_lang][0]!r} has no target term (fill a language column or set do_not_translate)",
            path,
            line,
        )
    concept_id = (row.get("id") or "").strip() or terms[source_lang][0]
    text = {name: " ".join((row.get(name) or "").split()) for name in TEXT_COLUMNS}
    file = Path(path).name if path else ""
    return Concept(concept_id, terms, forbidden, line=line, source_lang=source_lang, file=file, **flags, **text)


def _suffix_delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def detect_delimiter(text: str, source_lang: str, default: str = ",") -> str:
    """The delimiter that makes the header row hold a ``source_lang`` column.

    Spreadsheets save "CSV" with the locale's list separator: ``;`` in a
    Russian (or German, French…) locale, ``,`` in an English one, tab for
    "Unicode text".  The header row names the columns, so it tells which one
    was used — more reliably than :class:`csv.Sniffer`, which guesses from
    character frequencies and is fooled by commas inside terms.  ``default``
    when no candidate gives such a header (the error then says so).
    """
    header = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    for delimiter in dict.fromkeys((default, *DELIMITERS)):
        if source_lang in (cell.strip() for cell in next(csv.reader([header], delimiter=delimiter), [])):
            return delimiter
    return default


def parse(text: str, path: str | Path = "<glossary>", source_lang: str = "ru", delimiter: str | None = None) -> Termbase:
    """Parse CSV/TSV text (``,`` ``;`` or tab delimited, BOM and CRLF allowed) into a validated :class:`Termbase`.

    ``delimiter`` None: found from the header row (:func:`detect_delimiter`),
    trying the file suffix's first (tab for ``.tsv``, comma otherwise).
    """
    path = Path(path)
    text = text.lstrip("\ufeff")
    if delimiter is None:
        delimiter = detect_delimiter(text, source_lang, _suffix_delimiter(path))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    termbase = Termbase(source_lang)
    try:
        rows = list(_rows(reader))
    except csv.Error as exc:
        raise PipelineError(f"malformed CSV: {exc}", path, reader.line_num) from exc
    if not rows:
        return termbase
    line, header = rows[0]
    fields = _header(header, source_lang, path, delimiter)
    for line, cells in rows[1:]:
        if len(cells) > len(fields):
            raise PipelineError(f"{len(cells)} fields but the header has {len(fields)}", path, line)
        row = dict(zip(fields, cells))
        termbase.concepts.append(concept_from_row(row, fields, source_lang, path, line))
    validate(termbase, path)
    return termbase


def _rows(reader) -> Iterable[tuple[int, list[str]]]:
    """Non-blank, non-comment rows with the line each starts on."""
    start = 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield line, cells


def validate(termbase: Termbase, path: str | Path | None = None) -> None:
    """Reject duplicate ids, duplicate concepts and source terms claimed by two concepts."""
    ids: dict[str, Concept] = {}
    owners: dict[str, Concept] = {}
    src = termbase.source_lang
    for concept in termbase.concepts:
        for term in concept.terms[src]:
            key = term_key(term)
            other = owners.get(key)
            if other is None or other is concept:
                owners[key] = concept
                continue
            same = {l: tuple(map(term_key, t)) for l, t in other.terms.items()} == {
                l: tuple(map(term_key, t)) for l, t in concept.terms.items()
            }
            kind = "duplicate concept" if same else "conflicting entries for"
            raise PipelineError(f"{kind} {term!r} (also at {where(other)})", path, concept.line or None)
        if concept.id in ids:
            raise PipelineError(f"duplicate concept id {concept.id!r} (first at {where(ids[concept.id])})", path,
                                concept.line or None)
        ids[concept.id] = concept


def where(concept: Concept) -> str:
    """``terms.csv:26``: the file (in ``glossary/``) and line a concept was read from, for messages
    that name two entries; ``the command line`` for one that comes from no file."""
    if not concept.file:
        return "the command line"
    return f"{concept.file}:{concept.line}" if concept.line else concept.file


def load(path: str | Path, source_lang: str = "ru") -> Termbase:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PipelineError("glossary file not found", path) from exc
    except UnicodeDecodeError as exc:
        raise PipelineError("not UTF-8 text", path) from exc
    return parse(text, path, source_lang)


def merge(base: Termbase, other: Termbase, path: str | Path | None = None) -> Termbase:
    """``base`` plus the concepts of ``other`` it lacks; identical concepts are skipped.

    Conflicts (a source term mapped differently) are errors, never silent overwrites:
    the term base is curated by people.
    """
    merged = Termbase(base.source_lang, list(base.concepts))
    known = {term_key(t): c for c in base.concepts for t in c.terms[base.source_lang]}
    used_ids = {c.id for c in base.concepts}
    for concept in other.concepts:
        twin = next((known[term_key(t)] for t in concept.terms[base.source_lang] if term_key(t) in known), None)
        if twin is not None and same_concept(twin, concept):
            continue
        new_id = concept.id
        n = 1
        while new_id in used_ids:
            n += 1
            new_id = f"{concept.id}-{n}"
        used_ids.add(new_id)
        merged.concepts.append(replace(concept, id=new_id))
    validate(merged, path)
    return merged


def same_concept(a: Concept, b: Concept) -> bool:
    """Whether two concepts say the same: terms, forbidden terms (case, spacing, dashes aside) and do-not-translate."""
    def norm(c: Concept):
        return (
            {l: tuple(map(term_key, t)) for l, t in c.terms.items()},
            {l: tuple(map(term_key, t)) for l, t in c.forbidden.items()},
            c.do_not_translate,
        )

    return norm(a) == norm(b)


def columns(langs: Iterable[str], source_lang: str) -> list[str]:
    """The canonical column order for ``langs`` (the source language first)."""
    fields = ["id"]
    for lang in dict.fromkeys([source_lang, *langs]):
        fields += [lang, f"{lang}_variants"]
        if lang != source_lang:
            fields.append(f"{lang}_forbidden")
    return fields + ["pos", *FLAG_COLUMNS, "note", "source"]


def concept_row(concept: Concept) -> dict[str, str]:
    """The cells of ``concept``'s row by column name (only the columns it fills)."""
    row = {"id": concept.id, "pos": concept.pos, "note": concept.note, "source": concept.source}
    row.update({name: "yes" if getattr(concept, name) else "" for name in FLAG_COLUMNS})
    for lang, terms in concept.terms.items():
        row[lang] = terms[0]
        row[f"{lang}_variants"] = SEPARATOR.join(terms[1:])
    for lang, terms in concept.forbidden.items():
        row[f"{lang}_forbidden"] = SEPARATOR.join(terms)
    return row


def dumps(termbase: Termbase, delimiter: str = ",") -> str:
    """CSV/TSV text with one column set for all languages, in a stable order."""
    fields = columns(termbase.languages, termbase.source_lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(fields)
    for c in termbase.concepts:
        row = concept_row(c)
        writer.writerow([row.get(name, "") for name in fields])
    return out.getvalue()


def load_dir(directory: str | Path, source_lang: str = "ru", overrides: Mapping[Path, str] | None = None) -> Termbase:
    """Every ``*.csv``/``*.tsv`` in the project's ``glossary/`` directory as one term base.

    A missing directory is an empty term base: a project need not have a glossary.
    ``overrides`` gives the text some files would have after an edit (a new file too), so that
    an edit is checked against the whole term base before it is written.
    """
    directory = Path(directory)
    termbase = Termbase(source_lang)
    overrides = {Path(path).name: text for path, text in (overrides or {}).items()}
    present = [p for p in directory.iterdir() if p.suffix.lower() in FILE_SUFFIXES and p.is_file()] \
        if directory.is_dir() else []
    files = sorted({p.name for p in present} | set(overrides))
    for name in files:
        path = directory / name
        read = parse(overrides[name], path, source_lang) if name in overrides else load(path, source_lang)
        termbase.concepts.extend(read.concepts)
        validate(termbase, path)
    return termbase

