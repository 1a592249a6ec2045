"""Wrap PO strings and references exactly as GNU gettext (``msgcat``, ``msgmerge``) does.

A catalog saved by Poedit or passed through ``msgcat`` must show no
wrapping-only diff against ours, so this follows gettext's ``write-po.c``:
page width 79; a string that fits after its keyword stays on one line,
otherwise the first line is ``msgid ""`` and every continuation line holds at
most 77 columns between its quotes (``"…"`` is 79 wide; 74 after an ``#~ ``
or ``#| `` prefix); a string is first cut after each ``\\n``; within a piece,
lines break at the last opportunity that fits — opportunities from
libunistring's ``ulc_width_linebreaks``, the Unicode line breaking algorithm
(UAX #14) with its pair table: after spaces, after a hyphen or en dash that
precedes a letter, after ``.``/``,`` before a letter, never before
``. , ) ! ?`` nor between a word and a quote mark touching it — and never
inside an escape sequence or just before the final ``\\n``.  Reference
lines (``#: file:line …``) are filled while the next reference keeps the
line under 79 columns.

The pair table below was read off GNU gettext 0.21 / libunistring 1.0 by
running ``msgcat`` on every class pair; ``tests/test_po_wrap.py`` compares
this module with ``msgcat`` on real sentences whenever gettext is installed.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

PAGE_WIDTH = 79

# UAX #14 line-break classes in the table's order, and per "before" class the
# action for each "after" class: "_" break allowed, "%" only across spaces, "^" never.
_CLASSES = "OP CL CP QU GL NS EX SY IS PR PO NU AL HL ID IN HY BA BB B2".split()
_TABLE_ROWS = {
    "OP": "^^^^^^^^^^^^^^^^^^^^",
    "CL": "_^^%%^^^^%%_____%%%__",
    "CP": "_^^%%%^^^%%%%%%%%%__",
    "QU": "^^^%%%^^^%%%%%%%%%%%",
    "GL": "%^^%%%^^^%%%%%%%%%%%",
    "NS": "_^^%%%^^^______%%%__",
    "EX": "_^^%%%^^^______%%%__",
    "SY": "_^^%%%^^^__%_%_%%%__",
    "IS": "_^^%%%^^^__%___%%%__",
    "PR": "%^^%%%^^^__%%%%%%%__",
    "PO": "%^^%%%^^^__%%%%%%%__",
    "NU": "%^^%%%^^^%%%%%%%%%__",
    "AL": "%^^%%%^^^%%%%%%%%%__",
    "HL": "%^^%%%^^^%%%%%%%%%__",
    "ID": "%^^%%%^^^%%%%%%%%%__",
    "IN": "_^^%%%^^^______%%%__",
    "HY": "_^^%_%^^^__%___%%%__",
    "BA": "_^^%_%^^^______%%%__",
    "BB": "%^^%%%^^^%%%%%%%%%%%",
    "B2": "_^^%%%^^^______%%%_^",
}
_TABLE = {(a, b): _TABLE_ROWS[a][j] for a in _CLASSES for j, b in enumerate(_CLASSES)}
# Classes outside the table, resolved as libunistring does for text like ours.
_ALIASES = {"AI": "AL", "SA": "AL", "XX": "AL", "SG": "AL", "CJ": "NS", "WJ": "GL", "RI": "AL", "H2": "ID",
            "H3": "ID", "JL": "ID", "JV": "ID", "JT": "ID", "EB": "ID", "EM": "ID", "CB": "B2", "ZWJ": "AL",
            "HH": "BA"}  # Unicode 16 moved the en dash (and U+2010) from BA to HH; libunistring 1.0 has BA
_PROPERTIES = [(name, regex.compile(rf"\p{{Line_Break={name}}}")) for name in
               _CLASSES + ["SP", "CM", "ZW", "BK", "CR", "LF", "NL"] + list(_ALIASES)]
_ESCAPE = re.compile(r"\\.")


@lru_cache(maxsize=4096)
def line_break_class(char: str) -> str:
    """The UAX #14 class of ``char`` (``AL`` for letters, ``SP``, ``HY``, …), aliases resolved."""
    for name, pattern in _PROPERTIES:
        if pattern.match(char):
            return _ALIASES.get(name, name)
    return "AL"


