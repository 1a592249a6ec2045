"""Package management against real (tiny) .argosmodel files."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.mt.packages import (
    default_packages_dir,
    install_archive,
    list_packages,
    remove_package,
    validate_archive,
)


def _rezip(source: Path, dest: Path, rename=lambda name: name, drop=(), extra=()) -> Path:
    """Copy an archive, renaming/dropping members and adding (name, bytes) pairs."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if any(info.filename.endswith(d) for d in drop):
                continue
            out.writestr(rename(info.filename), src.read(info.filename))
        for name, data in extra:
            out.writestr(name, data)
    return dest


def test_packages_dir_follows_argos_env(argos_dir):
    assert default_packages_dir() == argos_dir


def test_install_then_list(copy_packages, argos_dir):
    installed = install_archive(copy_packages["ru_en"], argos_dir)
    assert (installed.source, installed.target, installed.version) == ("ru", "en", "1.9")
    assert installed.path == argos_dir / "translate-ru_en-copy"
    assert installed.tokenizer.name == "sentencepiece.model"
    packages, problems = list_packages(argos_dir)
    assert [p.pair for p in packages] == ["ru→en"] and not problems
    assert packages[0].size == sum(f.stat().st_size for f in installed.path.rglob("*") if f.is_file())
    assert not [p for p in argos_dir.iterdir() if p.name.startswith(".installing")]


def test_install_replaces_same_pair(copy_packages, argos_dir):
    install_archive(copy_packages["ru_en"], argos_dir)
    install_archive(copy_packages["ru_en_prefix"], argos_dir)
    packages, _ = list_packages(argos_dir)
    assert [(p.pair, p.version, p.name) for p in packages] == [("ru→en", "2.0", "translate-ru_en-prefixed")]


def test_remove(copy_packages, argos_dir):
    install_archive(copy_packages["en_kk"], argos_dir)
    removed = remove_package(argos_dir, "en", "kk")
    assert not removed.path.exists()
    with pytest.raises(PipelineError, match="no installed package for en→kk"):
        remove_package(argos_dir, "en", "kk")


def test_listing_survives_a_broken_package_dir(copy_packages, argos_dir):
    install_archive(copy_packages["ru_en"], argos_dir)
    (argos_dir / "junk").mkdir()  # what argostranslate leaves after installing a rootless zip
    packages, problems = list_packages(argos_dir)
    assert [p.pair for p in packages] == ["ru→en"]
    assert len(problems) == 1 and "no metadata.json" in str(problems[0])


