"""TMX 1.4b import and export through Translate Toolkit's ``translate.storage.tmx``.

Languages: ``xml:lang`` (or the pre-1.4 ``lang``) is reduced to the primary
language plus an unusual script subtag, so ``ru-RU`` → ``ru``, ``kk-KZ`` →
``kk``, ``en-US`` → ``en``, ``kk-Cyrl-KZ`` → ``kk`` (CLDR's usual script for
Kazakh) but ``kk-Latn-KZ`` → ``kk-Latn``: another orthography is another
target (:attr:`Tag.base <translate_pipeline.core.langs.Tag.base>`); a code
Babel's CLDR data does not know stops the import with its line.  A ``<tu>`` with several ``<tuv>`` gives one unit per non-source variant.  Inline codes (``<bpt>``, ``<ept>``, ``<ph>``,
``<it>``, ``<ut>``, ``<hi>``) hold another format's native markup (HTML tags,
RTF codes): a line break or space code becomes a space, any other code a
placeholder (:mod:`.inline`) that matching ignores, suggestions leave out and
export writes back, so an HTML-born segment still matches our plain sentence
exactly and a TMX survives import → TM → export with its codes.

Whitespace follows TMX 1.4b's ``xml:space`` (on the ``<seg>`` or the nearest element
above it that has one): ``default`` (or none) lets the application normalise it, so a
segment's runs of XML whitespace (space, tab, CR, LF -- not a no-break space) become one
space and its ends are trimmed (a pretty-printed export's indentation is no text);
``preserve`` keeps it exactly.

Source language: the ``<tuv>`` of the project's source language is a unit's source, unless
the file names its source segments another way (``tm import --source-lang``: Translate
Toolkit's ``po2tmx`` labels them ``en`` unless told otherwise).  A header ``srclang`` other
than that language is reported as a warning.

Import is all or nothing: the whole file is parsed and checked before one
transaction writes it.  Export goes through the catalogs' atomic writer, so
a failed export never leaves a truncated TMX behind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable

from lxml import etree
from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile

from translate_pipeline.core.errors import PipelineError, os_error
from translate_pipeline.core.fs import atomic_write
from translate_pipeline.core.langs import Tag
from translate_pipeline.tm import inline
from translate_pipeline.tm.store import NewUnit, TranslationMemory, Unit, WriteCounts

PROP_ORIGIN = "x-translate-pipeline-origin"
PROP_REVIEWED = "x-translate-pipeline-reviewed"
_TMX_DATE = "%Y%m%dT%H%M%SZ"
_ISO_DATE = "%Y-%m-%dT%H:%M:%SZ"


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_WHITESPACE = re.compile(r"[ \t\r\n]+")  # XML's white space (S); a no-break space is text


@dataclass
class ImportReport:
    units: int = 0  # (tu, target variant) pairs read
    skipped: int = 0  # <tu> without a segment in the source language
    counts: WriteCounts = field(default_factory=WriteCounts)
    tus: int = 0  # <tu> elements in the file
    untranslated: int = 0  # <tu> with a source segment and no other
    source_lang: str = ""  # the language code whose segments were read as the source
    srclang: str | None = None  # the header's srclang, as written
    warnings: list[str] = field(default_factory=list)

    def nothing_added(self) -> str | None:
        """Why the import added and updated nothing (None when it did either)."""
        c = self.counts
        if c.added or c.updated:
            return None
        if not self.tus:
            return "no translation units (<tu>) in the file"
        if c.unchanged:
            rest = f"; {self.skipped} <tu> without a {self.source_lang} segment" if self.skipped else ""
            return f"nothing new: all {c.unchanged} translations are already in the translation memory{rest}"
        if self.skipped:
            declared = Tag.parse(self.srclang).base if self.srclang and self.srclang != "*all*" else None
            hint = (f" (its srclang is {self.srclang!r}: if those segments are the project's source text, "
                    f"import with --source-lang {declared})" if declared and declared != self.source_lang else "")
            return f"none of its {self.tus} <tu> has a {self.source_lang} segment{hint}"
        return f"its {self.tus} <tu> have a {self.source_lang} segment only, no translation"


def _iso(tmx_date: str | None) -> str | None:
    if not tmx_date:
        return None
    try:
        return datetime.strptime(tmx_date, _TMX_DATE).strftime(_ISO_DATE)
    except ValueError:
        return None


def _tmx_date(iso: str) -> str:
    return datetime.strptime(iso, _ISO_DATE).replace(tzinfo=timezone.utc).strftime(_TMX_DATE)


def preserves_space(element: etree._Element) -> bool:
    """TMX 1.4b ``xml:space="preserve"`` on ``element`` or the nearest element above it that says either way."""
    for node in (element, *element.iterancestors()):
        value = node.get(XML_SPACE)
        if value is not None:
            return value == "preserve"
    return False


def segment_text(tuv: etree._Element) -> str:
    """Text of a ``<tuv>``'s ``<seg>``, inline codes as placeholders (see :mod:`.inline`).

    Line-break and space codes become a space.  Unless ``xml:space="preserve"`` applies
    (:func:`preserves_space`), runs of XML white space become one space and the ends are
    trimmed (see the module docstring).
    """
    seg = next((child for child in tuv if etree.QName(child).localname == "seg"), None)
    if seg is None:
        return ""
    preserve = preserves_space(seg)
    pieces: list[tuple[bool, str]] = []  # (is placeholder, text)
    coded = False

    def walk(element: etree._Element) -> None:
        nonlocal coded
        pieces.append((False, element.text or ""))
        for child in element:
            if not isinstance(child.tag, str):  # comments, processing instructions
                pass
            elif inline.is_space_code(child):
                coded = True
                pieces.append((False, " "))
            elif etree.QName(child).localname in inline.CODES:
                coded = True
                pieces.append((True, inline.code(child)))
            else:  # <hi> (and anything unknown): its text stays text, its tags become placeholders
                coded = True
                start, end = inline.hi_tags(child)
                pieces.append((True, start))
                walk(child)
                pieces.append((True, end))
            pieces.append((False, child.tail or ""))

    walk(seg)
    if not coded:
        text = "".join(text for _, text in pieces)
        return text if preserve else _XML_WHITESPACE.sub(" ", text).strip(" ")
    runs: list[str] = []  # placeholders and the text runs between them, whitespace collapsed
    for placeholder, text in pieces:
        if placeholder or not runs or inline.has_codes(runs[-1][:1]):
            runs.append(text)
        else:
            runs[-1] += text
    if preserve:
        return "".join(runs)
    out = "".join(run if inline.has_codes(run[:1]) else _XML_WHITESPACE.sub(" ", run) for run in runs)
    return out.strip(" ")


def _props(tu: etree._Element, namespaced) -> dict[str, str]:
    return {p.get("type", ""): (p.text or "").strip() for p in tu.iterchildren(namespaced("prop"))}


def read_tmx(path: Path, source_lang: str, file_source: str | None = None) -> tuple[list[tuple[str, NewUnit]], ImportReport]:
    """(target language, unit) pairs of a TMX file out of ``source_lang``, and what was read
    (an :class:`ImportReport` without write counts).

    ``file_source``: the language the file labels its source segments with, when that is not
    ``source_lang`` (their text is taken as ``source_lang``; a segment labelled ``source_lang``
    is then no target).  Raises PipelineError for a file that is no TMX or a bad language code.
    """
    try:
        store = tmxfile.parsestring(path.read_bytes())
    except etree.XMLSyntaxError as exc:
        raise PipelineError(f"not well-formed TMX: {exc.msg}", path, exc.lineno) from exc
    except (AssertionError, ValueError) as exc:
        raise PipelineError("not a TMX file (root element must be <tmx>)", path) from exc
    except OSError as exc:
        raise os_error("cannot read TMX", exc, path) from exc
    root = store.document.getroot()
    if etree.QName(root).localname != "tmx" or root.find(store.namespaced("body")) is None:
        raise PipelineError("not a TMX file (expected <tmx> with a <body>)", path)
    header = root.find(store.namespaced("header"))
    reading = _language(file_source, path, None, f"--source-lang {file_source!r}") if file_source else source_lang
    report = ImportReport(source_lang=reading, srclang=header.get("srclang") if header is not None else None)
    declared = None
    if report.srclang and report.srclang != "*all*":
        declared = _language(report.srclang, path, header.sourceline, f"<header srclang={report.srclang!r}>")
    labelled = 0  # segments in the header's srclang
    units: list[tuple[str, NewUnit]] = []
    for unit in store.units:
        report.tus += 1
        tu = unit.xmlelement
        props = _props(tu, store.namespaced)
        origin = props.get(PROP_ORIGIN) or path.name
        reviewed = props.get(PROP_REVIEWED, "yes").lower() not in {"no", "false", "0"}
        created = _iso(tu.get("creationdate"))
        updated = _iso(tu.get("changedate")) or created
        variants: list[tuple[str, str]] = []
        for tuv in unit.getlanguageNodes():
            code = getXMLlang(tuv) or tuv.get("lang")
            if not code:
                raise PipelineError("<tuv> without xml:lang", path, tuv.sourceline)
            lang = _language(code, path, tuv.sourceline, f"<tuv xml:lang={code!r}>")
            text = segment_text(tuv)
            if text and text.strip():
                variants.append((lang, text))
        labelled += any(lang == declared for lang, _ in variants)
        sources = [text for lang, text in variants if lang == reading]
        if not sources:
            report.skipped += 1
            continue
        targets = [(lang, text) for lang, text in variants if lang not in (reading, source_lang)]
        report.untranslated += not targets
        units += [(lang, NewUnit(sources[0], text, origin, reviewed, created, updated)) for lang, text in targets]
    report.units = len(units)
    if declared is not None and declared != reading:
        hint = (f"; if its {declared} segments are {source_lang} text, import with --source-lang {declared}"
                if file_source is None and labelled else "")
        report.warnings.append(f"{path}: its srclang is {report.srclang!r}, but the source segments "
                               f"are read from its {reading} variants{hint}")
    return units, report


def _language(code: str, path: Path, line: int | None, what: str) -> str:
    """A TMX language code as the project's language: ``ru-RU`` → ``ru``, ``kk-Latn-KZ`` → ``kk-Latn``
    (another script is another target)."""
    try:
        return Tag.parse(code).base
    except PipelineError as exc:
        raise PipelineError(f"{what}: {exc.message}", path, line) from exc


def import_tmx(tm: TranslationMemory, path: Path | str, source_lang: str, file_source: str | None = None) -> ImportReport:
    """Add a TMX file's translations out of ``source_lang`` to the TM, in one transaction
    (``file_source``: see :func:`read_tmx`)."""
    path = Path(path)
    units, report = read_tmx(path, source_lang, file_source)
    report.counts = tm.write_pairs((source_lang, lang, unit) for lang, unit in units)
    return report


def build_tmx(units: Iterable[Unit], source_lang: str, tool_version: str) -> tmxfile:
    store = tmxfile(sourcelanguage=source_lang)
    store.addheader()
    header = store.document.getroot().find(store.namespaced("header"))
    header.set("creationtool", "translate-pipeline")
    header.set("creationtoolversion", tool_version)
    header.set("o-tmf", "translate-pipeline SQLite TM")
    header.set("datatype", "plaintext")
    header.set("creationdate", datetime.now(timezone.utc).strftime(_TMX_DATE))
    for unit in units:
        store.addtranslation(unit.source, unit.source_lang, unit.target, unit.target_lang)
        tu = store.units[-1].xmlelement
        for seg, text in zip(tu.iter(store.namespaced("seg")), (unit.source, unit.target)):
            if inline.has_codes(text):  # placeholders back to the inline elements they were
                _fill_seg(seg, text)
        tu.set("creationdate", _tmx_date(unit.created))
        tu.set("changedate", _tmx_date(unit.updated))
        first_tuv = tu.find(store.namespaced("tuv"))
        for kind, value in ((PROP_ORIGIN, unit.origin), (PROP_REVIEWED, "yes" if unit.reviewed else "no")):
            prop = etree.Element(store.namespaced("prop"), type=kind)
            prop.text = value
            first_tuv.addprevious(prop)
    return store


def _fill_seg(seg: etree._Element, text: str) -> None:
    parsed = etree.fromstring(f'<seg xmlns="{seg.nsmap.get(None) or ""}">{inline.to_seg_xml(text)}</seg>'
                              if seg.nsmap.get(None) else f"<seg>{inline.to_seg_xml(text)}</seg>")
    seg.text = parsed.text
    for child in list(seg):
        seg.remove(child)
    seg.extend(parsed)


@dataclass(frozen=True)
class TMXExport:
    data: bytes  # the TMX file
    units: int  # translation units in it


def tmx_export(tm: TranslationMemory, source_lang: str, target_langs: Iterable[str] | None = None) -> TMXExport:
    """The TM (optionally only some target languages) as a TMX 1.4b file, for a file or standard output."""
    try:
        tool_version = version("translate-pipeline")
    except PackageNotFoundError:
        tool_version = "dev"
    units = [u for u in tm.units(target_langs) if u.source_lang == source_lang]
    return TMXExport(bytes(build_tmx(units, source_lang, tool_version)), len(units))


def export_tmx(
    tm: TranslationMemory, path: Path | str, source_lang: str, target_langs: Iterable[str] | None = None
) -> int:
    """Write :func:`tmx_export` to ``path`` atomically; returns the unit count."""
    done = tmx_export(tm, source_lang, target_langs)
    atomic_write(Path(path), done.data)
    return done.units
