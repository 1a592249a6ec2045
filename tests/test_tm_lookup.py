"""Exact and fuzzy TM lookup as pre-translation suggestions."""
from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from translate_pipeline.catalog.provenance import Key, Origin, Provenance
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import load_config
from translate_pipeline.tm import open_project_tm
from translate_pipeline.tm.index import TrigramIndex
from translate_pipeline.tm.normalize import exact_key, match_form
from translate_pipeline.tm.store import NewUnit

PLANT = "Завод КАМАЗ построят в Костанае."
PLANT_EN = "The KAMAZ plant will be built in Kostanay."
FOUNDRY = "Аким области открыл новый цех литья в Таразе."
FOUNDRY_EN = "The regional akim opened a new foundry in Taraz."


def _project(tmp_path, toml: str = ""):
    (tmp_path / "translate-pipeline.toml").write_text(toml, encoding="utf-8")
    tm = open_project_tm(load_config(tmp_path))
    tm.store.write_units("ru", "en", [NewUnit(PLANT, PLANT_EN, "kamaz-kazakhstan"), NewUnit(FOUNDRY, FOUNDRY_EN, "foundry")])
    return tm


def test_exact_match_is_a_fuzzy_draft_by_default(tmp_path):
    with _project(tmp_path) as tm:
        s = tm.lookup("Завод  КАМАЗ построят в Костанае.", "ru", "en")
    assert (s.text, s.fuzzy) == (PLANT_EN, True)
    assert s.provenance.origin is Origin.TM and s.provenance.first(Key.ORIGIN) == "TM 100% exact from kamaz-kazakhstan (en)"
    assert s.provenance.first(Key.TM).startswith("100% exact match, kamaz-kazakhstan, reviewed")


def test_trusted_exact_match_of_a_reviewed_unit_is_final(tmp_path):
    with _project(tmp_path, "[tm]\ntrust_exact = true\n") as tm:
        assert tm.lookup(PLANT, "ru", "en").fuzzy is False
        tm.store.write_units("ru", "kk", [NewUnit(PLANT, "Қостанайда ҚАМАЗ зауыты салынады.", "vendor.tmx", reviewed=False)])
        assert tm.lookup(PLANT, "ru", "kk").fuzzy is True  # an unreviewed import is never trusted


def test_fuzzy_match_names_score_origin_and_the_matched_source(tmp_path):
    with _project(tmp_path, "[tm]\ntrust_exact = true\n") as tm:
        s = tm.lookup("Завод КАМАЗ построят в Караганде.", "ru", "en")
    score = fuzz.ratio(match_form("Завод КАМАЗ построят в Караганде."), match_form(PLANT))
    assert s.text == PLANT_EN and s.fuzzy is True
    assert s.provenance.first(Key.ORIGIN) == f"TM {int(score)}% fuzzy from kamaz-kazakhstan (en)"
    (details,) = s.provenance.values(Key.TM)
    assert details.startswith(f"{int(score)}% fuzzy match, kamaz-kazakhstan, reviewed 20")
    assert details.endswith(f"; TM source: {PLANT}")


def test_threshold_boundary_is_inclusive(tmp_path):
    at, below = "Аким открыл новый цех литья", "Аким открыл новый цех лить"
    assert fuzz.ratio(match_form(at), match_form(FOUNDRY)) == 75
    assert fuzz.ratio(match_form(below), match_form(FOUNDRY)) < 75
    with _project(tmp_path) as tm:
        assert tm.lookup(at, "ru", "en").provenance.first(Key.ORIGIN) == "TM 75% fuzzy from foundry (en)"
        assert tm.lookup(below, "ru", "en") is None


def test_threshold_is_configurable(tmp_path):
    with _project(tmp_path, "[tm]\nthreshold = 73\n") as tm:
        assert tm.lookup("Аким открыл новый цех лить", "ru", "en").provenance.first(Key.ORIGIN) == \
            "TM 73% fuzzy from foundry (en)"


