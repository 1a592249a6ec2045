"""File reads and writes every stage shares: text streamed a block at a time, never a half-written
file, never a translator's save replaced.

Every temporary file and staging directory made here is held under an exclusive
``flock`` by the process writing it, until it is renamed into place or removed; a
killed process loses its locks.  So "is this temporary file stale?" has an exact
answer -- nobody holds its lock -- and :func:`remove_stale_temporaries` /
:func:`remove_stale_staging` can run at any time, with or without the project lock.
"""
from __future__ import annotations

import codecs
import errno
import fcntl
import hashlib
import itertools
import logging
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from translate_pipeline.core.encoding import Encoding, conversion_hint, likely_encoding, wide
from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, os_error

# Notices about files kept aside (never an error): the CLI prints the package's warnings as one line each.
log = logging.getLogger(__name__)

# ``.<file name>.<8 random characters>.tmp``: what tempfile.mkstemp makes below (``.tmp.old``: a
# catalog moved aside by replace_unless_changed).
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


_UTF16_HEAD = 4096  # bytes looked at for UTF-16 without a BOM
_SAMPLE = 1 << 20  # bytes the likely encoding of a refused file is guessed from
_STRAY = 8  # bytes of a sample the configured encoding may fail on and the file still be in it


class TextLines:
    """The lines of a text file, read a block at a time: memory bounded by the longest line.

    Iterating (once) yields the lines of the file's text split at ``"\\n"``, without it;
    a line end is ``"\\r\\n"``, ``"\\r"`` or ``"\\n"`` (``universal``, the default) or
    ``"\\r\\n"`` and ``"\\n"`` only (``universal=False``: a lone ``"\\r"`` stays in the
    line).  As with :meth:`str.split`, the text after the last line end comes last (``""``
    when the file ends with one).  ``handle`` is the file opened in binary mode (the caller
    words a failed open); it is closed at the end.

    The text is UTF-8 (a leading BOM dropped; ``had_bom`` tells), else, with ``encoding``
    given (an article's ``[source] encoding``), text in that encoding: a file that is valid
    UTF-8 is read as UTF-8, so a half-converted archive reads too (deciding that takes a
    first pass over the file); UTF-16/UTF-32 as configured are read when the file looks
    like them or holds NUL bytes.  Raises PipelineError as a check of the whole file would:
    ``UTF-16 text …`` (a UTF-16 BOM, or the first 4 KiB look like UTF-16), else ``binary
    file (NUL byte) …`` for a NUL byte anywhere, else ``not UTF-8 text (byte 0x..)`` (or
    ``neither UTF-8 nor <encoding> text``), with the line of the first offending byte and
    the encoding the text most likely is in and the ``iconv`` command that converts it
    (:func:`~translate_pipeline.core.encoding.conversion_hint`; with ``encoding`` given,
    also the setting).  Such an error may come after lines were yielded: a consumer that
    stops on an error of its own calls :meth:`finish` first, so that the file's decoding
    error (which a whole-file read would have met first) is the one reported.  ``digest``
    (BLAKE2b) covers the bytes read so far; ``first_line_end`` is how the first line ended
    (``"\\r\\n"``, ``"\\n"``; None before it was read or for a file of one line).
    """

    def __init__(self, handle: BinaryIO, path: Path, *, encoding: str | None = None, universal: bool = True,
                 block_size: int = 1 << 18):
        self.path = path
        self.encoding = encoding
        # another encoding than UTF-8 is configured: a file that is not UTF-8 may be read in it
        self._other = encoding is not None and codecs.lookup(encoding).name != "utf-8"
        self.had_bom = False
        self.first_line_end: str | None = None  # "\r\n" or "\n" once the first line end was read
        self.digest = hashlib.blake2b(digest_size=16)
        self._handle = handle
        self._universal = universal
        self._block_size = block_size
        self._lines: Iterator[str] | None = None
        self._head: list[bytes] = []  # the first bytes, read to decide the encoding, as blocks

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
            blocks = self._blocks()
            codec = self._codec(next(blocks, b""))
            decoder = codecs.getincrementaldecoder(codec)("strict")
            binary = not wide(codec)  # a NUL byte is binary data, unless the text is UTF-16/32
            lines = _LineEnds(self._universal)  # line ends in the bytes before the current block
            carry, held = [], ""  # the current line's pieces; a "\r" whose "\n" may start the next block
            first = codec != "utf-8"  # a UTF-16/32 BOM is text to drop; UTF-8's was dropped as bytes
            yielded, nul = 0, 0  # lines yielded; the first holding U+0000 (UTF-16/32 text), reported at the end
            stream = itertools.chain(self._head, blocks)
            for block in itertools.chain(stream, [b""]):  # b"": the end
                if binary and b"\x00" in block:
                    raise self._binary(lines.line_at(block, block.index(b"\x00")))
                try:
                    text = decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    kept = len(exc.object) - len(block)  # bytes the decoder held from the blocks before
                    line = lines.line_at(block, exc.start - kept)
                    lines.add(block)
                    for more in stream:  # a NUL byte further on is what a whole-file read reports
                        if binary and b"\x00" in more:
                            raise self._binary(lines.line_at(more, more.index(b"\x00"))) from exc
                        lines.add(more)
                    raise self._undecodable(codec, exc.object[exc.start], line) from exc
                lines.add(block)
                if first and text:
                    text, first = text.removeprefix("\ufeff"), False
                text = held + text
                held = "\r" if block and text.endswith("\r") else ""
                text = text[:-1] if held else text
                if self.first_line_end is None and (at := text.find("\n")) >= 0:
                    self.first_line_end = "\r\n" if at and text[at - 1] == "\r" else "\n"
                text = text.replace("\r\n", "\n")
                pieces = (text.replace("\r", "\n") if self._universal else text).split("\n")
                carry.append(pieces[0])
                if len(pieces) > 1:
                    for line in ["".join(carry), *pieces[1:-1]]:
                        yielded += 1
                        nul = nul or (yielded if not binary and "\x00" in line else 0)
                        yield line
                    carry = [pieces[-1]]
            last = "".join(carry)
            nul = nul or (yielded + 1 if not binary and "\x00" in last else 0)
            yield last
            if nul:  # only now: a decoding error anywhere in the file comes first
                raise self._binary(nul, "NUL character")

    def _codec(self, head: bytes) -> str:
        """The codec the file is read with, from its first bytes (and a first pass over it, see the class)."""
        utf16 = _utf16(head)
        valid, nul = self._survey() if self._other else (True, False)
        if self._other and wide(self.encoding) and (utf16 or nul):
            self._head = self._split(head)
            return self.encoding
        if utf16 is not None:
            raise PipelineError(f"UTF-16 text, expected UTF-8: "
                                f"{conversion_hint(Encoding.of(utf16), self.path, self.encoding is not None, known=True)}",
                                self.path, 1)
        if self._other and not valid and not nul:
            self._head = self._split(head)
            return self.encoding
        self.had_bom = head.startswith(codecs.BOM_UTF8)
        self._head = self._split(head[len(codecs.BOM_UTF8):] if self.had_bom else head)
        return "utf-8"

    def _split(self, head: bytes) -> list[bytes]:
        return [head[i:i + self._block_size] for i in range(0, len(head), self._block_size)]

    def _survey(self) -> tuple[bool, bool]:
        """(whether the whole file is valid UTF-8, whether it holds a NUL byte); the file is read
        again from its start afterwards."""
        position = self._handle.tell()
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        valid, nul = True, False
        self._handle.seek(0)
        while True:
            block = self._plain_read(self._block_size)
            nul = nul or b"\x00" in block
            if valid:
                try:
                    decoder.decode(block, final=not block)
                except UnicodeDecodeError:
                    valid = False
            if not block or (nul and not valid):
                break
        self._handle.seek(position)
        return valid, nul

    def _binary(self, line: int, what: str = "NUL byte") -> PipelineError:
        expected = f"UTF-8 or {self.encoding}" if self._other else "UTF-8"
        return PipelineError(f"binary file ({what}), expected {expected} text", self.path, line)

    def _undecodable(self, codec: str, byte: int, line: int) -> PipelineError:
        """The error for a byte ``codec`` cannot decode: the encoding the file most likely is in and how to
        convert it -- or, for a file in the configured encoding but for a few bytes (a stray byte, e.g.
        0x98 in Windows-1251), that byte to fix: converting the whole file would garble it."""
        self._handle.seek(0)
        sample = self._plain_read(_SAMPLE)
        if codec == "utf-8":
            return PipelineError(f"not UTF-8 text (byte 0x{byte:02x}); "
                                 f"{conversion_hint(likely_encoding(sample), self.path, self.encoding is not None)}",
                                 self.path, line)
        stray = sample.decode(codec, errors="replace").count("\ufffd")
        if stray <= max(_STRAY, len(sample) // 1000):
            name = Encoding.of(codec).name
            return PipelineError(f"neither UTF-8 nor {codec} text (byte 0x{byte:02x}, which {name} has no character "
                                 f"for): a stray byte in a {name} file; fix or remove it", self.path, line)
        return PipelineError(f"neither UTF-8 nor {codec} text (byte 0x{byte:02x}); "
                             f"{conversion_hint(likely_encoding(sample), self.path, False)}", self.path, line)

    def _blocks(self) -> Iterator[bytes]:
        """The file's bytes: its first 4 KiB (what the encoding is decided from), then blocks."""
        yield self._raw(_UTF16_HEAD)
        while block := self._raw(self._block_size):
            yield block

    def _raw(self, size: int) -> bytes:
        block = self._plain_read(size)
        self.digest.update(block)
        return block

    def _plain_read(self, size: int) -> bytes:
        try:
            return self._handle.read(size)
        except OSError as exc:
            raise os_error("cannot read", exc, self.path) from exc


class _LineEnds:
    """Line ends counted in raw bytes as :class:`TextLines` splits lines: LF, CRLF, and with
    ``universal`` a lone CR too (a CRLF across two blocks is one line end)."""

    def __init__(self, universal: bool):
        self.universal = universal
        self.count = 0  # line ends in the blocks added so far
        self.tail = b""  # their last bytes: where a decoder holds an incomplete character

    def _in(self, data: bytes, after_cr: bool) -> int:
        ends = data.count(b"\n")
        if self.universal:
            ends += data.count(b"\r") - data.count(b"\r\n") - (after_cr and data.startswith(b"\n"))
        return ends

    def add(self, block: bytes) -> None:
        if block:
            self.count += self._in(block, self.tail.endswith(b"\r"))
            self.tail = (self.tail + block)[-8:]

    def line_at(self, block: bytes, offset: int) -> int:
        """The line of ``block[offset]``; ``offset`` < 0: of a byte of the blocks added before (a decoder
        holds at most 3), counted from their end."""
        if offset >= 0:
            return self.count + self._in(block[:offset], self.tail.endswith(b"\r")) + 1
        return self.count - self._in(self.tail[offset:], self.tail[offset - 1:offset] == b"\r") + 1


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec ``data`` is in, or None: a UTF-16 BOM, or (without one) a byte lane of high
    bytes: NUL for ASCII, one block for the rest.

    Text in one or two scripts has, in UTF-16, every other byte from a tiny
    set (0x00 for ASCII, 0x04 for Cyrillic); binary data with a NUL does not.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[: min(len(data), 4096) // 2 * 2]
    if b"\x00" not in head or len(head) < 8:
        return None
    for lane, encoding in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
        common = Counter(lane).most_common(2)
        if 0 in dict(common) and sum(n for _, n in common) >= 0.9 * len(lane):
            text = head.decode(encoding, errors="replace")
            if all(c.isprintable() or c in "\n\r\t" for c in text.rstrip("\ufffd")):
                return encoding
    return None


def _mkstemp(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def _hold(make: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """``make()``'s new file or directory (an open descriptor and its name), under this process's ``flock``.

    A cleaner may find it in the instant between its creation and the lock, take it for a
    killed run's and remove it; the link count tells, and a fresh one is made.
    """
    while True:
        fd, name = make()
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:
            return fd, name
        os.close(fd)


def _temporary(path: Path, data: str | bytes | Iterable[str]) -> tuple[int, str]:
    """The data (text, bytes, or text in pieces) in a synced temporary file next to ``path``, with ``path``'s permissions.

    Returns its descriptor, which holds the file's lock: close it once the file is in place or gone.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error("cannot create directory", exc, exc.filename or path.parent) from exc
    fd, tmp = -1, None
    try:
        fd, tmp = _hold(lambda: _mkstemp(path))
        with os.fdopen(os.dup(fd), "wb") as handle:
            for piece in [data] if isinstance(data, (str, bytes)) else data:
                handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        return fd, tmp
    except BaseException as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if fd >= 0:
            os.close(fd)
        if isinstance(exc, OSError):
            raise os_error("cannot write", exc, path) from exc
        raise


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temp file in the same directory and rename: never a half-written file.

    Text is written as UTF-8 with Unix line ends; bytes (MO files) as they are.
    A directory or file that cannot be written is a one-line error.  A process
    killed meanwhile leaves ``.<name>.<random>.tmp``, which
    :func:`remove_stale_temporaries` removes.
    """
    fd, tmp = _temporary(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise os_error("cannot write", exc, path) from exc
    finally:
        os.close(fd)


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """:func:`atomic_write` unless ``path`` already holds exactly these bytes; returns whether it wrote.

    A file left as it is keeps its mtime, so a re-run that changes nothing changes nothing on
    disk (a web server's ``Last-Modified``/ETag, ``rsync`` and backups see no change either).
    """
    new = data if isinstance(data, bytes) else data.encode("utf-8")
    try:
        if path.is_file() and path.stat().st_size == len(new) and path.read_bytes() == new:
            return False
    except OSError as exc:
        raise os_error("cannot read", exc, path) from exc
    atomic_write(path, new)
    return True


def replace_unless_changed(path: Path, data: str | bytes, unchanged: Callable[[Path | None], bool]) -> None:
    """Atomic write that never replaces a version of ``path`` the caller has not seen.

    A translator may save the file in an editor at any moment of a run.  The
    new content is first written and synced to a temporary file; then the file
    on disk is moved aside (one atomic rename, which also takes a save that
    lands this very moment) and ``unchanged(moved)`` is asked whether it is
    still the version the caller read (``unchanged(None)``: there was none).
    Only then is the temporary file linked into place, with ``link``, which
    fails instead of overwriting when an editor created the file again in the
    meantime.  If anything changed, the translator's version is put back (or,
    if an even newer save is already in place, kept next to it by :func:`keep_aside`)
    and PipelineError says so: nothing is replaced.
    A run killed between the two renames leaves the old file as
    ``.<name>.<random>.tmp.old``; :func:`remove_stale_temporaries` puts it back
    (or keeps it aside when a file has appeared at ``path`` since).
    """
    fd, tmp = _temporary(path, data)
    aside = Path(f"{tmp}.old")
    try:
        try:
            os.rename(path, aside)
            moved: Path | None = aside
        except FileNotFoundError:
            moved = None
        try:
            same = unchanged(moved)
        except BaseException:
            _put_back(moved, path)
            raise
        if not same:
            _put_back(moved, path)
            raise EnvironmentProblem("changed on disk during this run (saved in an editor?); left as it is, run again",
                                path)
        try:
            _link(tmp, path)
        except FileExistsError:
            if moved is not None:
                os.unlink(moved)  # older than the save now in place
            raise EnvironmentProblem("saved in an editor while this run wrote it; that save was kept, run again",
                                path) from None
        except BaseException:  # Ctrl-C, SIGTERM, a failed link: the old file back, not left aside
            if not os.path.lexists(path):
                _put_back(moved, path)
            raise
        if moved is not None:
            os.unlink(moved)
        _sync_directory(path.parent)
    except OSError as exc:
        raise os_error("cannot write", exc, path) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
        os.close(fd)


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
        kept = keep_aside(moved, path)
        raise PipelineError(f"changed on disk twice during this run; the earlier save is in {kept.name}",
                            path) from None


def keep_aside(old: Path, path: Path) -> Path:
    """Move ``old`` (an earlier version of ``path``) to ``<path>.kept-YYYYMMDD-HHMMSS`` beside it.

    The name ends in neither ``.po`` nor ``.pot``, so gettext tools and this
    project's catalog listing never read it as a catalog; a second one within the
    same second gets ``-2``, ``-3``, … (never replaced).
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        kept = path.with_name(f"{path.name}.kept-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            _link(old, kept)
        except FileExistsError:
            continue
        os.unlink(old)
        return kept
    raise PipelineError("too many kept versions beside it; move some away", path)


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


@contextmanager
def _if_abandoned(path: Path) -> Iterator[bool]:
    """Whether no live process holds ``path``'s lock (a file or a directory); the lock is held meanwhile."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # gone already, or not ours to open
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False  # its writer is alive
            return
        yield True
    finally:
        os.close(fd)


def remove_stale_temporaries(directory: Path, suffixes: Iterable[str] = (".po", ".pot", ".mo"),
                             recursive: bool = True) -> list[Path]:
    """Clean up after a process killed mid-write (``kill -9``, power cut) in ``directory``.

    Only this module's temporary names for files ending in ``suffixes`` are
    looked at (``.<name>.po.<8 characters>.tmp`` and its ``.old`` companion), so
    editors' and other tools' files stay, and only those no live process holds
    (see the module docstring): a write in progress -- a ``compile`` that does
    not take the project lock, another project's run -- is never disturbed.  A
    ``.old`` file is a catalog moved aside by :func:`replace_unless_changed`: if the
    catalog itself is missing (the run died between the two renames) it is put
    back; if a file has appeared there since (a ``git checkout``, a backup, an
    editor), the ``.old`` file may hold the newest work, so it is kept as
    ``<catalog>.kept-YYYYMMDD-HHMMSS`` (:func:`keep_aside`) and a notice says so;
    it is only deleted when its bytes are those of the catalog.  Returns the
    paths removed.
    """
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    suffixes = tuple(suffixes)
    for root, dirs, files in os.walk(directory):
        if not recursive:
            dirs.clear()
        for name in sorted(files):
            path = Path(root) / name
            old = name.endswith(".tmp.old")
            found = _TEMPORARY.match(name[: -len(".old")] if old else name)
            if not found or not found.group("name").endswith(suffixes):
                continue
            if old:
                with _if_abandoned(path.with_name(name[: -len(".old")])) as writer_gone:
                    writer_gone = writer_gone or not path.with_name(name[: -len(".old")]).exists()
                    if writer_gone and _restore(path, path.with_name(found.group("name"))):
                        removed.append(path)
                continue
            with _if_abandoned(path) as abandoned:
                if abandoned:
                    path.unlink()
                    removed.append(path)
    return removed


def _restore(old: Path, target: Path) -> bool:
    """A catalog a killed run moved aside: back in place, deleted if ``target`` has its bytes, or kept aside.

    Returns whether ``old`` was deleted.
    """
    try:
        _link(old, target)
        os.unlink(old)
        return False
    except FileExistsError:
        pass
    if _same_bytes(old, target):
        os.unlink(old)
        return True
    kept = keep_aside(old, target)
    log.warning("%s: a run killed while writing it had moved this file aside, and another file was put in its "
                "place since; the moved file is kept beside it as %s (compare, merge what you need, then delete it)",
                target, kept.name)
    return False


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as one, b.open("rb") as two:
        while True:
            block = one.read(1 << 20)
            if block != two.read(1 << 20):
                return False
            if not block:
                return True


def staging_directory(parent: Path, prefix: str) -> tuple[int, Path]:
    """A new directory ``<parent>/<prefix>XXXXXXXX`` held by this process (see the module docstring).

    Returns the descriptor that holds it and its path; the caller removes the
    directory (or renames what it built out of it) and closes the descriptor.  One a
    killed process left is removed by :func:`remove_stale_staging`.
    """
    def make() -> tuple[int, str]:
        name = tempfile.mkdtemp(prefix=prefix, dir=parent)
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY), name

    fd, name = _hold(make)
    return fd, Path(name)


@contextmanager
def staged(parent: Path, prefix: str) -> Iterator[Path]:
    """:func:`staging_directory` as a context: removed with everything left in it at the end."""
    fd, path = staging_directory(parent, prefix)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def remove_stale_staging(parent: Path, prefixes: Iterable[str]) -> list[Path]:
    """Remove the staging directories (and files) named ``<prefix>…`` in ``parent`` that no live process holds.

    A ``kill -9`` during ``models install`` or ``models add`` leaves one, up to the
    size of a model; the next command that works in ``parent`` calls this.
    """
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    prefixes = tuple(prefixes)
    for path in sorted(parent.iterdir()):
        if not path.name.startswith(prefixes):
            continue
        with _if_abandoned(path) as abandoned:
            if abandoned:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
    return removed
