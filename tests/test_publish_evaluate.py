"""Post-editing metrics per engine and language pair, and scoring against references."""
import json

import pytest
from _publish_fixtures import make_article, make_po, save_po
from click.testing import CliRunner
from helpers import command_document

from translate_pipeline.cli import main
from translate_pipeline.core.errors import PipelineError, Refused
from translate_pipeline.core.settings import load_config
from translate_pipeline.review.evaluate import (
    engine_of,
    evaluate_project,
    post_editing_scores,
    read_reference,
    reference_scores,
)

ARGOS = "MT argos translate-ru_en 1.9 (ru→en)"
OTHER = "MT other-engine 2 (ru→en)"


def en_catalog():
    return make_po([
        # accepted unchanged, term rendered
        {"msgid": "МИИР сообщил.", "msgstr": "MIID reported.", "origin": ARGOS, "mt_raw": "MIID reported.",
         "terms": "МИИР → MIID"},
        # post-edited: one word inserted (TER 1/4), term missed by the engine
        {"msgid": "Кошка села в МИИР.", "msgstr": "the cat sat down", "origin": ARGOS, "mt_raw": "the cat sat",
         "terms": "МИИР → MIID"},
        # not reviewed yet: pending, not scored
        {"msgid": "Черновик.", "msgstr": "Draft.", "fuzzy": True, "origin": ARGOS, "mt_raw": "Draft."},
        # a draft a translator emptied (and unflagged, or not): untranslated, neither pending nor scored
        {"msgid": "Стёрто.", "msgstr": "", "origin": ARGOS, "mt_raw": "Erased."},
        {"msgid": "Стёрто тоже.", "msgstr": "", "fuzzy": True, "origin": ARGOS, "mt_raw": "Erased too."},
        # other engine, other bucket
        {"msgid": "Другое.", "msgstr": "Another one.", "origin": OTHER, "mt_raw": "Other."},
        # TM and human entries are not MT
        {"msgid": "Память.", "msgstr": "Memory.", "origin": "TM 92% a.po"},
        {"msgid": "Человек.", "msgstr": "Human."},
    ], "en")


def test_engine_name_from_origin():
    po = en_catalog()
    assert engine_of(po[0]) == "argos translate-ru_en 1.9"
    assert engine_of(po[6]) is None and engine_of(po[7]) is None


def test_post_editing_scores_per_engine():
    scores = {s.engine: s for s in post_editing_scores([("en", en_catalog())], "ru")}
    assert set(scores) == {"argos translate-ru_en 1.9", "other-engine 2"}
    argos = scores["argos translate-ru_en 1.9"]
    assert (argos.pair, argos.segments, argos.pending, argos.untranslated) == ("ru→en", 2, 1, 2)
    assert argos.unchanged == 0.5
    assert argos.ter == pytest.approx(100 * 1 / 6)  # one insertion over 2 + 4 reference words
    assert 50 < argos.chrf < 100
    assert (argos.terms, argos.term_accuracy) == (2, 0.5)
    other = scores["other-engine 2"]
    assert other.unchanged == 0.0 and other.terms == 0 and other.term_accuracy is None
    assert (other.pending, other.untranslated) == (0, 0)


def test_unchanged_mt_scores_perfectly():
    po = make_po([{"msgid": "А.", "msgstr": "Same text here.", "origin": ARGOS, "mt_raw": "Same text here."}], "en")
    [score] = post_editing_scores([("en", po)], "ru")
    assert (score.chrf, score.ter, score.unchanged) == (pytest.approx(100), 0.0, 1.0)


def test_custom_term_checker_is_used():
    checker = lambda source, translation, lang: [True, True, False] if "МИИР" in source else []
    [argos] = [s for s in post_editing_scores([("en", en_catalog())], "ru", checker) if s.engine.startswith("argos")]
    assert (argos.terms, argos.term_accuracy) == (6, pytest.approx(4 / 6))


def ref_article():
    return make_article([("title", ["Заголовок."]), ("paragraph", ["Первое.", "Второе."])], name="doc")


def ref_catalog():
    return make_po([
        {"msgid": "Заголовок.", "msgstr": "The headline.", "origin": ARGOS, "mt_raw": "Headline."},
        {"msgid": "Первое.", "msgstr": "The first one.", "origin": ARGOS, "mt_raw": "First."},
        {"msgid": "Второе.", "msgstr": "The second one.", "origin": ARGOS, "mt_raw": "The second one."},
    ], "en")


