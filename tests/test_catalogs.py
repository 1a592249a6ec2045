"""POT/PO files: headers, references, duplicates, validity with msgfmt and Babel."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po
from helpers import new_project, po, run

NEEDS_MSGFMT = pytest.mark.skipif(
    shutil.which("msgfmt") is None and not os.environ.get("CI"), reason="GNU gettext not installed"
)


def test_translate_writes_pot_and_po_in_gettext_layout(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "translate", "articles", "--to", "en,kk")
    assert result.exit_code == 0, result.stderr
    assert (project / "locales" / "kamaz-kazakhstan.pot").exists()
    for lang in ("en", "kk"):
        catalog = po(project, lang)
        meta = catalog.metadata
        assert meta["Language"] == lang
        assert meta["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert meta["Content-Type"] == "text/plain; charset=UTF-8"
        assert meta["X-Generator"].startswith("translate-pipeline ")
        assert meta["Project-Id-Version"] == "translate-pipeline kamaz-kazakhstan"
        assert meta["POT-Creation-Date"] and meta["PO-Revision-Date"]
        first = catalog[0]
        assert first.msgid == "В Костанае откроют завод по выпуску мостов для грузовиков КАМАЗ"
        assert first.occurrences == [("articles/kamaz-kazakhstan.ru.txt", "1")]
        assert "Title" in first.comment
    # no model installed here: the catalogs are still written, the missing pair and its fix are named
    assert "no MT model for ru→en" in result.stderr and "translate-pipeline models install ru en" in result.stderr


def test_duplicate_sentences_share_one_entry(tmp_path):
    project = tmp_path / "p"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "dup.ru.txt").write_text(
        "Заголовок\nЭто важно. Другое предложение.\nЭто важно.\n", encoding="utf-8"
    )
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    catalog = po(project, "en", "dup")
    entry = catalog.find("Это важно.")
    assert entry.occurrences == [("articles/dup.ru.txt", "2"), ("articles/dup.ru.txt", "3")]
    assert [e.msgid for e in catalog].count("Это важно.") == 1


@NEEDS_MSGFMT
def test_msgfmt_accepts_catalogs(tmp_path):
    project = new_project(tmp_path)
    run(project, "translate", "articles")
    catalog = po(project, "en")
    catalog[0].msgstr = "A bridge plant for KAMAZ trucks will open in Kostanay"
    catalog.save()
    for path in [project / "locales" / "kamaz-kazakhstan.pot", *project.glob("locales/*/LC_MESSAGES/*.po")]:
        check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_babel_reads_catalogs(tmp_path):
    project = new_project(tmp_path)
    run(project, "translate", "articles")
    with open(project / "locales" / "kk" / "LC_MESSAGES" / "kamaz-kazakhstan.po", "rb") as handle:
        catalog = read_po(handle)
    assert str(catalog.locale) == "kk"
    assert catalog.num_plurals == 2
    assert len([m for m in catalog if m.id]) == len(po(project, "kk"))


def test_markdown_article_catalog(tmp_path):
    project = new_project(tmp_path, "markdown-sample.ru.md")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    ids = [e.msgid for e in po(project, "en", "markdown-sample")]
    assert ids[0] == "Аким *Костанайской области* встретился с инвесторами"
    assert any("[КАМАЗ](https://kamaz.ru/)" in i for i in ids)


def test_stats_counts_states_and_words(tmp_path):
    project = new_project(tmp_path)
    run(project, "translate", "articles", "--to", "en")
    catalog = po(project, "en")
    catalog[0].msgstr = "Title translated"
    catalog[1].msgstr = "Draft"
    catalog[1].flags.append("fuzzy")
    catalog.save()
    import json

    result = run(project, "stats", "--lang", "en", "--format", "json")
    (row,) = json.loads(result.stdout)["rows"]
    assert row["segments"]["translated"] == 1
    assert row["segments"]["fuzzy"] == 1
    assert row["segments"]["untranslated"] == row["segments"]["total"] - 2
    assert row["words"]["translated"] == 10  # the title's words
    assert row["origin_segments"]["human"] == 1  # the reviewed title
    assert row["origin_segments"]["draft"] == 1  # a fuzzy draft nobody reviewed is not human work
    assert row["ready"] is False


def test_long_automatic_comments_read_back_exactly(tmp_path):
    """polib would wrap a long "#." line (breaking at hyphens); provenance must survive as written."""
    import polib

    from translate_pipeline.catalog.io import (
        read_catalog,
        replace_catalog,
    )
    from translate_pipeline.catalog.provenance import Key, Provenance

    catalog = polib.POFile(wrapwidth=78)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "PO-Revision-Date": "x"}
    entry = polib.POEntry(msgid="Сообщает пресс-служба МИИР.", msgstr="", comment="Title")
    raw = "The press-service of the Ministry of Industry and Infrastructure Development of the Republic reports this."
    Provenance.from_pairs([(Key.MT_RAW, raw), (Key.TERMS, "пресс-служба → press service; МИИР → MIID; " * 3)]).write(entry)
    catalog.append(entry)
    path = tmp_path / "a.po"
    replace_catalog(path, catalog, None)
    back = read_catalog(path)[0]
    assert Provenance.of(back).mt_raw == raw
    assert back.comment == entry.comment


def test_annotations_survive_another_tool_wrapping_them(tmp_path):
    """A polib-based editor re-saves with "#." lines wrapped at 78 columns, breaking after hyphens."""
    import polib

    from translate_pipeline.catalog.provenance import Key, Provenance, split_comment

    entry = polib.POEntry(msgid="Сообщает пресс-служба МИИР.", msgstr="", comment="Title")
    raw = "The press-service of the Ministry of Industry and Infrastructural Development reports it, in full."
    written = Provenance.from_pairs([(Key.MT_RAW, raw),
                                     (Key.TERMS, "пресс-служба → press service; МИИР → MIID; РК → RK; аким → akim")])
    written.write(entry)
    catalog = polib.POFile(wrapwidth=78)
    catalog.append(entry)
    catalog.save(str(tmp_path / "a.po"))
    text = (tmp_path / "a.po").read_text(encoding="utf-8")
    assert text.count("#. ") > 3  # really wrapped
    back = polib.pofile(text)[0]
    assert split_comment(back.comment) == (["Title"], written)
    assert not written.write(back)  # nothing changed: the wrapped lines are left as the tool wrote them
