"""TMX inline codes kept as placeholders in TM text, so they survive import → TM → export.

TMX 1.4b marks another format's native markup inside a segment with ``<bpt>``/
``<ept>`` (paired), ``<it>`` (isolated), ``<ph>`` (placeholder), ``<ut>``
(unknown, deprecated) and ``<hi>`` (highlighted text).  The TM stores each
code as one placeholder: the element's own TMX markup between two private-use
characters (``U+E000 <ph x="1">&lt;img/&gt;</ph> U+E001``; for ``<hi>`` its
start and end tags, its text staying text).  Placeholders are invisible to
matching (:func:`strip_codes` runs in :mod:`.normalize`) and are taken out of
every suggestion written into a catalog, whose sentences are plain text; TMX
export writes them back as the elements they were.

A code that stands for a line break or a space in its native format (``<ph
type="lb">``, ``&lt;br/&gt;``, ``&amp;nbsp;``, RTF ``\\line``) becomes a space:
``сайте<ph type="lb">&lt;br/&gt;</ph>министерства`` is «сайте министерства»,
two words, as the reader of the page saw them.
"""
from __future__ import annotations

import re

from lxml import etree

OPEN, CLOSE = "\ue000", "\ue001"
_CODE = re.compile(f"{OPEN}[^{CLOSE}]*{CLOSE}")
CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
# TMX 1.4b <ph>/<it> "type" values and native contents that mean a line break or a space.
_SPACE_TYPES = frozenset({"lb", "x-lb", "x-br", "x-linebreak", "x-nbsp", "x-space", "x-tab"})
_SPACE_NATIVE = re.compile(r"(?:\s|<br\s*/?>|&nbsp;|&#160;|&#x[aA]0;|\\line|\\tab|\\~|\\par)+", re.IGNORECASE)


def is_space_code(element: etree._Element) -> bool:
    """A ``<ph>``/``<it>``/``<ut>`` whose type or native content is a line break or space."""
    if etree.QName(element).localname not in ("ph", "it", "ut"):
        return False
    if element.get("type", "").lower() in _SPACE_TYPES:
        return True
    native = "".join(element.itertext())
    return bool(native) and _SPACE_NATIVE.fullmatch(native) is not None


def _markup(element: etree._Element) -> str:
    """The element as TMX markup without namespace declarations or its tail."""
    copy = etree.fromstring(etree.tostring(element, with_tail=False))
    for el in copy.iter():
        if isinstance(el.tag, str):
            el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, encoding="unicode", with_tail=False)


def code(element: etree._Element) -> str:
    """Placeholder for an inline code element (``<bpt>`` … ``<ut>``)."""
    return OPEN + _markup(element) + CLOSE


def hi_tags(element: etree._Element) -> tuple[str, str]:
    """Placeholders for a ``<hi>``'s start and end tags."""
    attrs = "".join(f' {k}="{_attr(v)}"' for k, v in element.attrib.items())
    return f"{OPEN}<hi{attrs}>{CLOSE}", f"{OPEN}</hi>{CLOSE}"


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def has_codes(text: str) -> bool:
    return OPEN in text


def strip_codes(text: str) -> str:
    """``text`` without placeholders, whitespace runs collapsed (a plain catalog sentence)."""
    if OPEN not in text:
        return text
    return " ".join(_CODE.sub("", text).split())


def to_seg_xml(text: str) -> str:
    """TMX ``<seg>`` content for ``text``: text escaped, placeholders as the markup they hold."""
    out, last = [], 0
    for found in _CODE.finditer(text):
        out.append(_escape(text[last : found.start()]))
        out.append(found.group()[1:-1])
        last = found.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
