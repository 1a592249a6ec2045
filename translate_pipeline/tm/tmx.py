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

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write
from translate_pipeline.core.langs import Tag
from translate_pipeline.tm import inline
from translate_pipeline.tm.store import NewUnit, TranslationMemory, Unit, WriteCounts

PROP_ORIGIN = "x-translate-pipeline-origin"
PROP_REVIEWED = "x-translate-pipeline-reviewed"
_TMX_DATE = "%Y%m%dT%H%M%SZ"
_ISO_DATE = "%Y-%m-%dT%H:%M:%SZ"


@dataclass
class ImportReport:
    units: int = 0  # (tu, target variant) pairs read
    skipped: int = 0  # <tu> without a segment in the source language
    counts: WriteCounts = field(default_factory=WriteCounts)


def _iso(tmx_date: str | None) -> str | None:
    if not tmx_date:
        return None
    try:
        return datetime.strptime(tmx_date, _TMX_DATE).strftime(_ISO_DATE)
    except ValueError:
        return None


def _tmx_date(iso: str) -> str:
    return datetime.strptime(iso, _ISO_DATE).replace(tzinfo=timezone.utc).strftime(_TMX_DATE)


def segment_text(tuv: etree._Element) -> str:
    """Text of a ``<tuv>``'s ``<seg>``, inline codes as placeholders (see :mod:`.inline`).

    Line-break and space codes become a space; with any code present,
    whitespace runs are collapsed (the native markup's layout is not text).
    """
    seg = next((child for child in tuv if etree.QName(child).localname == "seg"), None)
    if seg is None:
        return ""
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
        return "".join(text for _, text in pieces)
    runs: list[str] = []  # placeholders and the text runs between them, whitespace collapsed
    for placeholder, text in pieces:
        if placeholder or not runs or inline.has_codes(runs[-1][:1]):
            runs.append(text)
        else:
            runs[-1] += text
    out = "".join(run if inline.has_codes(run[:1]) else re.sub(r"\s+", " ", run) for run in runs)
    return out.strip()


def _props(tu: etree._Element, namespaced) -> dict[str, str]:
    return {p.get("type", ""): (p.text or "").strip() for p in tu.iterchildren(namespaced("prop"))}


def read_tmx(path: Path, source_lang: str) -> tuple[list[tuple[str, NewUnit]], int]:
    """(target language, unit) pairs of a TMX file, and the number of skipped ``<tu>``."""
    try:
        store = tmxfile.parsestring(path.read_bytes())
    except etree.XMLSyntaxError as exc:
        raise PipelineError(f"not well-formed TMX: {exc.msg}", path, exc.lineno) from exc
    except (AssertionError, ValueError) as exc:
        raise PipelineError("not a TMX file (root element must be <tmx>)", path) from exc
    except OSError as exc:
        raise PipelineError(f"cannot read TMX: {exc}", path) from exc
    root = store.document.getroot()
    if etree.QName(root).localname != "tmx" or root.find(store.namespaced("body")) is None:
        raise PipelineError("not a TMX file (expected <tmx> with a <body>)", path)
    units: list[tuple[str, NewUnit]] = []
    skipped = 0
    for unit in store.units:
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
            try:
                lang = Tag.parse(code).base  # ru-RU → ru, kk-Latn-KZ → kk-Latn: another script is another target
            except PipelineError as exc:
                raise PipelineError(f"<tuv xml:lang={code!r}>: {exc.message}", path, tuv.sourceline) from exc
            text = segment_text(tuv)
            if text and text.strip():
                variants.append((lang, text))
        sources = [text for lang, text in variants if lang == source_lang]
        if not sources:
            skipped += 1
            continue
        units += [
            (lang, NewUnit(sources[0], text, origin, reviewed, created, updated))
            for lang, text in variants
            if lang != source_lang
        ]
    return units, skipped


def import_tmx(tm: TranslationMemory, path: Path | str, source_lang: str) -> ImportReport:
    """Add a TMX file's translations out of ``source_lang`` to the TM, in one transaction."""
    path = Path(path)
    units, skipped = read_tmx(path, source_lang)
    counts = tm.write_pairs((source_lang, lang, unit) for lang, unit in units)
    return ImportReport(units=len(units), skipped=skipped, counts=counts)


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