def test_reference_scores(tmp_path):
    ref = tmp_path / "en" / "doc.txt"
    ref.parent.mkdir()
    ref.write_text("The headline.\n\nThe first one. The second one.\n", encoding="utf-8")
    scores = {s.system: s for s in reference_scores(ref_article(), "en", ref_catalog(), read_reference(ref, ref_article()))}
    catalog, mt = scores["catalog"], scores["MT argos translate-ru_en 1.9"]
    assert (catalog.bleu, catalog.chrf, catalog.ter) == (pytest.approx(100), pytest.approx(100), 0.0)
    assert catalog.blocks == mt.blocks == catalog.total_blocks == 2
    assert mt.chrf < catalog.chrf and mt.ter > 0


def test_reference_with_wrong_block_count(tmp_path):
    ref = tmp_path / "doc.txt"
    ref.write_text("Only one line.\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="1 block"):
        read_reference(ref, ref_article())


def test_evaluate_cli_text_and_json(tmp_path):
    save_po(en_catalog(), tmp_path / "locales" / "en" / "LC_MESSAGES" / "demo.po")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "evaluate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    header, argos_row = result.output.splitlines()[:2]
    assert header.split() == ["engine", "pair", "reviewed", "pending", "untranslated", "chrF", "TER", "unchanged",
                              "terms"]
    assert argos_row.startswith("argos translate-ru_en 1.9") and "50%" in argos_row and "50% of 2" in argos_row
    assert argos_row.split()[3:7] == ["ru→en", "2", "1", "2"]
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "evaluate", "--lang", "en", "--format", "json"])
    data = command_document("evaluate", result.output, 0)  # the schema knows untranslated
    assert [s["engine"] for s in data["post_editing"]] == ["argos translate-ru_en 1.9", "other-engine 2"]
    assert (data["post_editing"][0]["pending"], data["post_editing"][0]["untranslated"]) == (1, 2)
    assert data["reference"] == []


def test_evaluate_cli_with_reference(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "doc.ru.txt").write_text("Заголовок.\nПервое. Второе.\n", encoding="utf-8")
    save_po(ref_catalog(), tmp_path / "locales" / "en" / "LC_MESSAGES" / "doc.po")
    refs = tmp_path / "refs" / "en"
    refs.mkdir(parents=True)
    (refs / "doc.txt").write_text("The headline.\nThe first one. The second one.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "evaluate", "--lang", "en", "--ref", str(refs.parent)])
    assert result.exit_code == 0, result.output
    assert "doc ru→en catalog: BLEU 100.0  chrF 100.0  TER 0.0  (2/2 blocks)" in result.output


def test_evaluate_job_refuses_when_there_is_nothing_to_score(tmp_path):
    """No catalog, or references that match no article and language: one error naming the place."""
    config = load_config(tmp_path)
    with pytest.raises(Refused, match="no catalogs for en under locales/ .nothing to evaluate"):
        evaluate_project(config, ["en"], [])
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "doc.ru.txt").write_text("Заголовок.\nПервое. Второе.\n", encoding="utf-8")
    save_po(ref_catalog(), tmp_path / "locales" / "en" / "LC_MESSAGES" / "doc.po")
    refs = tmp_path / "refs"
    (refs / "kk").mkdir(parents=True)
    (refs / "kk" / "doc.txt").write_text("Тақырып.\nБірінші. Екінші.\n", encoding="utf-8")  # not a language asked for
    assert evaluate_project(config, ["en"], []).reference == []
    with pytest.raises(PipelineError, match="no reference translation matches") as caught:
        evaluate_project(config, ["en"], [], refs)
    assert caught.value.path == refs


@pytest.mark.parametrize("content", [None, b"Title\n\x00\n", "Заголовок\n".encode("utf-8") + "café\n".encode("latin-1")])
def test_unreadable_reference_is_a_pipeline_error(tmp_path, content):
    """A directory, binary or non-UTF-8 file where a reference should be: one line, no traceback."""
    ref = tmp_path / "doc.txt"
    if content is None:
        ref.mkdir()
    else:
        ref.write_bytes(content)
    with pytest.raises(PipelineError) as caught:
        read_reference(ref, ref_article())
    assert caught.value.path == ref
