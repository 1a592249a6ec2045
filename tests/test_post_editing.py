"""Issue 19 items 2 and 6: post-editing statistics in ``stats`` and ``evaluate`` (MT accepted as
is / MT post-edited / TM / human, with chrF and TER of the post-edited ones against MT-raw), and
word counts as Translate Toolkit's pocount counts them."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import polib
import pytest
from sacrebleu.metrics import CHRF, TER

from helpers import SHARED_ARTICLE, FIXTURES, command_document, run
from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.pretranslate.base import apply_suggestion
from translate_pipeline.pretranslate.suggestion import Suggestion

ENGINE = "argos translate-ru_en 1.9 (ru→en)"
TODAY = MTState.of(ENGINE, "model files", {"beam_size": 4}, "-")


def _project(tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    article = SHARED_ARTICLE if SHARED_ARTICLE.exists() else FIXTURES / "kamaz-kazakhstan.ru.txt"
    (project / "articles" / "kamaz-kazakhstan.ru.txt").write_bytes(article.read_bytes())
    assert run(project, "update", "--to", "en").exit_code == 0
    return project, project / "locales" / "en" / "LC_MESSAGES" / "kamaz-kazakhstan.po"


def _mt(entry: polib.POEntry, raw: str) -> None:
    """An MT draft as translate writes it: msgstr, Origin, MT-raw, MT-state and fuzzy."""
    provenance = Provenance.from_mt(ENGINE, raw).put(Key.MT_STATE, TODAY.record(raw).format())
    apply_suggestion(entry, Suggestion(raw, provenance))


def _reviewed_catalog(path):
    """Every kind of entry, as a translator leaves them after a review in Poedit (polib saves)."""
    catalog = polib.pofile(str(path))
    entries = [e for e in catalog if e.msgid]
    assert len(entries) >= 9
    raw = {e.msgid: f"MT of {e.msgid}" for e in entries}
    for entry in entries[:7]:
        _mt(entry, raw[entry.msgid])
    for entry in entries[:2]:  # accepted as is
        entry.flags.remove("fuzzy")
    edited = {entries[2].msgid: "A sentence the translator rewrote completely.",
              entries[3].msgid: f"MT of {entries[3].msgid}, corrected",
              entries[4].msgid: f"Edited MT of {entries[4].msgid}"}
    for entry in entries[2:5]:  # post-edited and signed off
        entry.msgstr = edited[entry.msgid]
        entry.flags.remove("fuzzy")
    entries[5].msgstr = "Edited, still a draft."  # post-edited, not reviewed: in no reviewed column
    # entries[6]: an MT draft as it came
    Provenance.from_tm(100, True, "other-article", "en", "100% exact match").write(entries[7])
    entries[7].msgstr = "From the TM."
    entries[8].msgstr = "Written by the translator."
    catalog.save()
    scored = [(raw[e.msgid], edited[e.msgid]) for e in entries[2:5]]
    return {"mt": 2, "post-edited": 3, "tm": 1, "human": 1}, scored


def test_stats_and_evaluate_split_reviewed_work_by_how_it_came_about(tmp_path):
    project, path = _project(tmp_path)
    expected, scored = _reviewed_catalog(path)
    raws, finals = zip(*scored)
    chrf, ter = CHRF().corpus_score(list(raws), [list(finals)]).score, TER().corpus_score(list(raws), [list(finals)]).score

    (row,) = command_document("stats", run(project, "stats", "--to", "en", "--format", "json").stdout)["rows"]
    assert row["origin_segments"]["mt"] == 3  # 2 accepted + 1 untouched draft: the machine's text
    assert row["origin_segments"]["post-edited"] == 4  # 3 reviewed + 1 still fuzzy: not MT any more
    edits = row["post_editing"]
    assert edits["segments"] == expected
    assert edits["scored"] == 3
    assert edits["chrf"] == pytest.approx(chrf) and edits["ter"] == pytest.approx(ter)
    assert sum(edits["words"].values()) == row["words"]["translated"]

    table = run(project, "stats", "--to", "en").stdout
    assert "origin h/tm/mt/pe/d" in table and "reviewed segments" in table
    line = next(line for line in table.splitlines() if line.startswith("kamaz-kazakhstan [en]"))
    assert line.split() == ["kamaz-kazakhstan", "[en]", "2", "3", "1", "1", f"{chrf:.1f}", f"{ter:.1f}"]

    data = command_document("evaluate", run(project, "evaluate", "--to", "en", "--format", "json").stdout)
    (pair,) = data["reviewed"]
    assert pair == {"pair": "ru→en", **edits}  # evaluate says what stats says
    (engine,) = data["post_editing"]
    assert (engine["segments"], engine["post_edited"], engine["unchanged"], engine["pending"]) == (5, 3, 0.4, 2)
    assert "reviewed segments" in run(project, "evaluate", "--to", "en").stdout


def _pocount(path) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", "from translate.tools.pocount import main; main()", "--csv", str(path)],
                         check=True, capture_output=True, text=True).stdout
    (row,) = csv.DictReader(io.StringIO(out))
    return {key: int(row[f"{name} Source Words"]) for key, name in
            (("translated", "Translated"), ("fuzzy", "Fuzzy"), ("untranslated", "Untranslated"), ("total", "Total"))}


def test_word_counts_are_pocounts_on_a_real_catalog(tmp_path):
    project, path = _project(tmp_path)
    _reviewed_catalog(path)
    catalog = polib.pofile(str(path))  # a translator's plural and context entries, and an obsolete one
    catalog.append(polib.POEntry(msgid="%d завод", msgid_plural="%d заводов", msgstr_plural={0: "%d plant", 1: "%d plants"}))
    catalog.append(polib.POEntry(msgctxt="headline", msgid="Завод КАМАЗ построят в 2025 году", msgstr="",))
    catalog.append(polib.POEntry(msgid="Старое предложение из трёх слов.", msgstr="Old.", obsolete=True))
    catalog.save()
    assert run(project, "update", "--to", "en").exit_code == 0
    (row,) = command_document("stats", run(project, "stats", "--to", "en", "--format", "json").stdout)["rows"]
    words = _pocount(path)
    assert {key: row["words"][key] for key in words} == words
    assert words["total"] > 100  # a real article, numbers and all


def test_a_half_translated_plural_is_the_documented_difference(tmp_path):
    project, path = _project(tmp_path)
    catalog = polib.pofile(str(path))
    catalog.append(polib.POEntry(msgid="%d завод", msgid_plural="%d заводов", msgstr_plural={0: "%d plant", 1: ""}))
    catalog.save()
    (row,) = command_document("stats", run(project, "stats", "--to", "en", "--format", "json").stdout)["rows"]
    words = _pocount(path)
    assert words["translated"] == 4 and row["words"]["translated"] == 0  # pocount looks at msgstr[0] only
    assert row["words"]["total"] == words["total"]
    assert "pocount: when msgstr[0] is" in " ".join(run(project, "stats", "--help").stdout.split())
