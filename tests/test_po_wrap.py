"""PO layout exactly as GNU gettext writes it: msgcat on our catalogs changes no byte."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translate_pipeline.catalog.io import render
from translate_pipeline.catalog.wrap import line_break_class, wrap_field

from helpers import new_project, run

BENCH = Path(__file__).resolve().parents[1] / "bench" / "data"
NEEDS_MSGCAT = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext not installed")


def msgcat(path: Path) -> str:
    done = subprocess.run(["msgcat", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def sentences() -> list[str]:
    out = []
    for name in ("ud-ru-gsd.txt", "ud-ru-pud.txt", "traps-ru.txt", "ud-kk-ktb.txt", "traps-kk.txt"):
        for line in (BENCH / name).read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("~")
            if line and not line.startswith("# "):
                out.append(line)
    return list(dict.fromkeys(out))


def tricky_catalog() -> polib.POFile:
    """Every kind of field gettext wraps: long sentences, escapes, obsolete and previous strings, references."""
    po = polib.POFile()
    po.metadata = {"Project-Id-Version": "x", "Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    texts = sentences()
    paragraphs = [" ".join(texts[i:i + 3]) for i in range(0, 240, 3)]
    for n, text in enumerate(texts + paragraphs):
        entry = polib.POEntry(msgid=text, msgstr=text[::-1] if n % 3 else "", comment="MT-raw: a-b-c " * (n % 2) * 9)
        entry.occurrences = [(f"articles/very-long-article-name-{k}.ru.txt", str(n)) for k in range(n % 7)]
        if n % 3 and n % 11 == 1:  # (msgcat drops the fuzzy flag of an untranslated entry, and obsolete untranslated ones)
            entry.flags, entry.previous_msgid = ["fuzzy"], text[: len(text) // 2] + " «старая версия» " + text[len(text) // 2:]
        entry.obsolete = bool(n % 3) and n % 13 == 4
        po.append(entry)
    po.append(polib.POEntry(msgid='Цитата "в кавычках", \\ и\tтаб, ' * 4, msgstr="Line one\nline two\n" * 3))
    po.append(polib.POEntry(msgid="https://www.gov.kz/memleket/entities/miid/press/news/details/123456?lang=ru-" * 2, msgstr=""))
    po.append(polib.POEntry(msgid="Премьер-министр " * 9, msgstr="Экспорт — 2,5 млн т (рост 12%)… " * 4))
    return po


@NEEDS_MSGCAT
def test_msgcat_leaves_our_layout_alone(tmp_path):
    path = tmp_path / "all.po"
    path.write_text(render(tricky_catalog()), encoding="utf-8")
    ours = path.read_text(encoding="utf-8")
    theirs = msgcat(path)
    assert ours.count("\n") > 2000  # the corpus is really there
    assert ours == theirs


@NEEDS_MSGCAT
def test_project_catalogs_survive_msgcat_unchanged(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "translate", "articles", "--to", "en,kk", "--no-mt").exit_code == 0
    for path in [*project.glob("locales/*.pot"), *project.glob("locales/*/LC_MESSAGES/*.po")]:
        assert path.read_text(encoding="utf-8") == msgcat(path), path


def test_rewrite_of_a_msgcat_file_is_a_no_op(tmp_path):
    """A catalog as msgcat laid it out reads and renders back byte for byte (no tool needed)."""
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        "#: articles/kamaz-kazakhstan.ru.txt:3\n"
        'msgid ""\n"Подписи под документом поставили министр индустрии и инфраструктурного "\n'
        '"развития Р. Скляр, генеральный директор ПАО “КАМАЗ” С. Когогин, аким "\n'
        '"Костанайской области А. Мухамбетов и председатель правления АО “БРК – "\n'
        '"Лизинг” Н. Байбазаров."\nmsgstr ""\n'
    )
    entries = lambda po_text: po_text.split("\n\n", 1)[1]  # noqa: E731  (polib orders header fields its own way)
    assert entries(render(polib.pofile(text))) == entries(text)


@pytest.mark.parametrize("text, lines", [
    ("short", ['msgid "short"']),
    ("x" * 71, [f'msgid "{"x" * 71}"']),  # msgid "…" is exactly 79 columns
    ("x" * 72, [f'msgid "{"x" * 72}"']),  # no break opportunity: one long line, as gettext
    ("a " * 36, ['msgid ""', f'"{"a " * 36}"']),
    ("Премьер-министр " * 5, ['msgid ""', '"Премьер-министр Премьер-министр Премьер-министр Премьер-министр Премьер-"',
                              '"министр "']),  # after a hyphen before a letter, as UAX #14
    ("one\\ntwo", ['msgid ""', '"one\\n"', '"two"']),
])
def test_wrap_field_follows_gettext(text, lines):
    assert wrap_field("", "msgid", text) == lines


def test_line_break_classes():
    assert [line_break_class(c) for c in "а .,-–—«»()%1/"] == [
        "AL", "SP", "IS", "IS", "HY", "BA", "B2", "QU", "QU", "OP", "CP", "PO", "NU", "SY"]