@pytest.mark.parametrize("case, message", [
    ("zip_slip", "zip-slip"),
    ("absolute", "zip-slip"),
    ("rootless", "at the archive root"),
    ("no_metadata", "missing translate-ru_en-copy/metadata.json"),
    ("no_model", "missing translate-ru_en-copy/model/model.bin"),
    ("no_tokenizer", "sentencepiece.model or bpe.model"),
    ("two_roots", "one top-level directory"),
    ("bad_metadata", "invalid translate-ru_en-copy/metadata.json"),
    ("no_codes", "needs from_code and to_code"),
    ("not_zip", "not a valid zip archive"),
    ("truncated", "not a valid zip archive"),
    ("crc", "corrupt"),
])
def test_bad_archives_are_rejected_before_install(copy_packages, argos_dir, tmp_path, case, message):
    good = copy_packages["ru_en"]
    bad = tmp_path / f"{case}.argosmodel"
    if case == "zip_slip":
        _rezip(good, bad, extra=[("translate-ru_en-copy/../../evil.txt", b"x")])
    elif case == "absolute":
        _rezip(good, bad, extra=[("/tmp/evil.txt", b"x")])
    elif case == "rootless":
        _rezip(good, bad, rename=lambda n: n.split("/", 1)[1])
    elif case == "no_metadata":
        _rezip(good, bad, drop=("metadata.json",))
    elif case == "no_model":
        _rezip(good, bad, drop=("model.bin",))
    elif case == "no_tokenizer":
        _rezip(good, bad, drop=("sentencepiece.model",))
    elif case == "two_roots":
        _rezip(good, bad, extra=[("other/README.md", b"x")])
    elif case == "bad_metadata":
        _rezip(good, bad, drop=("metadata.json",), extra=[("translate-ru_en-copy/metadata.json", b"{nope")])
    elif case == "no_codes":
        _rezip(good, bad, drop=("metadata.json",),
               extra=[("translate-ru_en-copy/metadata.json", json.dumps({"package_version": "1"}))])
    elif case == "not_zip":
        bad.write_text("hello")
    elif case == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif case == "crc":
        data = bytearray(good.read_bytes())
        with zipfile.ZipFile(good) as zf:
            info = zf.getinfo("translate-ru_en-copy/README.md")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        data[start] ^= 0xFF  # flip a byte of README.md's data (stored compressed: still a CRC failure)
        bad.write_bytes(bytes(data))
    with pytest.raises(PipelineError, match=message) as caught:
        install_archive(bad, argos_dir)
    assert "\n" not in str(caught.value) and str(bad) in str(caught.value)
    assert list(argos_dir.iterdir()) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_absurd_uncompressed_size_is_rejected(copy_packages, argos_dir):
    with pytest.raises(PipelineError, match="uncompressed size exceeds 1 MiB"):
        validate_archive(copy_packages["ru_en"], max_bytes=1 << 20)
    assert list(argos_dir.iterdir()) == []


def test_archive_metadata_is_read_before_install(copy_packages):
    info = validate_archive(copy_packages["en_kk"])
    assert (info.root, info.source, info.target, info.version) == ("translate-en_kk-copy", "en", "kk", "1.0")


# --- issue 21, item 2: the archive as a whole (overlapping members, total expansion) ---------------


def _kernel(size: int) -> bytes:
    """``size`` bytes that deflate about 40x: a random byte among zeros every 40 (under the per-member limit)."""
    import random

    rng = random.Random(0)
    return bytes(rng.randrange(1, 256) if i % 40 == 0 else 0 for i in range(size))


def overlapping_zip_bomb(path: Path, members: int, kernel: bytes, root: str = "translate-ru_en-copy") -> Path:
    """A zip whose ``members`` all end in one shared deflate stream of ``kernel`` (D. Fifield, "A better zip bomb").

    Member i's data is a chain of stored deflate blocks that quote the local headers of
    members i+1 … n-1, then the shared stream: every member unpacks to the whole kernel
    (plus the quoted headers) while the kernel is stored once.  Built backwards, since
    each local header carries the CRC and sizes of data that contain the next headers.
    """
    import struct
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    shared = compressor.compress(kernel) + compressor.flush()
    names = [f"{root}/model/part{i:02d}.bin".encode() for i in range(members)]

    def local_header(name: bytes, crc: int, csize: int, usize: int) -> bytes:
        return struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, csize, usize, len(name), 0) + name

    headers: list[bytes] = [b""] * members
    sizes: list[tuple[int, int, int]] = [(0, 0, 0)] * members
    quoted, plain = shared, kernel  # member i's compressed and uncompressed data, from the last member back
    for i in reversed(range(members)):
        sizes[i] = (zlib.crc32(plain), len(quoted), len(plain))
        headers[i] = local_header(names[i], *sizes[i])
        if i:  # member i-1 quotes this header in a stored block (BFINAL 0, BTYPE 00), then goes on as member i
            block = b"\x00" + struct.pack("<HH", len(headers[i]), len(headers[i]) ^ 0xFFFF)
            quoted, plain = block + headers[i] + quoted, headers[i] + plain
    body, offsets = b"", []
    for i in range(members):
        offsets.append(len(body))
        body += headers[i] + (b"\x00" + struct.pack("<HH", len(headers[i + 1]), len(headers[i + 1]) ^ 0xFFFF)
                              if i + 1 < members else b"")
    body += shared
    directory = b"".join(
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, csize, usize, len(name), 0, 0, 0, 0,
                    0, offset) + name
        for name, (crc, csize, usize), offset in zip(names, sizes, offsets))
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, members, members, len(directory), len(body), 0)
    path.write_bytes(body + directory + end)
    return path


