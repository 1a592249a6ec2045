"""Text that is not UTF-8: which encoding it most likely is, and the command that converts it.

Russian and Kazakh news archives are often Windows-1251, KOI8-R or UTF-16 (what Windows
calls "Unicode").  The pipeline reads UTF-8 (and, with ``[source] encoding``, one other
encoding for articles); anything else is refused with one line that names the likely
encoding, found by charset-normalizer (the detector ``requests`` uses) among the encodings
such archives come in, and the exact ``iconv`` command that converts the file.
"""
from __future__ import annotations

import codecs
import shlex
from dataclasses import dataclass
from pathlib import Path

# Python codec → (its usual name, iconv's name): the encodings Cyrillic text is found in, tried in this order.
_KNOWN = {
    "cp1251": ("Windows-1251", "WINDOWS-1251"),
    "koi8_r": ("KOI8-R", "KOI8-R"),
    "koi8_u": ("KOI8-U", "KOI8-U"),
    "cp866": ("DOS Cyrillic (CP866)", "CP866"),
    "mac_cyrillic": ("Mac Cyrillic", "MAC-CYRILLIC"),
    "iso8859_5": ("ISO-8859-5", "ISO-8859-5"),
    "kz1048": ("Kazakh Windows (KZ-1048)", "RK1048"),
    "utf_16": ("UTF-16", "UTF-16"),
    "utf_16_le": ("UTF-16LE", "UTF-16LE"),
    "utf_16_be": ("UTF-16BE", "UTF-16BE"),
    "utf_32": ("UTF-32", "UTF-32"),
    "cp1252": ("Windows-1252", "WINDOWS-1252"),
}
_DETECTED = ["cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5", "utf_16", "utf_32", "cp1252"]


@dataclass(frozen=True)
class Encoding:
    codec: str  # Python's codec name, as ``[source] encoding`` takes it
    name: str  # what people call it
    iconv: str  # the name GNU iconv knows

    @classmethod
    def of(cls, codec: str) -> Encoding:
        codec = codecs.lookup(codec).name.replace("-", "_")
        name, iconv = _KNOWN.get(codec, (codec.upper(), codec.upper().replace("_", "-")))
        return cls(codec, name, iconv)


def likely_encoding(data: bytes) -> Encoding | None:
    """The encoding ``data`` is most likely in (charset-normalizer, among Cyrillic encodings,
    UTF-16/32 and Windows-1252), or None when none fits."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1 << 20], cp_isolation=_DETECTED).best()
    return Encoding.of(best.encoding) if best is not None else None


def wide(codec: str) -> bool:
    """Whether ``codec`` is UTF-16 or UTF-32 (text with NUL bytes)."""
    return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def conversion_hint(encoding: Encoding | None, path: Path, setting: bool, known: bool = False) -> str:
    """What to do about a file in ``encoding``: the ``iconv`` command that rewrites it as UTF-8 in
    place (through a temporary file), and with ``setting`` the ``[source] encoding`` that reads it as it is.
    ``known``: the encoding is certain (the caller said which), so it is not called a guess."""
    if encoding is None:
        return "convert it to UTF-8"
    file, temporary = shlex.quote(str(path)), shlex.quote(f"{path}.utf8")
    command = f"iconv -f {encoding.iconv} -t UTF-8 {file} > {temporary} && mv {temporary} {file}"
    hint = f"convert it with {command}" if known else f"it looks like {encoding.name}: convert it with {command}"
    if setting:
        hint += f' (or read such files as they are: [source] encoding = "{encoding.codec}")'
    return hint


def is_text_encoding(codec: str) -> bool:
    """Whether ``codec`` names a text encoding Python can decode (not ``rot13``, ``zlib``, …)."""
    try:
        "".encode(codec)  # a bytes-to-bytes or rot13 codec raises LookupError here too
    except LookupError:
        return False
    return True
