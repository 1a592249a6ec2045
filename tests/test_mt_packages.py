"""Package management against real (tiny) .argosmodel files."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.mt.packages import (
    default_packages_dir, install_archive, list_packages, remove_package, validate_archive,
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
