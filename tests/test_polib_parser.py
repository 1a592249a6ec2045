"""The PO reader drives polib's private ``_POFileParser`` (catalog/io.read_catalog hands it lines
split at LF only).  A private class may change in any release, so polib is pinned in
pyproject.toml to the versions checked here, and these tests fail loudly when the parser changes."""
from __future__ import annotations

import hashlib
import inspect
from importlib.metadata import version
from pathlib import Path

import polib
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

# sha256 of inspect.getsource(polib._POFileParser) in each polib release the reader was checked with.
CHECKED = {"1.2.0": "498f277c0b1882ba961fc62fec496ee55fc0f805a580f4fc079a69e5d3d707c7"}


def test_the_pin_admits_only_checked_releases_and_the_installed_one_is_checked():
    pins = [Requirement(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    pin = next(r for r in pins if r.name == "polib")
    assert pin.specifier.contains(version("polib"))
    assert not pin.specifier.contains("1.3.0") and not pin.specifier.contains("1.1.1"), pin
    assert version("polib") in CHECKED, (
        f"polib {version('polib')} is installed but the reader was checked with {sorted(CHECKED)} only")


def test_the_private_parser_is_the_one_the_reader_was_written_for():
    source = inspect.getsource(polib._POFileParser)
    found = hashlib.sha256(source.encode("utf-8")).hexdigest()
    assert found == CHECKED.get(version("polib")), (
        f"polib {version('polib')}'s private _POFileParser changed (sha256 {found}): re-check "
        "catalog/io.read_catalog (it sets parser.fhandle to the file's lines and calls parse()), "
        "then record the hash here and widen the polib pin in pyproject.toml")


def test_what_the_reader_relies_on():
    # "" is no file: the constructor does no I/O; parse() reads fhandle's lines as given, so a
    # U+2028 inside a string stays in that string (str.splitlines would break the line there).
    parser = polib._POFileParser("", encoding="utf-8")
    parser.fhandle = ['msgid "a\u2028b"', 'msgstr "c\u2029d"', "", "#. Origin: MT x", 'msgid "e"', 'msgstr ""']
    catalog = parser.parse()
    assert [(e.msgid, e.msgstr, e.comment) for e in catalog] == [("a\u2028b", "c\u2029d", ""), ("e", "", "Origin: MT x")]