@pytest.mark.parametrize("toml", ["[tm]\nthreshold = 0\n", "[tm]\nthreshold = '75'\n", "[tm]\ntrust_exact = 1\n", "[tm]\nfuzzy = 1\n"])
def test_bad_settings_are_reported_against_the_config_file(tmp_path, toml):
    (tmp_path / "translate-pipeline.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        open_project_tm(load_config(tmp_path))
    assert err.value.path.name == "translate-pipeline.toml"


def test_case_quotes_dashes_and_yo_cost_no_points_but_are_not_exact(tmp_path):
    with _project(tmp_path) as tm:
        tm.store.write_units("ru", "en", [NewUnit("Финансирование обеспечит «БРК – Лизинг».", "BRK-Leasing will finance it.", "kamaz")])
        s = tm.lookup('финансирование обеспечит "БРК - Лизинг".', "ru", "en")
        assert s.provenance.first(Key.ORIGIN) == "TM 99% fuzzy from kamaz (en)"
        assert s.fuzzy is True


def test_lookup_is_per_language_pair(tmp_path):
    with _project(tmp_path) as tm:
        assert tm.lookup(PLANT, "ru", "kk") is None


def test_lookup_many_keeps_the_order_of_the_texts(tmp_path):
    with _project(tmp_path) as tm:
        results = tm.lookup_many(["Погода в Астане.", FOUNDRY, "Завод КАМАЗ построят в Караганде.", PLANT, ""], "ru", "en")
    assert [r and r.provenance.first(Key.ORIGIN).split(" from ")[0] for r in results] == [
        None, "TM 100% exact", f"TM {int(fuzz.ratio(match_form('Завод КАМАЗ построят в Караганде.'), match_form(PLANT)))}% fuzzy", "TM 100% exact", None,
    ]
    assert [r.text for r in results if r] == [FOUNDRY_EN, PLANT_EN, PLANT_EN]


def test_matches_returns_top_k_best_first(tmp_path):
    with _project(tmp_path) as tm:
        tm.store.write_units("ru", "en", [
            NewUnit("Завод КАМАЗ построят в Караганде.", "… in Karaganda.", "b"),
            NewUnit("Завод КАМАЗ построят в Костанае к 2026 году.", "… by 2026.", "c"),
        ])
        found = tm.matches("Завод КАМАЗ построят в Костанае.", "ru", "en", k=3)
    assert [m.exact for m in found] == [True, False, False]
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert found[0].unit.target == PLANT_EN


def test_new_units_are_found_without_reopening(tmp_path):
    with _project(tmp_path) as tm:
        query = "Премьер-министр посетил площадку будущего завода."
        assert tm.lookup(query, "ru", "en") is None
        tm.store.write_units("ru", "en", [NewUnit("Премьер-министр посетил площадку будущего цеха.", "The PM visited.", "k")])
        assert tm.lookup(query, "ru", "en").text == "The PM visited."


def _sentences(rng: random.Random, count: int) -> list[str]:
    words = ("аким премьер-министр завод цех литья КАМАЗ Костанай построят открыл новый грузовых автомобилей "
             "тысяч тенге инвестиций году области министр заявил сообщил что будет в на").split()
    return [" ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + "." for _ in range(count)]


def test_untruncated_candidates_always_contain_the_full_scan_best_match():
    """Trigram and length filtering alone must never lose the best match (ranking is the bench's job)."""
    rng = random.Random(3)
    forms = sorted({match_form(s) for s in _sentences(rng, 2000)})
    index = TrigramIndex(forms)
    for query in map(match_form, _sentences(rng, 200)):
        best = process.extractOne(query, forms, scorer=fuzz.ratio, score_cutoff=60)
        found = process.extractOne(
            query, [forms[i] for i in index.candidates(query, len(forms), 60)], scorer=fuzz.ratio, score_cutoff=60
        )
        assert (best and best[1]) == (found and found[1]), query


def test_length_filter_keeps_the_boundary_length():
    forms = ["а" * 18, "а" * 17, "а" * 50, "а" * 51]
    index = TrigramIndex(forms)
    kept = {forms[i] for i in index.candidates("а" * 30, 10, 75)}
    assert kept == {"а" * 18, "а" * 50}  # 2·18/48 = 75 %, 2·30/80 = 75 %


def test_normal_forms():
    assert exact_key(" Завод\u00a0 КАМАЗ\n") == "Завод КАМАЗ"
    assert match_form("«Ёлка» — “Нyundai”") == '"елка" - "нyundai"'


def test_writes_by_another_connection_are_seen(tmp_path):
    from translate_pipeline.tm.store import TranslationMemory

    with _project(tmp_path) as tm:
        query = "Премьер-министр посетил площадку будущего завода."
        assert tm.lookup(query, "ru", "en") is None  # index built
        with TranslationMemory.open(tm.path) as other:  # e.g. a concurrent `tm harvest`
            other.write_units("ru", "en", [NewUnit("Премьер-министр посетил площадку будущего цеха.", "The PM visited.", "k")])
        assert tm.lookup(query, "ru", "en").text == "The PM visited."


def test_exact_match_mentions_articles_that_translated_it_differently(tmp_path):
    with _project(tmp_path) as tm:
        tm.store.write_units("ru", "en", [
            NewUnit(PLANT, "KAMAZ is to build a plant in Kostanay.", "digest", created="2020-01-01T00:00:00Z"),
            NewUnit(PLANT, PLANT_EN, "weekly", created="2020-01-01T00:00:00Z"),
        ])
        s = tm.lookup(PLANT, "ru", "en")
    assert s.provenance.first(Key.ORIGIN) == "TM 100% exact from kamaz-kazakhstan (en)"  # reviewed and newest wins
    assert s.provenance.first(Key.TM).endswith("; translated differently in: digest")


def test_the_tm_is_a_pretranslation_source_that_fills_before_mt(tmp_path):
    import polib

    from translate_pipeline.catalog.update import LangCatalog
    from translate_pipeline.pretranslate.base import pretranslate
    from translate_pipeline.pretranslate.suggestion import Suggestion
    from translate_pipeline.pretranslate.tm_source import TMSource

    class FakeMT:
        name = "mt"

        def suggest(self, texts, source, target):
            return [Suggestion(f"MT({t})", Provenance.from_mt("fake")) for t in texts]

    po = polib.POFile()
    po.append(polib.POEntry(msgid=PLANT))
    po.append(polib.POEntry(msgid="Погода в Астане."))
    catalog = LangCatalog(article=None, lang="en", path=tmp_path / "x.po", old=None, po=po)
    with _project(tmp_path) as tm:
        (report,) = pretranslate([catalog], [TMSource(tm), FakeMT()], "ru")
    assert report.filled == {Origin.TM: 1, Origin.MT: 1}
    assert po[0].msgstr == PLANT_EN and "fuzzy" in po[0].flags
    assert "Origin: TM 100% exact from kamaz-kazakhstan (en)" in po[0].comment
    assert po[1].msgstr == "MT(Погода в Астане.)"
