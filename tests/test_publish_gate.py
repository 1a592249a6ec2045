"""The review gate and assembly: what may be published, with which status."""
import pytest
from _publish_fixtures import (
    EN,
    KK,
    KK_LATN_TITLE,
    S1,
    S2,
    S3,
    TITLE,
    kamaz_article,
    make_po,
    reviewed_po,
)

from translate_pipeline.publish.assemble import (
    MT,
    ORIGINAL,
    REVIEWED,
    SOURCE_FALLBACK,
    TM,
    assemble,
    to_kk_latn,
)
from translate_pipeline.publish.gate import (
    FUZZY,
    NO_CATALOG,
    NOT_IN_CATALOG,
    UNTRANSLATED,
    Policy,
    check,
)
from translate_pipeline.publish.run import publish_article


def partial_en():
    return make_po([
        {"msgid": TITLE, "msgstr": EN[TITLE]},
        {"msgid": S1, "msgstr": "Draft from the engine.", "fuzzy": True,
         "origin": "MT argos translate-ru_en 1.9 (ru→en)", "mt_raw": "Draft from the engine."},
        {"msgid": S2, "msgstr": ""},
        # S3 has no entry at all (catalog not updated)
    ], "en")


def test_fully_reviewed_passes():
    assert check(kamaz_article(), "en", reviewed_po(EN, "en")).ok


def test_partial_review_is_refused_with_each_missing_sentence():
    report = check(kamaz_article(), "en", partial_en())
    assert not report.ok
    assert [(m.reason, m.msgid) for m in report.missing] == [
        (FUZZY, S1), (UNTRANSLATED, S2), (NOT_IN_CATALOG, S3)]
    lines = report.lines()
    assert len(lines) == 3 and "fuzzy" in lines[0] and S1[:30] in lines[0]


def test_missing_catalog_is_refused():
    report = check(kamaz_article(), "kk", None)
    assert [m.reason for m in report.missing] == [NO_CATALOG]


def test_missing_catalog_line_names_the_file_and_the_fix():
    from pathlib import Path

    path = Path("locales/kk/LC_MESSAGES/kamaz-kazakhstan.po")
    assert check(kamaz_article(), "kk", None, po_path=path).lines() == [
        f"{path}: no catalog (run update or translate first)"]


def test_allow_fuzzy_lets_drafts_through_but_not_untranslated():
    report = check(kamaz_article(), "en", partial_en(), Policy(allow_fuzzy=True))
    assert [m.reason for m in report.missing] == [UNTRANSLATED, NOT_IN_CATALOG]


def test_untranslated_policy_does_not_let_fuzzy_through():
    report = check(kamaz_article(), "en", partial_en(), Policy(untranslated="source"))
    assert [m.reason for m in report.missing] == [FUZZY]


def test_both_policies_mark_every_unreviewed_sentence():
    policy = Policy(allow_fuzzy=True, untranslated="source")
    assert check(kamaz_article(), "en", partial_en(), policy).ok
    doc = assemble(kamaz_article(), "en", partial_en(), policy)
    statuses = [(s.source, s.status) for s in doc.sentences]
    assert statuses == [(TITLE, REVIEWED), (S1, MT), (S2, SOURCE_FALLBACK), (S3, SOURCE_FALLBACK)]
    mt = doc.blocks[1].sentences[0]
    assert mt.provenance.startswith("MT argos") and mt.mt_raw == "Draft from the engine."
    assert doc.blocks[1].sentences[1].text == S2  # the Russian source, marked as such


def test_skip_policy_leaves_untranslated_out():
    policy = Policy(allow_fuzzy=True, untranslated="skip")
    doc = assemble(kamaz_article(), "en", partial_en(), policy)
    assert [s.source for s in doc.sentences] == [TITLE, S1]
    assert len(doc.blocks) == 2  # the paragraph with only S3 disappears


def test_tm_origin_is_reported_as_tm():
    po = make_po([{"msgid": k, "msgstr": v, "fuzzy": k == S2, "origin": "TM 92% other.po"} for k, v in EN.items()], "en")
    doc = assemble(kamaz_article(), "en", po, Policy(allow_fuzzy=True))
    assert [s.status for s in doc.sentences] == [REVIEWED, REVIEWED, TM, REVIEWED]


def test_policy_rejects_unknown_fallback():
    with pytest.raises(ValueError):
        Policy(untranslated="guess")


def test_source_language_needs_no_catalog():
    doc = assemble(kamaz_article(), "ru", None)
    assert {s.status for s in doc.sentences} == {ORIGINAL}
    assert doc.title == TITLE


def test_kk_latn_is_transliterated_from_reviewed_kazakh():
    doc = to_kk_latn(assemble(kamaz_article(), "kk", reviewed_po(KK, "kk")))
    assert doc.lang == "kk-Latn"
    assert doc.title == KK_LATN_TITLE


def test_publish_article_links_only_published_versions():
    catalogs = {"en": (partial_en(), None), "kk": (reviewed_po(KK, "kk"), None)}
    docs, refused = publish_article(kamaz_article(), ["ru", "en", "kk", "kk-Latn"], catalogs)
    assert [d.lang for d in docs] == ["ru", "kk", "kk-Latn"]
    assert all(d.languages == ("ru", "kk", "kk-Latn") for d in docs)
    assert [r.lang for r in refused] == ["en"]


def test_kk_latn_refused_with_kk():
    docs, refused = publish_article(kamaz_article(), ["ru", "kk-Latn"], {"kk": (None, None)})
    assert [d.lang for d in docs] == ["ru"]
    assert [r.lang for r in refused] == ["kk-Latn"]
