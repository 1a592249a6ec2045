"""Issue 23 item 2: characters the tokenizer changes before the model sees them (м² → м2, 10⁶ → 106,
№ → No, ½ → 1⁄2, no-break space, ‑, …, a character the vocabulary lacks) are given back after
decoding, or reported; the QA check `symbols` flags a msgstr that lost one."""
from __future__ import annotations

import pytest
from helpers import po, run
from qa_support import problems, severities

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.mt.engine import Hypothesis
from translate_pipeline.mt.symbols import Fragile, fragile, restore

QUOTED = "Площадь 120 м², выбросы CO₂ снизились до 10⁶ тонн, заказ № 7 выполнен на ½."
SIBLINGS = [
    "Объём 5 м³ и 2 км², формула H₂O и CO₃, степень 10¹² и 10⁻³.",
    "Доля ¼ или ¾, заказы №7 и № 12, марка Bosch™.",
    "Сумма 10\u00a0000\u00a0000 тенге, Алма\u2011Ата, итоги… ждём.",
]


def _translate(tmp_path, package, sentences):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "s.ru.txt").write_text("\n\n".join(sentences) + "\n", "utf-8")
    (project / "translate-pipeline.toml").write_text('target_langs = ["en"]\n[mt]\nbeam_size = 1\n', "utf-8")
    assert run(project, "models", "install", str(package)).exit_code == 0
    result = run(project, "translate", "articles", "--require-mt")
    assert result.exit_code == 0, result.stderr
    return {e.msgid: e for e in po(project, "en", "s") if e.msgid}


def test_the_copy_model_gives_every_symbol_back(copy_packages, argos_dir, tmp_path):
    """The copy model writes what it reads: without restoring, each sentence would come back normalised."""
    from translate_pipeline.core.settings import DecodeOptions
    from translate_pipeline.mt.argos_engine import ArgosEngine
    from translate_pipeline.mt.packages import install_archive
    from translate_pipeline.mt.settings import decode_options

    engine = ArgosEngine(install_archive(copy_packages["ru_en"], argos_dir), decode_options(DecodeOptions(beam_size=1)))
    sentences = [QUOTED, *SIBLINGS]
    for sentence in sentences:
        assert engine.reads(sentence) != sentence  # the tokenizer changes each of them
    for sentence, hyps in zip(sentences, engine.translate_batch(sentences)):
        assert hyps[0].text == sentence and hyps[0].notes == ()
    # through translate: the catalog gets the symbols (articles fold no-break spaces before MT already)
    entries = _translate(tmp_path, copy_packages["ru_en"], sentences[:2])
    for sentence in sentences[:2]:
        assert entries[sentence].msgstr == sentence
        assert Provenance.of(entries[sentence]).values(Key.QA) == ()
        assert problems("symbols", sentence, entries[sentence].msgstr) == []


def test_a_character_the_vocabulary_lacks_comes_back_from_the_unknown_mark(tmp_path):
    import sentencepiece as spm
    from mt_models import build_copy_model, copy_vocabulary, corpus_lines

    from translate_pipeline.core.settings import load_config
    from translate_pipeline.mt.service import resolve_engine

    # no byte fallback: characters the corpus lacks (В, Н, ю) are <unk>, which the copy model copies
    spm.SentencePieceTrainer.train(sentence_iterator=iter(corpus_lines()), model_prefix=str(tmp_path / "sp"),
                                   vocab_size=400, model_type="unigram", character_coverage=1.0,
                                   hard_vocab_limit=False, minloglevel=2, num_threads=1)
    model_dir = build_copy_model(tmp_path / "model", copy_vocabulary(tmp_path / "sp.model"))
    (tmp_path / "translate-pipeline.toml").write_text(
        f'[mt]\nbeam_size = 1\n[mt.models.copy]\npath = "{model_dir}"\ntokenizer = "{tmp_path / "sp.model"}"\n'
        'pairs = ["ru-kk"]\n', "utf-8")
    engine = resolve_engine(load_config(tmp_path), "ru", "kk")
    sentence = "Вчера Нурлан сказал: «ждём»."
    assert "⁇" in engine.reads(sentence)
    (best,) = engine.translate_batch([sentence])[0]
    assert best.text.strip() == sentence and best.notes == ()


