"""TBX (ISO 30042) import and export, for exchange with CAT tools and term banks.

Export writes TBX-Basic in the 2019 edition (``<tbx>``, ``conceptEntry``/
``langSec``/``termSec``).  Import also reads the 2008 edition (``<martif>``,
``termEntry``/``langSet``/``tig``/``ntig``), which most tools still emit.
Translate Toolkit's ``translate.storage.tbx`` models bilingual units and the
2008 edition only, so variants, forbidden terms and several languages per
concept would not survive it; lxml is used directly instead.

Mapping: administrative status preferred ↔ first term, admitted ↔ variants,
deprecated and superseded ↔ forbidden (superseded is exported as deprecated);
languages are BCP 47 tags read as language plus script (``kk-KZ`` → ``kk``,
``kk-Latn-KZ`` → ``kk-Latn``, its own language of the term base), and an
unknown language or status stops the import with its line; ``<descrip type="Translation needed">no</descrip>``
(the Translate Toolkit/Weblate convention) ↔ do-not-translate;
``<descrip type="x-caseSensitive">``, ``<admin type="source">``, ``<note>``
and ``<termNote type="partOfSpeech">`` carry the remaining columns.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.glossary.termbase import (
    SEPARATOR,
    Concept,
    Termbase,
    concept_from_row,
    validate,
)

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_STATUSES = {"preferred": 0, "standardized": 0, "legal": 0, "regulated": 0, "admitted": 1, "deprecated": 2, "superseded": 2}
_NCNAME = re.compile(r"^[^\W\d][\w.-]*$")


def _id(concept_id: str, index: int) -> str:
    """XML IDs must be NCNames; anything else is rewritten readably."""
    candidate = re.sub(r"[^\w.-]+", "_", concept_id.strip())
    return candidate if _NCNAME.match(candidate) else f"c{index}_{candidate}".rstrip("_")


def dumps(termbase: Termbase) -> bytes:
    root = etree.Element(f"{{{NS}}}tbx", nsmap={None: NS}, style="dca", type="TBX-Basic")
    root.set(XML_LANG, termbase.source_lang)
    header = etree.SubElement(root, f"{{{NS}}}tbxHeader")
    desc = etree.SubElement(etree.SubElement(header, f"{{{NS}}}fileDesc"), f"{{{NS}}}sourceDesc")
    etree.SubElement(desc, f"{{{NS}}}p").text = "translate-pipeline glossary"
    body = etree.SubElement(etree.SubElement(root, f"{{{NS}}}text"), f"{{{NS}}}body")
    for index, concept in enumerate(termbase.concepts, 1):
        body.append(_entry(concept, index))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(concept: Concept, index: int) -> etree._Element:
    def sub(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
        el.text = text
        return el

    entry = etree.Element(f"{{{NS}}}conceptEntry", id=_id(concept.id, index))
    if concept.do_not_translate:
        sub(entry, "descrip", "no", type="Translation needed")
    if concept.case_sensitive:
        sub(entry, "descrip", "yes", type="x-caseSensitive")
    if concept.source:
        sub(entry, "admin", concept.source, type="source")
    if concept.note:
        sub(entry, "note", concept.note)
    langs = list(concept.terms) + [l for l in concept.forbidden if l not in concept.terms]
    for lang in langs:
        lang_sec = sub(entry, "langSec")
        lang_sec.set(XML_LANG, lang)
        terms = concept.terms.get(lang, ())
        statuses = [(t, PREFERRED if i == 0 else ADMITTED) for i, t in enumerate(terms)]
        statuses += [(t, DEPRECATED) for t in concept.forbidden.get(lang, ())]
        for term, status in statuses:
            term_sec = sub(lang_sec, "termSec")
            sub(term_sec, "term", term)
            if concept.pos:
                sub(term_sec, "termNote", concept.pos, type="partOfSpeech")
            sub(term_sec, "termNote", status, type="administrativeStatus")
    return entry


def save(termbase: Termbase, path: str | Path) -> None:
    Path(path).write_bytes(dumps(termbase))


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el, *names):
    return [c for c in el if _local(c) in names]


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def parse(data: bytes, path: str | Path = "<tbx>", source_lang: str = "ru") -> Termbase:
    """Read TBX (2019 or 2008 edition) into a validated :class:`Termbase`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PipelineError(f"malformed TBX: {exc.msg}", path, exc.lineno) from exc
    if _local(root) not in ("tbx", "martif"):
        raise PipelineError(f"not a TBX file (root element <{_local(root)}>)", path, root.sourceline)
    termbase = Termbase(source_lang)
    for entry in root.iter():
        if _local(entry) in ("conceptEntry", "termEntry"):
            termbase.concepts.append(_concept(entry, source_lang, path))
    validate(termbase, path)
    return termbase


