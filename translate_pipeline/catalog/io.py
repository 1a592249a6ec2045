"""PO/POT file I/O: strict reading, lossless writing, no rewrite without a change.

polib alone accepts some broken files (an unterminated string is read as if
it ended at the line end, ``\\q`` is kept as two characters, a msgid without
msgstr is read as untranslated), and rewriting such a file would silently
alter a translator's work.  So every file is first checked line by line, as
msgfmt would, and a malformed one is reported with its line and never written.

Two places where polib itself is not lossless are worked around here:

* polib splits a file's text with :meth:`str.splitlines`, which also breaks
  lines at U+2028, U+2029, U+0085, ``\\v``, ``\\f`` and U+001C–U+001E; a PO
  file's lines end at ``\\n`` only (GNU gettext's po-lex), so the text is
  split here and handed to polib's parser line by line;
* polib's writer splits strings at the same characters and wraps at ``\\v``
  and ``\\f``; they are swapped for placeholders while polib renders.

File names with spaces in ``#:`` references are written as GNU gettext
(0.20+) writes them, between U+2068 and U+2069, and read back whole.

Line ends: LF, CRLF, or a mix of the two are read as GNU gettext reads them
(a CR before an LF is no text).  A bare CR (classic Mac OS line ends, or one
stray CR) is refused with its line: gettext's lexer takes it for blank space
outside comments but not inside one, so a comment runs on to the next LF and
swallows the entries after it -- gettext 0.21 reads a CR-only catalog as empty,
and rewriting what it read would lose every entry.

A catalog is written back with the line ends it had, so a Windows translator's
file does not change on every line in a diff: the end of its first line decides
(``catalog.line_end``), CRLF stays CRLF, a new catalog gets LF.  msgfmt -c
accepts CRLF catalogs (gettext-tools/src/po-lex.c: ``\r`` is blank space between
tokens); gettext's own writers (msgcat, msgmerge) keep a comment's CR as part of
its text and end every other line with LF, and the first-line rule takes such a
file, whose first line is its header comment, back to CRLF.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Iterable, Iterator

import polib

from translate_pipeline.catalog.wrap import rewrap
from translate_pipeline.core.errors import PipelineError, os_error
from translate_pipeline.core.fs import TextLines, replace_unless_changed

_KEYWORD = re.compile(r'^(#~\s*)?(#\|\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*)$')
_CONTINUATION = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?(".*)$')
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')
_ESCAPE = re.compile(r"\\([0-7]{1,3}|x[0-9A-Fa-f]*|u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|.)")
# The escapes polib reads back as it writes them; msgfmt also knows \a, octal and \x,
# which polib would keep as text and double on the next write.
_ESCAPES = set('\\"ntrvbf')
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
# Where str.splitlines breaks a line and a PO file does not; "\n" and "\r" are escaped by polib.
_SPLITTERS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_PLACEHOLDERS = "".join(chr(0xFDD0 + i) for i in range(len(_SPLITTERS)))  # Unicode noncharacters
_WRITTEN = {"\v": "\\v", "\f": "\\f"}  # how polib's escape() writes these two
_ISOLATE = re.compile("\u2068([^\u2069]*)\u2069")
_SPACE_MARK = "\ufdd8"


_COMMENT_MARK = "\x00"  # stands for an entry's "#." comment while polib renders it (no text holds NUL)


def _checked(path: Path, lines: Iterable[str]) -> Iterator[str]:
    """``lines``, each once checked: raise on the first line msgfmt would reject, or that polib would read differently.

    ``#:`` lines come with their spaced file names protected (:func:`_protect_references`).
    """
    state, started = "none", 0  # state: none | context | msgid | plural | msgstr | plurals
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            yield raw
            continue
        keyword = _KEYWORD.match(line)
        match = keyword or _CONTINUATION.match(line)
        if match:
            string = match.group(match.lastindex)
            if not _STRING.match(string):
                raise PipelineError("malformed PO: unterminated or badly escaped string", path, number)
            for escape in _ESCAPE.findall(string[1:-1]):
                if escape in _ESCAPES:
                    continue
                if escape[0] in "a01234567x":  # valid for msgfmt, but polib would not read it back
                    raise PipelineError(f"malformed PO: escape '\\{escape}' is not supported here; "
                                        "write the character itself", path, number)
                raise PipelineError(f"malformed PO: invalid escape '\\{escape}'", path, number)
        elif line.startswith("#="):
            raise PipelineError("malformed PO: '#=' flag lines are not supported, use '#,'", path, number)
        elif not line.startswith("#"):
            raise PipelineError(f"malformed PO: unexpected text {line[:30]!r}", path, number)
        if keyword and not keyword.group(2):  # "#| msgid" lines are the previous msgid, not an entry
            state, started = _next_state(path, number, keyword.group(3), keyword.group(4), state, started)
        yield _protect_references(raw) if raw.startswith("#:") else raw
    if state in ("context", "msgid", "plural"):
        _missing(path, started, state)


def _next_state(path: Path, number: int, word: str, index: str | None, state: str, started: int) -> tuple[str, int]:
    """The entry grammar msgfmt enforces: [msgctxt] msgid (msgstr | msgid_plural msgstr[0..n])."""
    if word in ("msgctxt", "msgid"):
        if state in ("context", "msgid", "plural") and not (word == "msgid" and state == "context"):
            _missing(path, started, state)
        return ("context" if word == "msgctxt" else "msgid"), (started if state == "context" else number)
    if word == "msgid_plural":
        if state != "msgid":
            raise PipelineError("malformed PO: msgid_plural without msgid", path, number)
        return "plural", started
    if index is None:  # msgstr
        if state == "plural":
            raise PipelineError("malformed PO: msgid_plural needs msgstr[0], msgstr[1], …", path, number)
        if state != "msgid":
            raise PipelineError("malformed PO: msgstr without msgid", path, number)
        return "msgstr", started
    if state == "msgid":
        raise PipelineError(f"malformed PO: msgstr[{index}] without msgid_plural", path, number)
    if state not in ("plural", "plurals"):
        raise PipelineError(f"malformed PO: msgstr[{index}] without msgid", path, number)
    return "plurals", started


def _missing(path: Path, line: int, state: str) -> None:
    what = "msgstr[0]" if state == "plural" else "msgid" if state == "context" else "msgstr"
    raise PipelineError(f"malformed PO: entry has no {what}", path, line)


def read_catalog(path: Path) -> polib.POFile:
    """Parse a PO/POT file, or raise a one-line error with file and line.

    UTF-8 with or without a BOM (the BOM is not written back: msgfmt rejects
    it; ``catalog.had_bom`` tells :func:`settle_date` to rewrite the file);
    UTF-16 and other encodings are reported as such; a bare CR is refused (see the
    module docstring).  The file is streamed to polib's parser a line at a time,
    each line checked on the way (memory: the catalog); the error reported is the
    one a check of the whole file before parsing would give: a decoding error, then
    a bare CR, then a syntax error, then polib's.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise os_error("cannot read", exc, path) from exc
    source = TextLines(handle, path, universal=False)  # lines end at "\n" only (see the module docstring)
    lines = _checked(path, _line_ends_checked(path, source))
    parser = polib._POFileParser("", encoding="utf-8")  # "" is no file: no I/O, no splitlines
    parser.fhandle = _Feed(lines)
    try:
        try:
            catalog = parser.parse()
        except (OSError, ValueError) as exc:
            for _ in lines:  # a syntax error further on comes first
                pass
            found = _POLIB_LINE.search(str(exc))
            message = str(exc).split(" in po file")[0].split(" (line")[0]
            raise PipelineError(f"malformed PO: {message}", path, int(found.group(1)) if found else None) from exc
    except PipelineError:
        source.finish()  # and a decoding error anywhere before all
        raise
    catalog.wrapwidth = 78
    for entry in catalog:
        entry.occurrences = [(_restore_reference(f), n) for f, n in entry.occurrences]
    catalog.had_bom = source.had_bom
    catalog.line_end = source.first_line_end or "\n"  # how it is written back (see the module docstring)
    _check_unique(path, catalog)
    return catalog


