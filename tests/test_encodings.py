"""Issue 22: articles that are not UTF-8 — the error names the likely encoding and the exact ``iconv``
command (run here, with GNU iconv, to prove it), and ``[source] encoding`` reads such an archive as it is."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from helpers import FIXTURES, po, run

from translate_pipeline.core.encoding import likely_encoding
from translate_pipeline.core.errors import ExitCode

TEXT = (FIXTURES / "kamaz-kazakhstan.ru.txt").read_text(encoding="utf-8")
SENTENCE = "Продукция будет на 100% экспортоориентированной."
NEEDS_ICONV = pytest.mark.skipif(shutil.which("iconv") is None, reason="GNU iconv not installed")


def _project(tmp_path, data: bytes, name: str = "news.ru.txt", config: str = ""):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / name).write_bytes(data)
    if config:
        (project / "translate-pipeline.toml").write_text(config, encoding="utf-8")
    return project


def _error(result) -> str:
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    return line


# Some of the fixture's quotes and dashes have no KOI8-R code: that archive has "?" for them.
ENCODED = [
    ("cp1251", TEXT, "Windows-1251", "WINDOWS-1251", "cp1251"),
    ("koi8_r", TEXT.encode("koi8_r", errors="replace").decode("koi8_r"), "KOI8-R", "KOI8-R", "koi8_r"),
    ("mac_cyrillic", TEXT, "Mac Cyrillic", "MAC-CYRILLIC", "mac_cyrillic"),
    ("utf-16", TEXT, "UTF-16", "UTF-16", "utf_16"),
    ("utf-16-le", TEXT, "UTF-16LE", "UTF-16LE", "utf_16_le"),
]


@NEEDS_ICONV
@pytest.mark.parametrize("encoding, text, name, iconv, codec", ENCODED, ids=[e[0] for e in ENCODED])
def test_the_error_names_the_encoding_and_its_iconv_command_converts_the_file(tmp_path, encoding, text, name, iconv,
                                                                              codec):
    project = _project(tmp_path, text.encode(encoding), "my news.ru.txt")  # a space: the command quotes it
    result = run(project, "translate", "--no-mt", "--to", "en")
    assert result.exit_code == ExitCode.INPUT and not (project / "locales" / "en").exists()
    error = _error(result)
    named = "UTF-16 text, expected UTF-8: " if encoding.startswith("utf-16") else f"it looks like {name}: "
    assert f"{named}convert it with iconv -f {iconv} -t UTF-8 " in error, error
    assert f'[source] encoding = "{codec}"' in error and str(tmp_path) not in error  # project-relative
    command = error.split("convert it with ", 1)[1].split(" (or read", 1)[0]
    assert command == (f"iconv -f {iconv} -t UTF-8 'articles/my news.ru.txt' > 'articles/my news.ru.txt.utf8' "
                       "&& mv 'articles/my news.ru.txt.utf8' 'articles/my news.ru.txt'")
    subprocess.run(command, shell=True, cwd=project, check=True)  # as the operator pastes it
    assert (project / "articles" / "my news.ru.txt").read_text(encoding="utf-8").lstrip("\ufeff") == text
    assert run(project, "translate", "--no-mt", "--to", "en").exit_code == 0
    assert po(project, "en", "my news").find(SENTENCE) is not None


@pytest.mark.parametrize("encoding, text, name, iconv, codec", ENCODED, ids=[e[0] for e in ENCODED])
def test_the_setting_reads_such_an_archive_as_it_is(tmp_path, encoding, text, name, iconv, codec):
    project = _project(tmp_path, text.encode(encoding), config=f'[source]\nencoding = "{codec}"\n')
    (project / "articles" / "converted.ru.txt").write_text(TEXT, encoding="utf-8")  # half converted already
    result = run(project, "translate", "--no-mt", "--to", "en")
    assert result.exit_code == 0, result.stderr
    for article, source in (("news", text), ("converted", TEXT)):
        catalog = po(project, "en", article)
        assert catalog.find(SENTENCE) is not None and catalog.find(source.splitlines()[0]) is not None


@pytest.mark.parametrize("text", ["Заголовок\nПервая строка.\n", TEXT], ids=["three lines", "an article"])
def test_a_stray_byte_of_the_configured_encoding_is_named_with_its_line_not_a_conversion(tmp_path, text):
    """Converting a Windows-1251 file from the encoding a detector guesses for it (KOI8-R for a
    short text) would garble it: the byte that Windows-1251 lacks is what to fix."""
    lines = text.encode("cp1251", errors="replace").split(b"\n")
    lines[2] = b"\x98 " + lines[2]  # 0x98: no character in Windows-1251
    project = _project(tmp_path, b"\n".join(lines), config='[source]\nencoding = "cp1251"\n')
    result = run(project, "extract")
    assert result.exit_code == ExitCode.INPUT
    assert _error(result) == ("error: articles/news.ru.txt:3: neither UTF-8 nor cp1251 text (byte 0x98, which "
                              "Windows-1251 has no character for): a stray byte in a Windows-1251 file; fix or remove it")
    assert not list(project.rglob("*.pot"))


def test_a_file_in_neither_encoding_gets_the_conversion_of_the_encoding_it_is_in(tmp_path):
    """Many bytes the configured encoding lacks: the file is in another one, named with its conversion."""
    project = _project(tmp_path, TEXT.encode("koi8_r", errors="replace"), config='[source]\nencoding = "ascii"\n')
    error = _error(run(project, "extract"))
    assert error.startswith("error: articles/news.ru.txt:1: neither UTF-8 nor ascii text (byte 0xf7); it looks like "
                            "KOI8-R: convert it with iconv -f KOI8-R -t UTF-8"), error


def test_a_nul_character_in_utf16_text_is_refused_before_anything_is_written(tmp_path):
    data = "Заголовок\nТекст один.\nТекст \x00два.\n".encode("utf-16")
    project = _project(tmp_path, data, config='[source]\nencoding = "utf-16"\n')
    result = run(project, "extract")
    assert result.exit_code == ExitCode.INPUT
    assert _error(result) == "error: articles/news.ru.txt:3: binary file (NUL character), expected UTF-8 or utf-16 text"
    assert not list(project.rglob("*.pot"))


def test_a_nul_byte_under_a_configured_encoding_names_both_encodings(tmp_path):
    project = _project(tmp_path, "Заголовок\n".encode("cp1251") + b"\x00\n", config='[source]\nencoding = "cp1251"\n')
    assert _error(run(project, "extract")) == ("error: articles/news.ru.txt:2: binary file (NUL byte), expected "
                                               "UTF-8 or cp1251 text")


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_a_decoding_error_names_the_line_whatever_the_line_ends(tmp_path, end):
    data = end.join(["Заголовок", "Первый абзац.", "Второй \xff."]).encode().replace("\xff".encode(), b"\xff")
    result = run(_project(tmp_path, data + end.encode()), "extract")
    assert _error(result).startswith("error: articles/news.ru.txt:3: not UTF-8 text (byte 0xff)")


@pytest.mark.parametrize("value", ["cp1252x", "rot13", "zlib"])
def test_an_encoding_python_cannot_decode_text_with_is_a_config_error(tmp_path, value):
    project = _project(tmp_path, TEXT.encode("utf-8"), config=f'[source]\nencoding = "{value}"\n')
    result = run(project, "stats")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (f"error: translate-pipeline.toml: [source] encoding {value!r} is no text encoding Python "
                             "knows (e.g. \"cp1251\", \"koi8_r\", \"utf-16\")\n")


def test_text_no_encoding_explains_gets_the_plain_hint(tmp_path):
    data = "Заголовок\n".encode("utf-8") + bytes(range(0x80, 0xA0)) * 3 + b"\n"
    assert likely_encoding(data) is None or likely_encoding(data).codec != "utf_8"
    result = run(_project(tmp_path, data), "extract")
    assert result.exit_code == ExitCode.INPUT and "not UTF-8 text (byte 0x80)" in _error(result)


def test_a_catalog_in_another_encoding_names_it_without_the_article_setting(tmp_path):
    project = _project(tmp_path, TEXT.encode("utf-8"))
    assert run(project, "update", "--lang", "en").exit_code == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "news.po"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    result = run(project, "stats")
    assert result.exit_code == ExitCode.INPUT
    assert "it looks like Windows-1251: convert it with iconv -f WINDOWS-1251" in _error(result)
    assert "[source] encoding" not in _error(result)  # the setting is for articles