def test_the_bomb_is_real_for_pythons_zipfile(tmp_path):
    """What the checks must stop: zipfile unpacks every member whole, the shared data once per member."""
    bomb = overlapping_zip_bomb(tmp_path / "bomb.argosmodel", 4, _kernel(200_000))
    with zipfile.ZipFile(bomb) as zf:
        assert zf.testzip() is None
        unpacked = sum(len(zf.read(info)) for info in zf.infolist())
        worst = max(info.file_size / info.compress_size for info in zf.infolist())
    assert unpacked >= 4 * 200_000 and worst < 100  # each member looks fine …
    assert unpacked / bomb.stat().st_size > 3.5 * worst  # … but together they expand far more than any one does


def test_members_sharing_their_data_are_refused(copy_packages, argos_dir, tmp_path):
    """16 members, each under the per-member ratio limit, all unpacking the same deflate stream."""
    from helpers import run

    bomb = overlapping_zip_bomb(tmp_path / "bomb.argosmodel", 16, _kernel(256 << 10))
    with pytest.raises(PipelineError, match="share their compressed data") as caught:
        validate_archive(bomb)
    assert "\n" not in str(caught.value)
    project = tmp_path / "project"
    project.mkdir()
    result = run(project, "models", "install", str(bomb))
    assert result.exit_code == ExitCode.INPUT and result.stderr.count("\n") == 1 and "zip bomb" in result.stderr
    assert list(argos_dir.iterdir()) == []


def test_an_archive_that_unpacks_past_the_whole_archive_limit_is_refused(tmp_path, monkeypatch):
    """The issue's shape, scaled down: each member expands ~40x, together they expand past 100x + 64 MiB."""
    from translate_pipeline.mt import packages

    monkeypatch.setattr(packages, "MAX_COMPRESSIBLE_BYTES", 1 << 20)  # 1 MiB instead of 64: the test stays small
    bomb = overlapping_zip_bomb(tmp_path / "bomb.argosmodel", 24, _kernel(512 << 10))
    with pytest.raises(PipelineError, match=r"unpacks to 12\.0 MiB from 0\.0 MiB, more than 100x plus 1 MiB \(a zip bomb\?\)"):
        validate_archive(bomb)


def test_an_honest_archive_passes_the_whole_archive_checks(copy_packages):
    from translate_pipeline.mt.packages import expansion_limit

    archive = copy_packages["ru_en"]
    info = validate_archive(archive)
    assert info.uncompressed <= expansion_limit(archive.stat().st_size)
    with zipfile.ZipFile(archive) as zf:
        assert len(zf.infolist()) > 3


def _tar_gz(path: Path, members: dict[str, bytes]) -> Path:
    import io
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("kind", ["gzip bomb", "sparse member"])
def test_a_model_tar_gz_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch, kind):
    """``models add MODEL.tar.gz``: the same whole-archive limit, before anything is unpacked to disk."""
    import hashlib
    import shutil
    import subprocess

    from helpers import run
    from translate_pipeline.mt import packages

    monkeypatch.setattr(packages, "MAX_COMPRESSIBLE_BYTES", 1 << 20)  # 1 MiB instead of 64: the test stays small
    archive = tmp_path / "bomb.tar.gz"
    if kind == "gzip bomb":
        _tar_gz(archive, {"model/model.bin": bytes(8 << 20), "model/config.json": b"{}"})  # 8 MiB of zeros: ~8 KiB
        message = "decompresses to more than"
    else:  # GNU tar stores a sparse file's data only: the member says 64 MiB, the stream holds almost nothing
        if not shutil.which("tar"):
            pytest.skip("needs GNU tar to write a sparse member")
        (tmp_path / "model").mkdir()
        with (tmp_path / "model" / "model.bin").open("wb") as handle:
            handle.truncate(64 << 20)
        subprocess.run(["tar", "--sparse", "-czf", str(archive), "-C", str(tmp_path), "model"], check=True)
        message = "members add up to 64.0 MiB"
    assert archive.stat().st_size < 64 << 10
    project = tmp_path / "project"
    project.mkdir()
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    result = run(project, "models", "add", str(archive), "--sha256", digest)
    assert result.exit_code == ExitCode.INPUT and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert not (project / "models").exists()


