"""Argos Translate packages on disk: list, validate, install, remove.

Packages live where Argos itself keeps them (``ARGOS_PACKAGES_DIR`` or its
settings.json, else ``$XDG_DATA_HOME/argos-translate/packages``), so models
installed with ``argospm`` are found and vice versa.  ``argostranslate.package``
reads the metadata format; its ``install_from_path`` is not used because it
extracts any zip blindly (and imports ``argostranslate.translate``, which pulls
torch/stanza) -- an ``.argosmodel`` is untrusted input and is checked first.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import remove_stale_staging, staged
from translate_pipeline.core.langs import Tag

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
# Deflate shrinks real model weights ~1.1-3x and text ~10x; a zip bomb expands 100-1000x.  Members
# that compress more than MAX_COMPRESSION_RATIO may expand to MAX_COMPRESSIBLE_BYTES in all (tiny
# or sparse test models do), so an archive cannot inflate to gigabytes from a megabyte download.
MAX_COMPRESSION_RATIO = 100
MAX_COMPRESSIBLE_BYTES = 64 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature …, file name length, extra field length (APPNOTE 4.3.7)


def expansion_limit(archive_bytes: int) -> int:
    """The most an honest archive of ``archive_bytes`` unpacks to, as a whole.

    Each compressed byte expands at most :data:`MAX_COMPRESSION_RATIO` times, except
    :data:`MAX_COMPRESSIBLE_BYTES` in all of highly compressible data.  An archive past
    this either reuses its compressed bytes (zip members whose data overlap: one
    deflate stream unpacked once per member) or is a bomb of another kind.
    """
    return MAX_COMPRESSION_RATIO * archive_bytes + MAX_COMPRESSIBLE_BYTES
# Hidden work directories and files in the package directory (``list_packages`` skips dot names).
STAGING_PREFIXES = (".installing-", ".downloading-")


@dataclass(frozen=True)
class InstalledPackage:
    """One installed Argos translation package."""

    name: str  # directory name, e.g. ``translate-ru_en-1_9``
    source: str
    target: str
    version: str
    path: Path
    size: int  # bytes on disk
    tokenizer: Path
    target_prefix: str = ""  # may name the target: "__{to_code}__" (multilingual packages)
    pairs: tuple[tuple[str, str], ...] = ()  # every pair served: from_codes × to_codes (one pair usually)

    @property
    def pair(self) -> str:
        return ", ".join(f"{s}→{t}" for s, t in self.pairs) if len(self.pairs) > 1 else f"{self.source}→{self.target}"

    def serves(self, source: str, target: str) -> bool:
        return (source, target) == (self.source, self.target) or (source, target) in self.pairs

    def prefix_for(self, target: str) -> str:
        """The target prefix token for ``target`` (``{to_code}`` in metadata's target_prefix is filled in)."""
        return self.target_prefix.replace("{to_code}", target)

    @property
    def tokenizer_kind(self) -> str:
        return "sentencepiece" if self.tokenizer.name == "sentencepiece.model" else "bpe"


def default_packages_dir() -> Path:
    """Argos' package directory, honouring its env vars and settings.json at call time."""
    from argostranslate import settings

    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=data_home / "argos-translate" / "packages"))


def packages_dir(mt_settings=None) -> Path:
    configured = getattr(mt_settings, "packages_dir", None)
    return Path(configured) if configured else default_packages_dir()


def read_package(path: Path) -> InstalledPackage:
    """Parse an installed package directory; PipelineError when it is not one."""
    from argostranslate.package import Package

    if not (path / "metadata.json").is_file():
        raise PipelineError("not an Argos package: no metadata.json", path)
    try:
        package = Package(path)
    except (OSError, ValueError, RecursionError) as exc:  # json.JSONDecodeError is a ValueError
        raise PipelineError(f"unreadable metadata.json ({exc})", path / "metadata.json") from exc
    from_codes = list(package.from_codes or []) or ([package.from_code] if package.from_code else [])
    to_codes = list(package.to_codes or []) or ([package.to_code] if package.to_code else [])
    if not from_codes or not to_codes:
        raise PipelineError("metadata.json lacks from_code/to_code (or from_codes/to_codes)", path / "metadata.json")
    tokenizer = next((path / f for f in TOKENIZER_FILES if (path / f).is_file()), None)
    if tokenizer is None or not (path / "model" / "model.bin").is_file():
        raise PipelineError("incomplete package: needs model/model.bin and sentencepiece.model or bpe.model", path)
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return InstalledPackage(
        name=path.name, source=package.from_code or from_codes[0], target=package.to_code or to_codes[0],
        version=package.package_version or "", path=path, size=size, tokenizer=tokenizer,
        target_prefix=package.target_prefix or "",
        pairs=tuple((f, t) for f in from_codes for t in to_codes if f != t),
    )


