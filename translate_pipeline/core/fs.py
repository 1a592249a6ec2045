"""File reads and writes every stage shares: text streamed a block at a time, never a half-written file, never a translator's save replaced."""
from __future__ import annotations

import codecs
import errno
import hashlib
import itertools
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from translate_pipeline.core.errors import PipelineError

# ``.<catalog>.<8 random characters>.tmp``: what tempfile.mkstemp makes below for a PO or POT file.
# (MO files are written by ``compile``, which does not hold the project lock: never touched.)
_TEMPORARY = re.compile(r"^\..+\.(?:po|pot)\.[a-z0-9_]{8}\.tmp$")
_UTF16_HEAD = 4096  # bytes looked at for UTF-16 without a BOM


class TextLines:
    """The lines of a UTF-8 text file, read a block at a time: memory bounded by the longest line.

    Iterating (once) yields the lines of the file's text (UTF-8, a leading BOM
    dropped) split at ``"\\n"``, without it; a line end is ``"\\r\\n"``, ``"\\r"`` or ``"\\n"`` (``universal``, the
    default) or ``"\\r\\n"`` and ``"\\n"`` only (``universal=False``: a lone ``"\\r"``
    stays in the line).  As with :meth:`str.split`, the text after the last line end
    comes last (``""`` when the file ends with one).  ``handle`` is the file opened in
    binary mode (the caller words a failed open); it is closed at the end.

    Raises PipelineError for text that is not UTF-8, as a check of the whole file
    would: ``UTF-16 text …`` (a UTF-16 BOM, or the first 4 KiB look like UTF-16),
    else ``binary file (NUL byte) …`` for a NUL byte anywhere, else ``not UTF-8
    text (byte 0x..)``; the line is that of the first offending byte.  Such
    an error may come after lines were yielded: a consumer that stops on an error of
    its own calls :meth:`finish` first, so that the file's decoding error (which a
    whole-file read would have met first) is the one reported.  ``had_bom`` tells
    whether a UTF-8 BOM was dropped; ``digest`` (BLAKE2b) covers the bytes read so far.
    """

    def __init__(self, handle: BinaryIO, path: Path, *, universal: bool = True, block_size: int = 1 << 18):
        self.path = path
        self.had_bom = False
        self.digest = hashlib.blake2b(digest_size=16)
        self._handle = handle
        self._universal = universal
        self._block_size = block_size
        self._lines: Iterator[str] | None = None

    def __iter__(self) -> Iterator[str]:
        if self._lines is not None:
            raise RuntimeError("TextLines can be iterated once")
        self._lines = self._read()
        return self._lines

    def finish(self) -> None:
        """Read the rest of the file (lines unseen): raises its decoding error, if any."""
        for _ in self._lines if self._lines is not None else iter(self):
            pass

    def _read(self) -> Iterator[str]:
        with self._handle:
            decoder = codecs.getincrementaldecoder("utf-8")("strict")
            newlines = 0  # line ends before the current block: where an offending byte is
            carry, held = [], ""  # the current line's pieces; a "\r" whose "\n" may start the next block
            blocks = self._blocks()
            for block in itertools.chain(blocks, [b""]):  # b"": the end
                if b"\x00" in block:
                    raise _binary(self.path, newlines + block[: block.index(b"\x00")].count(b"\n") + 1)
                try:
                    text = decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    at = exc.start - (len(exc.object) - len(block))  # < 0: in bytes held from the last block
                    error = _not_utf8(self.path, exc.object[exc.start], newlines + block[: max(at, 0)].count(b"\n") + 1)
                    newlines += block.count(b"\n")
                    for more in blocks:  # a NUL byte further on is what a whole-file read reports
                        if b"\x00" in more:
                            error = _binary(self.path, newlines + more[: more.index(b"\x00")].count(b"\n") + 1)
                            break
                        newlines += more.count(b"\n")
                    raise error from exc
                newlines += block.count(b"\n")
                text = held + text
                held = "\r" if block and text.endswith("\r") else ""
                text = text[:-1] if held else text
                text = text.replace("\r\n", "\n")
                pieces = (text.replace("\r", "\n") if self._universal else text).split("\n")
                carry.append(pieces[0])
                if len(pieces) > 1:
                    yield "".join(carry)
                    yield from pieces[1:-1]
                    carry = [pieces[-1]]
            yield "".join(carry)

    def _blocks(self) -> Iterator[bytes]:
        """The file's bytes in blocks, a UTF-8 BOM dropped, after the UTF-16 check of its head."""
        head = self._raw(_UTF16_HEAD)
        if _is_utf16(head):
            raise _utf16(self.path)
        self.had_bom = head.startswith(codecs.BOM_UTF8)
        head = head[len(codecs.BOM_UTF8):] if self.had_bom else head
        yield from (head[i:i + self._block_size] for i in range(0, len(head), self._block_size))
        while block := self._raw(self._block_size):
            yield block

    def _raw(self, size: int) -> bytes:
        try:
            block = self._handle.read(size)
        except OSError as exc:
            raise PipelineError(f"cannot read: {exc.strerror}", self.path) from exc
        self.digest.update(block)
        return block


def _not_utf8(path: Path, byte: int, line: int) -> PipelineError:
    return PipelineError(f"not UTF-8 text (byte 0x{byte:02x})", path, line)


def _binary(path: Path, line: int) -> PipelineError:
    return PipelineError("binary file (NUL byte), expected UTF-8 text", path, line)