def test_an_honest_model_tar_gz_unpacks(tmp_path):
    from translate_pipeline.mt.hf_import import unpack_archive

    archive = _tar_gz(tmp_path / "m.tar.gz", {"m/model.bin": bytes(range(256)) * 4096, "m/config.json": b"{}"})
    unpacked = unpack_archive(archive, tmp_path / "out")
    assert (unpacked / "model.bin").read_bytes() == bytes(range(256)) * 4096


# --- issue 21, item 4: what a killed install leaves in the package directory ---------------------------

_HANG_IN_EXTRACTION = """
import shutil, sys, time
from pathlib import Path
from translate_pipeline.mt import packages
marker = Path(sys.argv[1])
real = shutil.copyfileobj
def copy(source, target, length=0):
    real(source, target, length)
    marker.write_text("unpacking")
    time.sleep(60)
packages.shutil.copyfileobj = copy
from translate_pipeline.cli import main
sys.argv = ["translate-pipeline"] + sys.argv[2:]
main()
"""


@pytest.mark.parametrize("following", ["install", "list"])
def test_a_killed_install_leaves_nothing_once_the_next_one_ran(copy_packages, argos_dir, tmp_path, following):
    from helpers import kill_at_marker
    from translate_pipeline.core.fs import remove_stale_staging

    project = tmp_path / "project"
    project.mkdir()

    def alive() -> None:
        assert remove_stale_staging(argos_dir, (".installing-",)) == []  # its staging is left alone

    kill_at_marker(_HANG_IN_EXTRACTION, tmp_path / "marker", "-C", str(project), "models", "install",
                   str(copy_packages["ru_en"]), while_alive=alive)
    [staging] = [p.name for p in argos_dir.iterdir()]
    assert staging.startswith(".installing-")
    from helpers import run

    if following == "install":
        assert run(project, "models", "install", str(copy_packages["en_kk"])).exit_code == 0
        assert sorted(p.name for p in argos_dir.iterdir()) == ["translate-en_kk-copy"]
    else:  # any command that looks for a model
        assert run(project, "models", "list").exit_code == 0
        assert list(argos_dir.iterdir()) == []


def test_staging_left_by_killed_add_and_download_is_removed(tmp_path):
    """``models add`` stages in ``models/.adding-*``, a download in ``<packages>/.downloading-*``."""
    from translate_pipeline.core.fs import remove_stale_staging, staging_directory

    (tmp_path / ".adding-nllb-abc12345").mkdir()
    (tmp_path / ".adding-nllb-abc12345" / "model.bin").write_bytes(b"half")
    (tmp_path / ".downloading-xyz").mkdir()
    (tmp_path / ".hidden-by-the-user").mkdir()
    fd, live = staging_directory(tmp_path, ".adding-live-")
    try:
        removed = remove_stale_staging(tmp_path, (".adding-", ".downloading-"))
        assert sorted(p.name for p in removed) == [".adding-nllb-abc12345", ".downloading-xyz"]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".hidden-by-the-user", live.name])
    finally:
        os.close(fd)
    assert remove_stale_staging(tmp_path, (".adding-",)) == [live]