def list_packages(directory: Path) -> tuple[list[InstalledPackage], list[PipelineError]]:
    """Installed translation packages, plus one problem per broken directory (listing never dies).

    Staging a killed ``models install`` left there is removed first (every command that
    looks for a model comes here), unless a live process holds it.
    """
    found: list[InstalledPackage] = []
    problems: list[PipelineError] = []
    if not directory.is_dir():
        return found, problems
    try:
        remove_stale_staging(directory, STAGING_PREFIXES)
    except OSError:
        pass  # a read-only package directory (a shared install): nothing of ours can be there
    for child in sorted(directory.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            meta = json.loads((child / "metadata.json").read_text(encoding="utf-8"))
            if isinstance(meta, dict) and meta.get("type", "translate") != "translate":
                continue  # sentence-boundary and other non-translation packages
        except (OSError, ValueError, RecursionError):
            pass  # read_package reports it
        try:
            found.append(read_package(child))
        except PipelineError as exc:
            problems.append(exc)
    return found, problems


def find_package(directory: Path, source: str, target: str) -> InstalledPackage | None:
    """The installed package for a pair (the highest version if several)."""
    matches = [p for p in list_packages(directory)[0] if p.serves(source, target)]
    return max(matches, key=lambda p: version_key(p.version), default=None)


def version_key(version: str) -> tuple:
    """Sort key for versions like ``1.9`` < ``1.10``."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


@dataclass(frozen=True)
class ArchiveInfo:
    root: str
    source: str
    target: str
    version: str
    uncompressed: int


def validate_archive(path: Path, max_bytes: int = 4 << 30) -> ArchiveInfo:
    """Check an ``.argosmodel`` before anything is written to disk.

    Rejects: non-zips and corrupt members, absolute or ``..`` paths, links,
    files outside one top-level directory or in a hidden one (``.x``, which
    ``models list`` would never show), absurd uncompressed sizes or
    compression ratios (a zip bomb: more than :data:`MAX_COMPRESSIBLE_BYTES`
    in members that compress over :data:`MAX_COMPRESSION_RATIO` times; members
    whose compressed data overlap; a total past :func:`expansion_limit`), missing ``metadata.json`` / ``model/model.bin``
    / tokenizer, and language codes Babel does not know.
    """
    path = Path(path)
    if not path.is_file():
        raise PipelineError("no such package file", path)
    if not zipfile.is_zipfile(path):
        raise PipelineError("not a valid zip archive (an .argosmodel is a zip; truncated download?)", path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            roots = set()
            total = inflating = 0
            for info in infos:
                name = info.filename
                parts = PurePosixPath(name.replace("\\", "/")).parts
                if name.startswith(("/", "\\")) or (parts and ":" in parts[0]) or ".." in parts:
                    raise PipelineError(f"unsafe path {name!r} in archive (zip-slip)", path)
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise PipelineError(f"symbolic link {name!r} in archive", path)
                if len(parts) == 1 and not info.is_dir():
                    raise PipelineError(f"file {name!r} at the archive root; an Argos package keeps "
                                        "everything in one top-level directory", path)
                if parts:
                    roots.add(parts[0])
                total += info.file_size
                if info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                    inflating += info.file_size
                    if inflating > MAX_COMPRESSIBLE_BYTES:
                        raise PipelineError(
                            f"{name!r} expands {info.file_size // max(info.compress_size, 1)}x: members with a "
                            f"compression ratio over {MAX_COMPRESSION_RATIO} exceed {MAX_COMPRESSIBLE_BYTES >> 20} MiB "
                            "(a zip bomb?)", path)
                if total > max_bytes:
                    raise PipelineError(f"uncompressed size exceeds {max_bytes >> 20} MiB "
                                        "(raise [mt] max_package_mb if this is a real model)", path)
            _check_whole(zf, infos, path, total)
            if len(roots) != 1:
                raise PipelineError(f"expected one top-level directory, found {len(roots)}", path)
            root = roots.pop()
            if root.startswith("."):
                raise PipelineError(f"top-level directory {root!r} starts with '.' (a hidden package)", path)
            names = {info.filename.rstrip("/") for info in infos}
            if f"{root}/metadata.json" not in names:
                raise PipelineError(f"missing {root}/metadata.json", path)
            if f"{root}/model/model.bin" not in names:
                raise PipelineError(f"missing {root}/model/model.bin (the CTranslate2 model)", path)
            if not any(f"{root}/{t}" in names for t in TOKENIZER_FILES):
                raise PipelineError(f"missing {root}/sentencepiece.model or bpe.model", path)
            try:
                meta = json.loads(zf.read(f"{root}/metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                raise PipelineError(f"invalid {root}/metadata.json ({exc})", path) from exc
            def codes(one: str, many: str) -> list:
                value = meta.get(many) or ([meta.get(one)] if meta.get(one) else [])
                return value if isinstance(value, list) and all(isinstance(v, str) and v for v in value) else []

            if not isinstance(meta, dict) or not codes("from_code", "from_codes") or not codes("to_code", "to_codes"):
                raise PipelineError(f"{root}/metadata.json needs from_code and to_code (or from_codes and to_codes)",
                                    path)
            if meta.get("type", "translate") != "translate":
                raise PipelineError(f"not a translation package (type {meta.get('type')!r})", path)
            for field in ("from_code", "to_code"):
                try:
                    Tag.parse(meta[field])
                except PipelineError as exc:
                    raise PipelineError(f"{root}/metadata.json {field}: {exc.message}", path) from exc
            bad = zf.testzip()
            if bad is not None:
                raise PipelineError(f"corrupt archive member {bad!r} (CRC mismatch)", path)
    except (zipfile.BadZipFile, zlib.error) as exc:
        raise PipelineError(f"corrupt archive ({exc})", path) from exc
    except (OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise PipelineError(f"unreadable archive ({exc})", path) from exc
    return ArchiveInfo(root, meta.get("from_code") or codes("from_code", "from_codes")[0],
                       meta.get("to_code") or codes("to_code", "to_codes")[0], str(meta.get("package_version", "")), total)


def _check_whole(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: Path, total: int) -> None:
    """The archive as a whole: members' data ranges must not overlap, the total must fit :func:`expansion_limit`.

    Python's zipfile reads each member from its central-directory offset and never
    notices two members sharing bytes; a 2 MB archive of 16 members pointing into one
    64 MiB deflate stream passes every per-member check and unpacks to 1 GiB.
    """
    size = path.stat().st_size
    ranges = []
    for info in infos:
        zf.fp.seek(info.header_offset)
        header = zf.fp.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise PipelineError(f"corrupt archive (no local header for {info.filename!r})", path)
        _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        end = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length + info.compress_size
        if end > size:
            raise PipelineError(f"corrupt archive ({info.filename!r} ends past the end of the file)", path)
        ranges.append((info.header_offset, end, info.filename))
    if total > expansion_limit(size):
        raise PipelineError(f"unpacks to {total / 2**20:.1f} MiB from {size / 2**20:.1f} MiB, more than "
                            f"{MAX_COMPRESSION_RATIO}x plus {MAX_COMPRESSIBLE_BYTES / 2**20:g} MiB (a zip bomb?)", path)
    ranges.sort()
    for (_, end, first), (start, _, second) in zip(ranges, ranges[1:]):
        if start < end:
            raise PipelineError(f"members {first!r} and {second!r} share their compressed data (a zip bomb?)", path)


def install_archive(path: Path, directory: Path, max_bytes: int = 4 << 30) -> InstalledPackage:
    """Validate then install; an installed package for the same pair is replaced.

    Nothing else is ever deleted: an archive whose directory name is that of
    a package for another pair, or of a directory that is no translation
    package, is refused.  The archive is unpacked into a hidden staging
    directory first; ones a killed install left (``.installing-*``, a download's
    ``.downloading-*``) are removed here, unless a live process holds them.
    """
    info = validate_archive(Path(path), max_bytes)
    directory.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(directory, STAGING_PREFIXES)
    with staged(directory, ".installing-") as staging:
        return _install(Path(path), directory, info, staging)


def _install(path: Path, directory: Path, info: ArchiveInfo, staging: Path) -> InstalledPackage:
    try:
        with zipfile.ZipFile(path) as zf:
            for member in zf.infolist():
                target = staging.joinpath(*PurePosixPath(member.filename).parts)
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        installed = read_package(staging / info.root)
        packages = list_packages(directory)[0]
        for old in packages:
            if old.name == info.root and (old.source, old.target) != (installed.source, installed.target):
                raise PipelineError(f"its directory {info.root!r} is the installed package for {old.pair}, "
                                    f"not {installed.pair}; remove that package first", path)
        if (directory / info.root).exists() and info.root not in {p.name for p in packages}:
            raise PipelineError(f"{directory / info.root} exists and is no translation package; move it aside", path)
        for old in packages:
            if (old.source, old.target) == (installed.source, installed.target) or old.name == info.root:
                shutil.rmtree(old.path)
        destination = directory / info.root
        (staging / info.root).rename(destination)
    except zipfile.BadZipFile as exc:
        raise PipelineError(f"corrupt archive ({exc})", path) from exc
    return read_package(destination)


def remove_package(directory: Path, source: str, target: str) -> InstalledPackage:
    package = find_package(directory, source, target)
    if package is None:
        raise PipelineError(f"no installed package for {source}→{target} in {directory}")
    if directory.resolve() not in package.path.resolve().parents:
        raise PipelineError("refusing to remove a package outside the package directory", package.path)
    shutil.rmtree(package.path)
    return package
