"""Issue 19 item 3: PO line ends.  LF, CRLF and a mix of the two are read as GNU gettext reads
them; a bare CR (classic Mac OS, or one stray CR) is refused with its line and the file is left
as it is, never read as an empty catalog and overwritten."""
from __future__ import annotations

import re
import shutil
import subprocess

import polib
import pytest

from helpers import run
from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.core.errors import ExitCode, PipelineError

ARTICLE = "Завод построят в Костанае\nСоглашение подписали в Астане.\n"


def _translated_project(tmp_path):
    """A project whose en catalog holds reviewed work of every kind: a reviewed msgstr with a
    translator comment, a msgctxt entry and a plural entry (both kept obsolete by the merge)."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "news.ru.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(project, "update", "--to", "en").exit_code == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "news.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr, entry.tcomment = f"EN {entry.msgid}", "checked by the desk"
    catalog.append(polib.POEntry(msgctxt="headline", msgid="Завод построят в Костанае", msgstr="Plant to be built"))
    catalog.append(polib.POEntry(msgid="файл", msgid_plural="файлы", msgstr_plural={0: "file", 1: "files"}))
    catalog.save()
    assert run(project, "update", "--to", "en").exit_code == 0  # the pipeline's own layout, LF
    return project, path


def _entries(catalog):
    return sorted((e.msgctxt or "", e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())), e.tcomment, e.obsolete)
                  for e in catalog)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_crlf_and_mixed_line_ends_read_every_entry_as_lf_does(tmp_path):
    project, path = _translated_project(tmp_path)
    lf = path.read_bytes()
    expected = _entries(read_catalog(path))
    lines = lf.split(b"\n")
    variants = {
        "crlf": lf.replace(b"\n", b"\r\n"),
        "mixed": b"".join(line + (b"\r\n" if n % 2 else b"\n") for n, line in enumerate(lines[:-1])) + lines[-1],
    }
    for name, data in variants.items():
        path.write_bytes(data)
        assert _entries(read_catalog(path)) == expected, name
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)]).returncode == 0  # gettext agrees
        result = run(project, "update", "--to", "en")
        assert result.exit_code == 0, result.stderr
        assert _entries(read_catalog(path)) == expected, name  # rewritten with LF, nothing lost


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
@pytest.mark.parametrize("command", [("update", "--to", "en"), ("translate", "--to", "en", "--no-mt"),
                                     ("stats",), ("check",), ("evaluate",)])
def test_a_cr_only_catalog_is_refused_with_one_line_and_left_untouched(tmp_path, command):
    project, path = _translated_project(tmp_path)
    data = path.read_bytes().replace(b"\n", b"\r")
    path.write_bytes(data)
    # What gettext makes of it: the header comment runs to the end of the file; every entry is gone.
    statistics = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                                capture_output=True, text=True).stderr
    assert re.search(r"^0 translated messages", statistics, re.M), statistics
    result = run(project, *command)
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "locales/en/LC_MESSAGES/news.po:1: line ends are CR only" in result.stderr
    assert path.read_bytes() == data


def test_one_stray_cr_is_refused_at_its_line(tmp_path):
    _, path = _translated_project(tmp_path)
    lines = path.read_bytes().split(b"\n")
    # a reference line whose LF became CR: for gettext, the msgid after it is part of the comment
    number = next(n for n, line in enumerate(lines, 1) if line.startswith(b"#:"))
    lines[number - 1] += b"\r"
    lines[number - 1] += lines.pop(number)
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(PipelineError, match="bare CR") as raised:
        read_catalog(path)
    assert raised.value.line == number


def _crlf_everywhere(data: bytes) -> bool:
    """Every line of ``data`` ends in CRLF (and there is no bare CR or LF)."""
    return data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r") > 0


def _lf_everywhere(data: bytes) -> bool:
    return b"\r" not in data and data.count(b"\n") > 0


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_a_crlf_catalog_keeps_its_line_ends_through_update_translate_and_compile(tmp_path, copy_packages, argos_dir):
    from translate_pipeline.mt.packages import install_archive

    install_archive(copy_packages["ru_en"], argos_dir)  # a model that copies: MT fills the new sentence
    project, path = _translated_project(tmp_path)
    expected = _entries(read_catalog(path))
    assert any(e[0] == "headline" for e in expected) and any(e[3] for e in expected)  # msgctxt and plural kept
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # saved on Windows
    crlf = path.read_bytes()
    assert run(project, "update", "--to", "en").exit_code == 0 and path.read_bytes() == crlf  # nothing new
    article = project / "articles" / "news.ru.txt"
    article.write_text(ARTICLE + "Рабочих мест будет 500.\n", encoding="utf-8")
    assert run(project, "update", "--to", "en").exit_code == 0
    updated = path.read_bytes()
    assert updated != crlf and _crlf_everywhere(updated)  # rewritten with the new sentence: still CRLF
    catalog = read_catalog(path)
    assert [e for e in _entries(catalog) if e[1] != "Рабочих мест будет 500."] == expected  # nothing lost
    assert run(project, "update", "--to", "en").exit_code == 0 and path.read_bytes() == updated  # byte-identical
    result = run(project, "translate", "--to", "en")
    assert result.exit_code == 0, result.stderr
    translated = path.read_bytes()
    assert translated != updated and _crlf_everywhere(translated)
    assert read_catalog(path).find("Рабочих мест будет 500.").msgstr == "Рабочих мест будет 500."  # the copy
    assert run(project, "translate", "--to", "en").exit_code == 0 and path.read_bytes() == translated
    # gettext reads it: msgfmt -c passes, and its MO file says what ours says
    checked = subprocess.run(["msgfmt", "-c", "--statistics", "-o", str(tmp_path / "gettext.mo"), str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert re.search(r"^2 translated messages, 1 fuzzy translation", checked.stderr, re.M), checked.stderr
    assert run(project, "compile", "--lang", "en").exit_code == 0
    ours = polib.mofile(str(path.with_suffix(".mo")))
    theirs = polib.mofile(str(tmp_path / "gettext.mo"))
    assert sorted((e.msgid, e.msgstr) for e in ours) == sorted((e.msgid, e.msgstr) for e in theirs)
    assert len([e for e in ours if e.msgid]) == 2


def test_a_new_catalog_and_an_lf_catalog_stay_lf(tmp_path):
    project, path = _translated_project(tmp_path)
    assert _lf_everywhere(path.read_bytes())  # new: LF
    lines = path.read_bytes().split(b"\n")
    lines[5] += b"\r"  # one stray CRLF line (a paste): the first line decides, the file stays LF
    path.write_bytes(b"\n".join(lines))
    (project / "articles" / "news.ru.txt").write_text(ARTICLE + "Ещё одно предложение.\n", encoding="utf-8")
    assert run(project, "update", "--to", "en").exit_code == 0
    assert _lf_everywhere(path.read_bytes())
    assert _lf_everywhere(next(project.rglob("news.pot")).read_bytes())


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")
def test_a_crlf_catalog_that_msgmerge_left_half_lf_goes_back_to_crlf(tmp_path):
    """gettext keeps a comment's CR as part of its text (po-lex.c reads a comment up to LF) and writes
    every other line with LF: the first line -- the header comment -- still says CRLF."""
    project, path = _translated_project(tmp_path)
    template = next(project.rglob("news.pot"))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    merged = subprocess.run(["msgmerge", "--quiet", "--previous", "-U", "--backup=off", str(path), str(template)],
                            capture_output=True, text=True)
    assert merged.returncode == 0, merged.stderr
    mixed = path.read_bytes()
    assert b"\r\n" in mixed and not _crlf_everywhere(mixed) and mixed.startswith(b"#") and \
        mixed.split(b"\n", 1)[0].endswith(b"\r")
    expected = _entries(read_catalog(path))
    (project / "articles" / "news.ru.txt").write_text(ARTICLE + "Ещё одно предложение.\n", encoding="utf-8")
    assert run(project, "update", "--to", "en").exit_code == 0
    assert _crlf_everywhere(path.read_bytes())
    assert [e for e in _entries(read_catalog(path)) if e[1] != "Ещё одно предложение."] == expected