def _line_ends_checked(path: Path, lines: Iterable[str]) -> Iterator[str]:
    """``lines`` (split at LF, CRLF made LF), raising at the first bare CR (see the module docstring).

    A syntax error met before it is not what a check of the whole file reports first: a
    consumer that stops on one reads on (:func:`_checked` does), so this raises then.
    """
    lines = iter(lines)
    for number, line in enumerate(lines, 1):
        if "\r" in line:
            if number == 1 and next(lines, None) is None:
                raise PipelineError("line ends are CR only (classic Mac OS): gettext reads such a catalog as "
                                    "empty, so it is not read or written; convert its line ends to LF (e.g. "
                                    "mac2unix, or tr '\\r' '\\n') and run again", path, number)
            raise PipelineError("a bare CR (carriage return without LF) in this line: gettext reads it wrongly "
                                "(in a comment it swallows the entries up to the next LF), so the catalog is not "
                                "read or written; delete that CR (inside a string, write \\r if it is meant) and "
                                "run again", path, number)
        yield line


class _Feed:
    """Lines for polib's parser, which closes what it read at the end (a generator must stay open)."""

    def __init__(self, lines: Iterator[str]):
        self.lines = lines

    def __iter__(self) -> Iterator[str]:
        return self.lines

    def close(self) -> None:
        pass


