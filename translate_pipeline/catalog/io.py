"""PO/POT file I/O: strict reading, no rewrite without a change (atomic writes via core.fs).

polib alone accepts some broken files (an unterminated string is read as if
it ended at the line end), and rewriting such a file would silently alter a
translator's work.  So every file is first checked line by line, as msgfmt
would, and a malformed one is reported with its line and never written.
"""
from __future__ import annotations

import re
from pathlib import Path

import polib

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write

_KEYWORD = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')
_CONTINUATION = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?(".*)$')
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')
_POLIB_LINE = re.compile(r"\(line (\d+)\)")


def _check_syntax(path: Path, text: str) -> None:
    """Raise on the first line that is not a comment, keyword or quoted string."""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        match = _KEYWORD.match(line) or _CONTINUATION.match(line)
        if match:
            string = match.group(match.lastindex)
            if not _STRING.match(string):
                raise PipelineError("malformed PO: unterminated or badly escaped string", path, number)
        elif line.startswith("#="):
            raise PipelineError("malformed PO: '#=' flag lines are not supported, use '#,'", path, number)
        elif not line.startswith("#"):
            raise PipelineError(f"malformed PO: unexpected text {line[:30]!r}", path, number)


def read_catalog(path: Path) -> polib.POFile:
    """Parse a PO/POT file, or raise a one-line error with file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PipelineError(f"cannot read: {exc.strerror}", path) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PipelineError("malformed PO: not UTF-8", path, line) from exc
    _check_syntax(path, text.replace("\r\n", "\n"))
    try:
        catalog = polib.pofile(text, wrapwidth=78)
    except (OSError, ValueError) as exc:
        found = _POLIB_LINE.search(str(exc))
        message = str(exc).split(" in po file")[0].split(" (line")[0]
        raise PipelineError(f"malformed PO: {message}", path, int(found.group(1)) if found else None) from exc
    return catalog


def render(catalog: polib.POFile) -> str:
    """The catalog as text, msgids wrapped like gettext but ``#.`` comments never.

    polib wraps long automatic comments (and breaks at hyphens), so a value such
    as ``MT-raw: …`` would not read back as written; GNU gettext does not wrap
    them either.  Each comment is swapped for a short placeholder while polib
    renders, then written out line by line.
    """
    saved = [(entry, entry.comment) for entry in catalog if entry.comment and not entry.obsolete]
    try:
        for number, (entry, _) in enumerate(saved):
            entry.comment = f"\x00{number}\x00"
        text = str(catalog)
    finally:
        for entry, comment in saved:
            entry.comment = comment
    for number, (_, comment) in enumerate(saved):
        lines = "\n".join(f"#. {line}".rstrip() for line in comment.split("\n"))
        text = text.replace(f"#. \x00{number}\x00", lines, 1)
    return text


def _content_key(catalog: polib.POFile) -> tuple:
    """What a catalog says, whatever tool laid it out (line wrapping aside)."""

    def flat(text: str | None) -> str:
        return "".join((text or "").split())

    entries = tuple(
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, tuple(sorted(e.msgstr_plural.items())), tuple(e.flags),
         flat(e.tcomment), flat(e.comment) if not e.obsolete else "", tuple(e.occurrences) if not e.obsolete else (),
         e.obsolete, e.previous_msgctxt, e.previous_msgid)
        for e in catalog
    )
    return flat(catalog.header), tuple(sorted(catalog.metadata.items())), tuple(catalog.metadata_is_fuzzy or ()), entries


def keep_date_if_unchanged(catalog: polib.POFile, date_field: str, old: polib.POFile) -> bool:
    """Give ``catalog`` the ``date_field`` of ``old`` when nothing else differs; True then.

    A re-run on unchanged input must not change a byte, the date included.
    """
    old_date = old.metadata.get(date_field)
    if not old_date:
        return False
    mine = catalog.metadata.get(date_field)
    catalog.metadata[date_field] = old_date
    if _content_key(old) == _content_key(catalog):
        return True
    catalog.metadata[date_field] = mine
    return False


def write_if_changed(
    path: Path, catalog: polib.POFile, date_field: str, stamp: str, on_disk: polib.POFile | None = None
) -> bool:
    """Write ``catalog`` unless only ``date_field`` would differ from the file on disk.

    Re-running on unchanged input must not change a byte, so the file is left
    alone when its content is the same (even if another tool, e.g. Poedit,
    laid it out differently) and the date is bumped only on a real change.
    ``on_disk`` is the file as the caller read it at the start of a run (read
    here if not given); if the file has changed since (a translator saved it in
    an editor while MT was running), it is left alone and the run stops, so
    their work is never replaced by a catalog built from the older version.
    """
    old = on_disk if on_disk is not None else (read_catalog(path) if path.exists() else None)
    if old is not None and keep_date_if_unchanged(catalog, date_field, old):
        return False
    if on_disk is not None and path.exists() and _content_key(read_catalog(path)) != _content_key(on_disk):
        raise PipelineError("changed on disk during this run (saved in an editor?); left as it is, run again", path)
    catalog.metadata[date_field] = stamp
    atomic_write(path, render(catalog))
    return True