def _concept(entry, source_lang: str, path) -> Concept:
    line = entry.sourceline
    row: dict[str, str] = {"id": entry.get("id", "")}
    notes, pos = [], ""
    for el in entry.iter():
        name, kind = _local(el), el.get("type", "")
        if name == "descrip" and kind == "Translation needed":
            row["do_not_translate"] = "yes" if _text(el).lower() in ("no", "false", "0") else ""
        elif name == "descrip" and kind == "x-caseSensitive":
            row["case_sensitive"] = _text(el)
        elif name == "admin" and kind == "source" and not row.get("source"):
            row["source"] = _text(el)
        elif name == "note" or (name == "descrip" and kind == "definition"):
            notes.append(_text(el))
        elif name == "termNote" and kind == "partOfSpeech" and not pos:
            pos = _text(el)
    row["note"], row["pos"] = " ".join(dict.fromkeys(n for n in notes if n)), pos
    groups: dict[str, tuple[list[str], list[str], list[str]]] = {}  # lang → preferred, admitted, forbidden
    for lang_sec in _children(entry, "langSec", "langSet"):
        code = lang_sec.get(XML_LANG) or lang_sec.get("lang") or ""
        if not code:
            raise PipelineError("language section without xml:lang", path, lang_sec.sourceline)
        try:
            lang = Tag.parse(code).base  # kk-KZ → kk, kk-Latn-KZ → kk-Latn: script variants stay apart
        except PipelineError as exc:
            raise PipelineError(exc.message, path, lang_sec.sourceline) from exc
        lists = groups.setdefault(lang, ([], [], []))
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            term_el = next((t for t in term_sec.iter() if _local(t) == "term"), None)
            term = _text(term_el) if term_el is not None else ""
            if not term:
                raise PipelineError(f"empty term in language {lang!r}", path, term_sec.sourceline)
            if SEPARATOR in term:
                raise PipelineError(f"term {term!r} contains {SEPARATOR!r}", path, term_sec.sourceline)
            lists[_status(term_sec, path)].append(term)
    for lang, (preferred, admitted, forbidden) in groups.items():
        accepted = preferred + admitted
        if accepted:
            row[lang], row[f"{lang}_variants"] = accepted[0], SEPARATOR.join(accepted[1:])
        if forbidden:
            row[f"{lang}_forbidden"] = SEPARATOR.join(forbidden)
    langs = list(groups)
    fields = ["id", "pos", "case_sensitive", "do_not_translate", "note", "source"]
    for lang in dict.fromkeys([source_lang] + langs):
        fields += [lang, f"{lang}_variants", f"{lang}_forbidden"]
    return concept_from_row(row, fields, source_lang, path, line)


def _status(term_sec, path) -> int:
    """0 preferred, 1 admitted (a variant), 2 forbidden, from the term's status note.

    ISO 30042 (TBX-Basic) ``administrativeStatus`` values ``preferredTerm-admn-sts``,
    ``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``;
    the ISO 12620 ``normativeAuthorization`` of TBX 2008 files names the same statuses
    without the suffix and adds ``standardizedTerm``/``legalTerm``/``regulatedTerm``
    (normative: preferred).  No status: admitted.  Any other value is an error — a
    status read wrongly would make a forbidden term an accepted one.
    """
    for note in term_sec.iter():
        if _local(note) == "termNote" and note.get("type") in ("administrativeStatus", "normativeAuthorization"):
            value = _text(note)
            key = value.removesuffix("-admn-sts").removesuffix("Term").lower()
            if key not in _STATUSES:
                raise PipelineError(
                    f"unknown term status {value!r} (expected preferredTerm, admittedTerm, deprecatedTerm, supersededTerm)",
                    path, note.sourceline)
            return _STATUSES[key]
    return 1


def load(path: str | Path, source_lang: str = "ru") -> Termbase:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise PipelineError("TBX file not found", path) from exc
    return parse(data, path, source_lang)