def _utf16(path: Path) -> PipelineError:
    return PipelineError("UTF-16 text; save it as UTF-8", path, 1)


def _is_utf16(data: bytes) -> bool:
    """A UTF-16 BOM, or (without one) a byte lane of high bytes: NUL for ASCII, one block for the rest.

    Text in one or two scripts has, in UTF-16, every other byte from a tiny
    set (0x00 for ASCII, 0x04 for Cyrillic); binary data with a NUL does not.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    head = data[: min(len(data), _UTF16_HEAD) // 2 * 2]
    if b"\x00" not in head or len(head) < 8:
        return False
    for lane, encoding in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
        common = Counter(lane).most_common(2)
        if 0 in dict(common) and sum(n for _, n in common) >= 0.9 * len(lane):
            text = head.decode(encoding, errors="replace")
            if all(c.isprintable() or c in "\n\r\t" for c in text.rstrip("\ufffd")):
                return True
    return False


def _mkstemp(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def _temporary(path: Path, data: str | bytes | Iterable[str]) -> str:
    """The data (text, bytes, or text in pieces) in a synced temporary file next to ``path``, with ``path``'s permissions."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PipelineError(f"cannot create directory: {exc.strerror}", exc.filename or path.parent) from exc
    tmp = None
    try:
        fd, tmp = _mkstemp(path)
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, (str, bytes)) else data:
                handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        return tmp
    except BaseException as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise PipelineError(f"cannot write: {exc.strerror}", path) from exc
        raise


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temp file in the same directory and rename: never a half-written file.

    Text is written as UTF-8 with Unix line ends; bytes (MO files) as they are.
    A directory or file that cannot be written is a one-line error.
    """
    tmp = _temporary(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise PipelineError(f"cannot write: {exc.strerror}", path) from exc


def replace_unless_changed(path: Path, data: str | bytes | Iterable[str], unchanged: Callable[[Path | None], bool]) -> None:
    """Atomic write that never replaces a version of ``path`` the caller has not seen.

    A translator may save the file in an editor at any moment of a run.  The
    new content is first written and synced to a temporary file; then the file
    on disk is moved aside (one atomic rename, which also takes a save that
    lands this very moment) and ``unchanged(moved)`` is asked whether it is
    still the version the caller read (``unchanged(None)``: there was none).
    Only then is the temporary file linked into place, with ``link``, which
    fails instead of overwriting when an editor created the file again in the
    meantime.  If anything changed, the translator's version is put back (or,
    if an even newer save is already in place, left next to it as
    ``<name>.<pid>.kept``) and PipelineError says so: nothing is replaced.
    A run killed between the two renames leaves the old file as
    ``.<name>.<random>.tmp.old``; :func:`remove_stale_temporaries` puts it back.
    """
    tmp = _temporary(path, data)
    aside = Path(f"{tmp}.old")
    try:
        try:
            os.rename(path, aside)
            moved: Path | None = aside
        except FileNotFoundError:
            moved = None
        if not unchanged(moved):
            _put_back(moved, path)
            raise PipelineError("changed on disk during this run (saved in an editor?); left as it is, run again",
                                path)
        try:
            _link(tmp, path)
        except FileExistsError:
            if moved is not None:
                os.unlink(moved)  # older than the save now in place
            raise PipelineError("saved in an editor while this run wrote it; that save was kept, run again",
                                path) from None
        if moved is not None:
            os.unlink(moved)
        _sync_directory(path.parent)
    except OSError as exc:
        raise PipelineError(f"cannot write: {exc.strerror}", path) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _link(source: str | Path, target: Path) -> None:
    """``source`` also at ``target``; FileExistsError instead of replacing a file there.

    On a file system without hard links (FAT, some network shares) the
    rename falls back to a check and a rename, which leaves a tiny window.
    """
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK) or os.path.lexists(target):
            raise
        os.rename(source, target)


def _put_back(moved: Path | None, path: Path) -> None:
    """The translator's file back in place, never over a newer save."""
    if moved is None:
        return
    try:
        _link(moved, path)
        if moved.exists():
            os.unlink(moved)
    except FileExistsError:
        kept = path.with_name(f"{path.name}.{os.getpid()}.kept")
        os.replace(moved, kept)
        raise PipelineError(f"changed on disk twice during this run; the earlier save is in {kept.name}",
                            path) from None


def _sync_directory(directory: Path) -> None:
    """The rename itself survives a power cut (POSIX needs the directory synced)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Clean up after a run killed mid-write (``kill -9``, power cut) under ``directory``.

    Only this module's names for catalogs are touched (``.<name>.po.<8 characters>.tmp``,
    ``.pot`` likewise, and their ``.old`` companions), so editors' and other tools' files stay.  A
    ``.old`` file is a catalog moved aside by :func:`replace_unless_changed`:
    if the catalog itself is missing (the run died between the two renames) it
    is put back, never deleted.  Call it under the project lock.  Returns the
    paths removed.
    """
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for root, _dirs, files in os.walk(directory):
        for name in sorted(files):
            path = Path(root) / name
            if name.endswith(".tmp.old") and _TEMPORARY.match(name[: -len(".old")]):
                target = path.with_name(name[1:].rsplit(".", 3)[0])
                if not target.exists():
                    os.rename(path, target)
                    continue
            elif not _TEMPORARY.match(name):
                continue
            path.unlink()
            removed.append(path)
    return removed
