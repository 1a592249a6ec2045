"""Harvesting reviewed catalog entries into the TM."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from translate_pipeline.catalog.provenance import Key
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.project import po_path
from translate_pipeline.core.settings import load_config
from translate_pipeline.tm import open_project_tm

PLANT = "Завод КАМАЗ построят в Костанае."
VISIT = "Премьер-министр посетил площадку будущего цеха литья."
LOAN = "Финансирование обеспечит «БРК – Лизинг»."
OLD = "Этого предложения в статье больше нет."


def write_catalog(root: Path, lang: str, name: str, entries: list[polib.POEntry]) -> Path:
    path = po_path(load_config(root), lang, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for e in entries:
        po.append(e)
    po.save(str(path))
    return path


def entry(msgid: str, msgstr: str = "", fuzzy: bool = False, obsolete: bool = False) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], obsolete=obsolete)


def _targets(tm, lang: str) -> dict[str, str]:
    return {u.source: u.target for u in tm.store.units([lang])}


def test_only_reviewed_entries_are_harvested(tmp_path):
    write_catalog(tmp_path, "en", "kamaz", [
        entry(PLANT, "The KAMAZ plant will be built in Kostanay."),
        entry(VISIT, "The Prime Minister visited the site.", fuzzy=True),
        entry(LOAN, ""),
        entry(OLD, "This sentence is gone.", obsolete=True),
    ])
    write_catalog(tmp_path, "kk", "kamaz", [entry(PLANT, "Қостанайда ҚАМАЗ зауыты салынады.")])
    write_catalog(tmp_path, "ru", "kamaz", [entry(PLANT, "Завод КАМАЗ будет построен в Костанае.")])  # source-language copy
    with open_project_tm(load_config(tmp_path)) as tm:
        report = tm.harvest()
        assert (report.catalogs, report.counts.added) == (2, 2)
        assert [s.target_lang for s in tm.stats()] == ["en", "kk"]
        assert _targets(tm, "en") == {PLANT: "The KAMAZ plant will be built in Kostanay."}
        assert _targets(tm, "kk") == {PLANT: "Қостанайда ҚАМАЗ зауыты салынады."}
        (unit,) = tm.store.units(["en"])
        assert (unit.origin, unit.source_lang, unit.reviewed) == ("kamaz", "ru", True)
    assert (tmp_path / "tm" / "memory.sqlite").is_file()


def test_harvest_is_idempotent_and_follows_the_translators_edits(tmp_path):
    path = write_catalog(tmp_path, "en", "kamaz", [entry(PLANT, "The KAMAZ plant will be built in Kostanay.")])
    config = load_config(tmp_path)
    with open_project_tm(config) as tm:
        tm.harvest()
        (before,) = tm.store.units()
        again = tm.harvest()
        assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 1)

        po = polib.pofile(str(path))
        po.find(PLANT).msgstr = "KAMAZ will build a plant in Kostanay."
        po.append(entry(VISIT, "The Prime Minister visited the site of the future foundry."))
        po.save()
        edited = tm.harvest()
        assert (edited.counts.added, edited.counts.updated, edited.counts.unchanged) == (1, 1, 0)
        after = {u.source: u for u in tm.store.units()}
    assert after[PLANT].id == before.id
    assert after[PLANT].target == "KAMAZ will build a plant in Kostanay."
    assert len(after) == 2


def test_fuzzy_again_entry_keeps_the_reviewed_unit(tmp_path):
    """Un-reviewing an entry (MT rewrite, fuzzy) must not teach the TM the draft."""
    write_catalog(tmp_path, "en", "kamaz", [entry(PLANT, "The KAMAZ plant will be built in Kostanay.")])
    with open_project_tm(load_config(tmp_path)) as tm:
        tm.harvest()
        write_catalog(tmp_path, "en", "kamaz", [entry(PLANT, "Plant KAMAZ build Kostanay.", fuzzy=True)])
        tm.harvest()
        assert _targets(tm, "en") == {PLANT: "The KAMAZ plant will be built in Kostanay."}


def test_same_sentence_in_two_articles_keeps_both_origins(tmp_path):
    write_catalog(tmp_path, "en", "kamaz", [entry(PLANT, "The KAMAZ plant will be built in Kostanay.")])
    write_catalog(tmp_path, "en", "digest", [entry(PLANT, "KAMAZ is to build a plant in Kostanay.")])
    with open_project_tm(load_config(tmp_path)) as tm:
        tm.harvest()
        assert sorted(u.origin for u in tm.store.units()) == ["digest", "kamaz"]


def test_broken_catalog_is_a_one_line_error_and_nothing_is_harvested(tmp_path):
    write_catalog(tmp_path, "en", "a-good", [entry(PLANT, "The KAMAZ plant will be built in Kostanay.")])
    bad = po_path(load_config(tmp_path), "en", "b-broken")
    bad.write_text('msgid "Завод"\nmsgstr "Plant"\nnot po syntax\n', encoding="utf-8")
    with open_project_tm(load_config(tmp_path)) as tm:
        with pytest.raises(PipelineError) as err:
            tm.harvest()
        assert (err.value.path, err.value.line) == (bad, 3)
        assert tm.stats() == []


def test_project_without_catalogs_harvests_nothing(tmp_path):
    with open_project_tm(load_config(tmp_path)) as tm:
        report = tm.harvest()
    assert (report.catalogs, report.counts.added) == (0, 0)


def test_reviewed_article_serves_a_second_article_from_the_tm(tmp_path):
    write_catalog(tmp_path, "en", "kamaz", [
        entry(PLANT, "The KAMAZ plant will be built in Kostanay."),
        entry(VISIT, "The Prime Minister visited the site of the future foundry."),
    ])
    second_article = [PLANT, "Премьер-министр посетил площадку будущего цеха сборки.", "Погода в Астане."]
    with open_project_tm(load_config(tmp_path)) as tm:
        tm.harvest()
        found = tm.lookup_many(second_article, "ru", "en")
    assert [s and s.provenance.first(Key.ORIGIN).split("% ")[1] for s in found] == [
        "exact from kamaz (en)", "fuzzy from kamaz (en)", None]
    assert found[1].text == "The Prime Minister visited the site of the future foundry."
