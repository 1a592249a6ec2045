"""TBX (ISO 30042) import and export, for exchange with CAT tools, term banks and Weblate.

Export writes TBX-Basic in either edition:

* **2019** (default; ISO 30042:2019, ``<tbx type="TBX-Basic" style="dca">``, ``conceptEntry``/
  ``langSec``/``termSec``), valid against LTAC Global's TBX-Basic dialect (core RNG and DCA
  Schematron, v1.2.1): only the dialect's data categories and picklist values, so the project's
  own columns travel as ``<note>`` lines of the form ``translate-pipeline: <extension>``
  (:data:`EXTENSION`);
* **2008** (``<martif type="TBX-Basic">``, ``termEntry``/``langSet``/``tig``), the edition
  Translate Toolkit (``tbx2po``, ``translate.storage.tbx``) and so Weblate's glossary import read;
  do-not-translate is also written as their ``<descrip type="Translation needed">no</descrip>``
  (a read-only term in Weblate).

Import reads both editions and both 2019 styles: DCA (``<termNote type="administrativeStatus">``)
and DCT (``<tbx style="dct">``, data categories as elements of a module namespace such as
``<min:administrativeStatus>`` or ``<basic:definition>``).

Mapping: administrative status preferred ↔ first term, admitted ↔ variants, deprecated and
superseded ↔ forbidden (superseded is exported as deprecated); languages are BCP 47 tags read
as language plus script (``kk-KZ`` → ``kk``, ``kk-Latn-KZ`` → ``kk-Latn``, its own language of
the term base), and an unknown language or status stops the import with its line.  Part of
speech: the TBX-Basic picklist (2019: adjective, noun, verb, adverb, other; 2008 adds
properNoun); any other value is written as the nearest picklist value plus a
``translate-pipeline: part-of-speech <value>`` note, so it reads back as it was.  ``note`` ↔
``<note>`` (a ``definition`` is read as a note too), ``source`` ↔ ``<admin type="source">``.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write
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
EDITIONS = ("2019", "2008")
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_STATUSES = {"preferred": 0, "standardized": 0, "legal": 0, "regulated": 0, "admitted": 1, "deprecated": 2, "superseded": 2}
_NCNAME = re.compile(r"^[^\W\d][\w.-]*$")

# The project's columns TBX-Basic has no data category for, as <note> lines: "translate-pipeline: do-not-translate".
EXTENSION = "translate-pipeline"
_DNT, _CASE, _POS = "do-not-translate", "case-sensitive", "part-of-speech"
# Part-of-speech picklists (TBX-Basic 2019 dialect v1.2.1; TBX-Basic 2008 data categories) and what
# common free-text values map to.
_POS_2019 = ("adjective", "noun", "verb", "adverb", "other")
_POS_2008 = _POS_2019 + ("properNoun",)
_POS_NAMES = {"n": "noun", "adj": "adjective", "adv": "adverb", "v": "verb", "propernoun": "properNoun",
              "propername": "properNoun", "name": "properNoun"}


def _id(concept_id: str, index: int) -> str:
    """XML IDs must be NCNames; anything else is rewritten readably."""
    candidate = re.sub(r"[^\w.-]+", "_", concept_id.strip())
    return candidate if _NCNAME.match(candidate) else f"c{index}_{candidate}".rstrip("_")


def picklist_pos(pos: str, edition: str = "2019") -> tuple[str, bool]:
    """``(TBX-Basic picklist value, exact)`` for a free-text part of speech: ``noun`` → ``("noun", True)``,
    ``proper noun`` → ``("noun", False)`` in 2019 (no such value) and ``("properNoun", True)`` in 2008,
    anything unknown → ``("other", False)``."""
    key = re.sub(r"[\W_]+", "", pos).lower()
    value = next((v for v in _POS_2008 if v.lower() == key), None) or _POS_NAMES.get(key, "other")
    allowed = _POS_2008 if edition == "2008" else _POS_2019
    if value not in allowed:
        value = "noun"  # a proper noun is a noun
    return value, _pos_text(value) == pos


def _pos_text(value: str) -> str:
    """A picklist value as the term base writes it: ``properNoun`` → ``proper noun``."""
    return "proper noun" if value == "properNoun" else value


def dumps(termbase: Termbase, edition: str = "2019") -> bytes:
    """The term base as a TBX-Basic file of ``edition`` (:data:`EDITIONS`), UTF-8 bytes."""
    if edition not in EDITIONS:
        raise PipelineError(f"unknown TBX edition {edition!r}; expected {' or '.join(EDITIONS)}")
    ns = "" if edition == "2008" else f"{{{NS}}}"
    if edition == "2008":
        root = etree.Element("martif", type="TBX-Basic")
        head_name, lang_name, term_name, entry_name = "martifHeader", "langSet", "tig", "termEntry"
    else:
        root = etree.Element(f"{ns}tbx", nsmap={None: NS}, style="dca", type="TBX-Basic")
        head_name, lang_name, term_name, entry_name = "tbxHeader", "langSec", "termSec", "conceptEntry"
    root.set(XML_LANG, termbase.source_lang)
    header = etree.SubElement(root, f"{ns}{head_name}")
    desc = etree.SubElement(etree.SubElement(header, f"{ns}fileDesc"), f"{ns}sourceDesc")
    etree.SubElement(desc, f"{ns}p").text = "translate-pipeline glossary"
    if edition == "2008":  # the data-category file every TBX-Basic 2008 document names
        etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, f"{ns}text"), f"{ns}body")
    for index, concept in enumerate(termbase.concepts, 1):
        body.append(_entry(concept, index, edition, ns, (entry_name, lang_name, term_name)))
    doctype = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' if edition == "2008" else None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype)


def _entry(concept: Concept, index: int, edition: str, ns: str, names: tuple[str, str, str]) -> etree._Element:
    def sub(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, f"{ns}{tag}", **attrs)
        el.text = text
        return el

    entry_name, lang_name, term_name = names
    entry = etree.Element(f"{ns}{entry_name}", id=_id(concept.id, index))
    if concept.do_not_translate and edition == "2008":
        sub(entry, "descrip", "no", type="Translation needed")  # Translate Toolkit's and Weblate's flag
    if concept.source:
        sub(entry, "admin", concept.source, type="source")
    if concept.note:
        sub(entry, "note", concept.note)
    pos, exact = picklist_pos(concept.pos, edition) if concept.pos else ("", True)
    extensions = [_DNT] * (concept.do_not_translate and edition != "2008") + [_CASE] * concept.case_sensitive
    extensions += [] if exact else [f"{_POS} {concept.pos}"]
    for extension in extensions:
        sub(entry, "note", f"{EXTENSION}: {extension}")
    langs = list(concept.terms) + [l for l in concept.forbidden if l not in concept.terms]
    for lang in langs:
        lang_sec = sub(entry, lang_name)
        lang_sec.set(XML_LANG, lang)
        terms = concept.terms.get(lang, ())
        statuses = [(t, PREFERRED if i == 0 else ADMITTED) for i, t in enumerate(terms)]
        statuses += [(t, DEPRECATED) for t in concept.forbidden.get(lang, ())]
        for term, status in statuses:
            term_sec = sub(lang_sec, term_name)
            sub(term_sec, "term", term)
            if pos:
                sub(term_sec, "termNote", pos, type="partOfSpeech")
            sub(term_sec, "termNote", status, type="administrativeStatus")
    return entry


def save(termbase: Termbase, path: str | Path, edition: str = "2019") -> None:
    """Write ``path`` atomically (:func:`dumps`)."""
    atomic_write(Path(path), dumps(termbase, edition))


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


def _category(el) -> str:
    """The data category an element carries: DCA (and 2008) ``<termNote type="partOfSpeech">`` →
    ``partOfSpeech``; DCT ``<min:partOfSpeech>`` (any module namespace) → ``partOfSpeech``; else ``""``."""
    if not isinstance(el.tag, str):
        return ""
    namespace = etree.QName(el).namespace
    if namespace in (None, NS):
        return el.get("type", "") if _local(el) in ("termNote", "descrip", "admin") else ""
    return _local(el)


def _concept(entry, source_lang: str, path) -> Concept:
    line = entry.sourceline
    row: dict[str, str] = {"id": entry.get("id", "")}
    notes, pos, exact_pos = [], "", ""
    for el in entry.iter():
        name, category = _local(el), _category(el)
        if category == "Translation needed":  # Translate Toolkit's and Weblate's do-not-translate flag
            row["do_not_translate"] = "yes" if _text(el).lower() in ("no", "false", "0") else ""
        elif category == "x-caseSensitive":  # what exports before the TBX-Basic-valid one wrote
            row["case_sensitive"] = _text(el)
        elif category == "source" and not row.get("source"):
            row["source"] = _text(el)
        elif category == "definition":
            notes.append(_text(el))
        elif category == "partOfSpeech" and not pos:
            pos = _pos_text(_text(el))
        elif name == "note":
            text = _text(el)
            extension = text[len(EXTENSION) + 1:].strip() if text.startswith(f"{EXTENSION}:") else None
            if extension == _DNT:
                row["do_not_translate"] = "yes"
            elif extension == _CASE:
                row["case_sensitive"] = "yes"
            elif extension is not None and extension.startswith(f"{_POS} "):
                exact_pos = extension[len(_POS) + 1:].strip()
            else:
                notes.append(text)
    row["note"], row["pos"] = " ".join(dict.fromkeys(n for n in notes if n)), exact_pos or pos
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
    """0 preferred, 1 admitted (a variant), 2 forbidden, from the term's status (a DCA or 2008
    ``<termNote type="administrativeStatus">`` or a DCT ``<min:administrativeStatus>`` element).

    ISO 30042 (TBX-Basic) ``administrativeStatus`` values ``preferredTerm-admn-sts``,
    ``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``;
    the ISO 12620 ``normativeAuthorization`` of TBX 2008 files names the same statuses
    without the suffix and adds ``standardizedTerm``/``legalTerm``/``regulatedTerm``
    (normative: preferred).  No status: admitted.  Any other value is an error — a
    status read wrongly would make a forbidden term an accepted one.
    """
    for note in term_sec.iter():
        if _category(note) in ("administrativeStatus", "normativeAuthorization"):
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