def _check_unique(path: Path, catalog: polib.POFile) -> None:
    """Two live entries with the same (msgctxt, msgid) are an error, as for msgfmt ("duplicate message
    definition"): which one holds the translation would be a guess."""
    first: dict[tuple[str | None, str], int] = {}
    for entry in catalog:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            raise PipelineError(f"malformed PO: duplicate message definition (first at line {first[key]})",
                                path, entry.linenum)
        first[key] = entry.linenum


def _protect_references(line: str) -> str:
    """``#: ⁨a b.txt⁩:3`` keeps its space through polib's whitespace split (see _restore_reference)."""
    return _ISOLATE.sub(lambda m: "\u2068" + m.group(1).replace(" ", _SPACE_MARK) + "\u2069", line)


def _restore_reference(name: str) -> str:
    return name.replace("\u2068", "").replace("\u2069", "").replace(_SPACE_MARK, " ")


_FIELDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "previous_msgctxt", "previous_msgid", "previous_msgid_plural")


def _protected(entry: polib.POEntry) -> dict[str, object]:
    """Swap line-separator characters and spaced file names for placeholders; returns what to restore."""
    saved: dict[str, object] = {}
    swap = str.maketrans(_SPLITTERS, _PLACEHOLDERS)
    for name in _FIELDS:
        value = getattr(entry, name)
        if value and value != value.translate(swap):
            saved[name] = value
            setattr(entry, name, value.translate(swap))
    if any(v != v.translate(swap) for v in entry.msgstr_plural.values()):
        saved["msgstr_plural"] = entry.msgstr_plural
        entry.msgstr_plural = {k: v.translate(swap) for k, v in entry.msgstr_plural.items()}
    if any(" " in f for f, _ in entry.occurrences):  # other whitespace: refused in file names
        saved["occurrences"] = entry.occurrences
        entry.occurrences = [
            (f"\u2068{f.replace(' ', _SPACE_MARK)}\u2069" if " " in f else f, n) for f, n in entry.occurrences
        ]
    return saved


def render(catalog: polib.POFile, line_end: str = "\n") -> str:
    """The catalog as text (:func:`render_pieces` joined)."""
    return "".join(render_pieces(catalog, line_end))


def render_pieces(catalog: polib.POFile, line_end: str = "\n") -> Iterator[str]:
    """The catalog as text, an entry at a time, laid out exactly as GNU ``msgcat`` writes it (:func:`~.wrap.rewrap`),
    its lines ending in ``line_end`` (``"\\r\\n"``: a Windows catalog, see the module docstring).

    The pieces joined are the file: the header with the metadata entry, then each
    live entry and each obsolete one, preceded by the blank line between entries.
    polib renders each entry unwrapped (``wrapwidth`` 0) and :func:`~.wrap.rewrap`
    wraps strings and ``#:`` lines as gettext does; ``#.`` comments are never wrapped
    (a value such as an ``MT-raw`` line must read back as written) and are written
    out line by line, without trailing blanks, from a placeholder.  Strings holding
    characters polib would split lines at, and file names with spaces, are protected
    by placeholders too (see the module docstring).  Memory: one entry's text.

    Raises PipelineError, before the first piece, if an entry holds one of the
    placeholder noncharacters (U+FDD0–U+FDD8), which no real text contains.
    """
    for entry in catalog:
        for value in [getattr(entry, name) or "" for name in _FIELDS] + list(entry.msgstr_plural.values()):
            if any(c in value for c in _PLACEHOLDERS + _SPACE_MARK):
                raise PipelineError(f"entry {entry.msgid[:40]!r} holds a Unicode noncharacter (U+FDD0–U+FDD8)")
    return _pieces(catalog, line_end)