def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _opportunities(piece: str) -> list[bool]:
    """``out[i]``: a line may break before ``piece[i]`` (``piece`` is PO-escaped text)."""
    out = [False] * len(piece)
    last, spaced = None, False
    for i, char in enumerate(piece):
        cls = line_break_class(char)
        if cls in ("SP", "ZW"):
            spaced = True
            continue
        if cls == "CM" and last is not None:  # a combining mark goes with its base
            continue
        if last is not None:
            action = _TABLE.get((last, cls), "%")
            out[i] = action == "_" or (action == "%" and spaced)
        last, spaced = cls, False
    for found in _ESCAPE.finditer(piece):  # never inside an escape sequence
        out[found.start() + 1] = False
    if piece.endswith("\\n") and len(piece) >= 2 and _ESCAPE.fullmatch(piece[-2:]):
        out[len(piece) - 2] = False  # nor just before the final \n
    return out


def _breaks(piece: str, width: int, start: int) -> list[int]:
    """Where libunistring's ``ulc_width_linebreaks`` breaks ``piece`` (greedy, last fitting opportunity)."""
    possible = _opportunities(piece)
    chosen: list[int] = []
    last_p, column, piece_width = None, start, 0
    for i, char in enumerate(piece):
        if possible[i]:
            if last_p is not None and column + piece_width > width:
                chosen.append(last_p)
                column = 0
            last_p = i
            column += piece_width
            piece_width = 0
        piece_width += _width(char)
    if last_p is not None and column + piece_width > width:
        chosen.append(last_p)
    return chosen


def _pieces(escaped: str) -> list[str]:
    """Cut after each ``\\n`` escape, as gettext does before wrapping."""
    out, start, i = [], 0, 0
    while i < len(escaped):
        if escaped[i] == "\\" and i + 1 < len(escaped):
            if escaped[i + 1] == "n":
                out.append(escaped[start : i + 2])
                start = i + 2
            i += 2
        else:
            i += 1
    if start < len(escaped) or not out:
        out.append(escaped[start:])
    return out


def wrap_field(prefix: str, keyword: str, escaped: str, page_width: int = PAGE_WIDTH) -> list[str]:
    """The lines GNU gettext writes for ``keyword "escaped"`` after ``prefix`` (``""``, ``"#~ "``, ``"#| "``)."""
    after_break = len(prefix) + 1  # opening quote
    width = page_width - 1 - after_break  # room for the closing quote
    pieces = _pieces(escaped)
    first_start = len(prefix) + len(keyword) + 2 - after_break
    lines: list[str] = []
    first = True
    for index, piece in enumerate(pieces):
        start = first_start if first else 0
        cuts = _breaks(piece, width, start)
        if first and piece and (index + 1 < len(pieces) or start > width or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first, start = False, 0
            cuts = _breaks(piece, width, start)
        bounds = [0, *cuts, len(piece)]
        for a, b in zip(bounds, bounds[1:]):
            text = f'"{piece[a:b]}"'
            lines.append(f"{prefix}{keyword} {text}" if first else f"{prefix}{text}")
            first = False
    return lines


_FIELD = re.compile(r'^(#~\| |#~ |#\| |)(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')
_CONTINUATION = re.compile(r'^(#~\| |#~ |#\| |)(".*")$')


def rewrap(text: str, page_width: int = PAGE_WIDTH) -> str:
    """Re-wrap every string field and ``#:`` line of a rendered PO file the way gettext does."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        field = _FIELD.match(line)
        if field:
            prefix, keyword, quoted = field.groups()
            parts = [quoted[1:-1]]
            i += 1
            while i < len(lines):
                more = _CONTINUATION.match(lines[i])
                if not more or more.group(1) != prefix:
                    break
                parts.append(more.group(2)[1:-1])
                i += 1
            out.extend(wrap_field(prefix, keyword, "".join(parts), page_width))
            continue
        if line.startswith("#: "):
            references = []
            while i < len(lines) and lines[i].startswith("#: "):
                references.extend(lines[i][3:].split())
                i += 1
            out.extend(_references(references, page_width))
            continue
        out.append(line.rstrip(" ") if line in ("# ", "#. ") else line)  # gettext: "#" alone for an empty comment line
        i += 1
    return "\n".join(out)


def _references(references: list[str], page_width: int) -> list[str]:
    """``#: a:1 b:2`` lines as gettext fills them (``message_print_comment_filepos``)."""
    lines, current = [], "#:"
    for ref in references:
        if len(current) > 2 and len(current) + 1 + len(ref) > page_width - 1:
            lines.append(current)
            current = "#:"
        current += " " + ref
    lines.append(current)
    return lines