def test_a_reading_the_output_does_not_have_is_reported():
    runs = [Fragile("м²", "м2", True), Fragile("…", "...", False)]
    text, lost = restore("The area is 120 square metres", runs)
    assert text == "The area is 120 square metres" and lost == [runs[0]]  # typography lost silently


def test_an_ambiguous_reading_is_not_guessed():
    """One № in the source, two "No" in the output: which is it?  Left as it is, reported."""
    runs = [Fragile("№", "No", True)]
    assert restore("No. No 7 was fulfilled.", runs) == ("No. No 7 was fulfilled.", runs)
    assert restore("Order No 7 was fulfilled.", runs) == ("Order № 7 was fulfilled.", [])
    assert restore("Nothing was done.", runs)[1] == runs  # "No" inside a word is not it
    assert restore("Order 1060 done.", [Fragile("10⁶", "106", True)])[1]  # nor 106 inside 1060


def test_an_output_without_the_symbol_gets_a_qa_note(copy_packages, argos_dir):
    from translate_pipeline.core.settings import DecodeOptions
    from translate_pipeline.mt.argos_engine import ArgosEngine
    from translate_pipeline.mt.packages import install_archive
    from translate_pipeline.mt.settings import decode_options

    engine = ArgosEngine(install_archive(copy_packages["ru_en"], argos_dir), decode_options(DecodeOptions(beam_size=1)))
    (hyp,) = engine._restored("Площадь 120 м².", [Hypothesis("The area is 120 sq m.", -1.0)])
    assert hyp.notes == ("MT could not keep 'м²': the model reads it as 'м2' (restore it by hand)",)


def test_fragile_runs_follow_the_tokenizer():
    nfkc = __import__("unicodedata").normalize
    runs = fragile(QUOTED, lambda text: " ".join(nfkc("NFKC", text).split()))
    assert [(r.original, r.seen) for r in runs] == [("м²", "м2"), ("CO₂", "CO2"), ("10⁶", "106"), ("№", "No"),
                                                      ("½", "1⁄2")]
    assert fragile(QUOTED, lambda text: text) == []  # a tokenizer that changes nothing: nothing to restore


# --- the QA check ------------------------------------------------------------------------------

@pytest.mark.parametrize("source, target, lost", [
    (QUOTED, "Area 120 m2, CO2 emissions fell to 106 tonnes, order No. 7 was half done.",
     ["'²' (superscript two) of the source is missing in the target (written as '2'?)",
      "'₂' (subscript two) of the source is missing in the target (written as '2'?)",
      "'⁶' (superscript six) of the source is missing in the target (written as '6'?)",
      "'½' (vulgar fraction one half) of the source is missing in the target"]),
    ("Объём 5 м³, степень 10¹².", "Volume 5 m3, power 1012.",
     ["'³' (superscript three) of the source is missing in the target (written as '3'?)",
      "'¹' (superscript one) of the source is missing in the target (written as '1'?)",
      "'²' (superscript two) of the source is missing in the target (written as '2'?)"]),
    ("Доля ¾, марка Bosch™.", "A share of 3⁄4, the Bosch brand.",
     ["'¾' (vulgar fraction three quarters) of the source is missing in the target (written as '3⁄4'?)",
      "'™' (trade mark sign) of the source is missing in the target"]),
])
def test_symbols_lost_in_the_msgstr_are_flagged(source, target, lost):
    assert problems("symbols", source, target) == lost
    assert set(severities("symbols", source, target)) == {None}  # the check's default: warning


@pytest.mark.parametrize("source, target, lang", [
    (QUOTED, "Площадь 120 м², шығарындылар CO₂ 10⁶ тоннаға дейін, № 7 тапсырыс ½ орындалды.", "kk"),
    ("Заказ № 7.", "Order No. 7.", "en"),  # English writes No.
    ("Итоги… 10\u00a0000 тенге, Алма\u2011Ата.", "Results... 10 000 tenge, Alma-Ata.", "en"),  # typography only
])
def test_kept_or_conventionally_rendered_symbols_pass(source, target, lang):
    assert problems("symbols", source, target, lang) == []


def test_kazakh_has_no_english_no():
    assert problems("symbols", "Заказ № 7.", "No 7 тапсырыс.", "kk") == [
        "'№' (numero sign) of the source is missing in the target (written as 'No'?)"]