def _pieces(catalog: polib.POFile, line_end: str) -> Iterator[str]:
    head = polib.POFile(wrapwidth=0)  # polib's own header and metadata entry, without the entries
    head.header, head.metadata, head.metadata_is_fuzzy = catalog.header, catalog.metadata, catalog.metadata_is_fuzzy
    yield _ended(_laid_out(str(head)), line_end)
    for entry in itertools.chain((e for e in catalog if not e.obsolete), (e for e in catalog if e.obsolete)):
        yield _ended("\n" + _entry_text(entry), line_end)


def _entry_text(entry: polib.POEntry) -> str:
    comment = entry.comment if entry.comment and not entry.obsolete else None
    values = _protected(entry)
    try:
        if comment is not None:
            entry.comment = _COMMENT_MARK
        text = entry.__unicode__(0)  # unwrapped: polib's textwrap breaks elsewhere than gettext
    finally:
        if comment is not None:
            entry.comment = comment
        for name, value in values.items():
            setattr(entry, name, value)
    if comment is not None:
        text = text.replace(f"#. {_COMMENT_MARK}", "\n".join(f"#. {line}".rstrip() for line in comment.split("\n")), 1)
    return _laid_out(text)


def _laid_out(text: str) -> str:
    back = {ord(p): _WRITTEN.get(c, c) for p, c in zip(_PLACEHOLDERS, _SPLITTERS, strict=True)}
    back[ord(_SPACE_MARK)] = " "
    return rewrap(text.translate(back))


def _ended(text: str, line_end: str) -> str:
    return text if line_end == "\n" else text.replace("\n", line_end)


def _flat(text: str | None) -> str:
    return "".join((text or "").split())


def _entry_keys(catalog: polib.POFile) -> Iterator[tuple]:
    for e in catalog:
        yield (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, tuple(sorted(e.msgstr_plural.items())), tuple(e.flags),
               _flat(e.tcomment), _flat(e.comment) if not e.obsolete else "",
               tuple(e.occurrences) if not e.obsolete else (), e.obsolete, e.previous_msgctxt, e.previous_msgid)


def _same_content(catalog: polib.POFile, other: polib.POFile) -> bool:
    """Whether two catalogs say the same, whatever tool laid them out (line wrapping aside).

    Compared an entry at a time: no copy of either catalog.
    """
    def header(c: polib.POFile) -> tuple:
        return _flat(c.header), tuple(sorted(c.metadata.items())), tuple(c.metadata_is_fuzzy or ())

    return header(catalog) == header(other) and all(
        mine == theirs for mine, theirs in itertools.zip_longest(_entry_keys(catalog), _entry_keys(other)))


def settle_date(catalog: polib.POFile, old: polib.POFile | None, date_field: str, stamp: str) -> bool:
    """Date ``catalog``; returns whether it must be written (its content differs from ``old``).

    Re-running on unchanged input must not change a byte, so a catalog whose
    content is that of the file on disk (even if another tool, e.g. Poedit,
    laid it out differently) keeps the old date and is not written; a file with
    a BOM is rewritten without it (msgfmt rejects a BOM).
    """
    if old is not None and old.metadata.get(date_field):
        catalog.metadata[date_field] = old.metadata[date_field]
        if _same_content(catalog, old) and not getattr(old, "had_bom", False):
            return False
    catalog.metadata[date_field] = stamp
    return True


def replace_catalog(path: Path, catalog: polib.POFile, old: polib.POFile | None) -> None:
    """Write ``catalog`` over the file that said ``old`` (None: there was none), with ``old``'s line
    ends (LF for a new file).

    The file is replaced only if it still says what ``old`` says, checked
    after the new content is synced, at the moment of the replace (see
    :func:`~translate_pipeline.core.fs.replace_unless_changed`): a translator's
    save during the run is kept and PipelineError stops the run.
    """
    def unchanged(current: Path | None) -> bool:
        if current is None or old is None:
            return current is None and old is None
        try:
            return _same_content(read_catalog(current), old)
        except PipelineError:
            return False

    replace_unless_changed(path, render_pieces(catalog, getattr(old, "line_end", "\n")), unchanged)
