"""Issue 23 item 1: the decoding limit never cuts a translation silently.

The tests' copy models (tests/mt_models.py) write exactly their input, so a translation that is cut,
or pieced together at the wrong places, shows as a difference from the source.  A hypothesis that
reaches the limit is decoded again with the decoder's every position; a translation longer than
the decoder's positions is made in clauses cut only at linguistic boundaries; a segment with
no such boundary is left empty with the reason; a limit the user fixed stays, flagged.
"""
from __future__ import annotations

import random

import pytest
from helpers import po, run

from translate_pipeline.catalog.provenance import Key, Provenance

WORDS = ("министерство", "проект", "специалисты", "технологии", "центр", "кадры", "модернизация",
         "инфраструктуры", "цифровизация", "здравоохранения", "правительство", "области", "предприятия",
         "строительство", "финансирование", "программы", "развития", "региона", "Казахстана", "экспорт")
JOINTS = ("; ", ", и ", " — ", ", который ", ": ", ", но ", ", а ")


def news_sentence(words: int, seed: int, joints: tuple[str, ...] = JOINTS) -> str:
    """A ``words``-word sentence of clauses of 8–16 words joined at clause boundaries."""
    rng = random.Random(seed)
    clauses, count = [], 0
    while count < words:
        n = min(rng.randint(8, 16), words - count)
        clauses.append(" ".join(rng.choice(WORDS) for _ in range(n)))
        count += n
    text = clauses[0]
    for clause in clauses[1:]:
        text += rng.choice(joints) + clause
    return text[0].upper() + text[1:] + "."


S260, S900 = news_sentence(260, 1), news_sentence(900, 2)
S80 = news_sentence(80, 6)  # about 650 tokens of the copy model's tokenizer: fits its input, not a 256-row decoder


@pytest.fixture(scope="module")
def short_decoder(tmp_path_factory):
    """A copy package whose decoder has 256 positions (the encoder 1,024): as OPUS-MT's 512, a
    translation longer than that cannot be written in one go."""
    from mt_models import build_copy_package

    return build_copy_package(tmp_path_factory.mktemp("short"), "ru", "en", decoder_positions=256,
                              name="translate-ru_en-short")


def _translate(tmp_path, package, sentences, mt: str = ""):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "long.ru.txt").write_text("\n\n".join(sentences) + "\n", "utf-8")
    (project / "translate-pipeline.toml").write_text(f'target_langs = ["en"]\n[mt]\nbeam_size = 1\n{mt}', "utf-8")
    assert run(project, "models", "install", str(package)).exit_code == 0
    result = run(project, "translate", "articles", "--require-mt")
    return result, {e.msgid: e for e in po(project, "en", "long") if e.msgid}


def _engine(argos_dir, package, **options):
    from translate_pipeline.core.settings import DecodeOptions
    from translate_pipeline.mt.argos_engine import ArgosEngine
    from translate_pipeline.mt.packages import install_archive
    from translate_pipeline.mt.settings import decode_options

    return ArgosEngine(install_archive(package, argos_dir), decode_options(DecodeOptions(beam_size=1, **options)))


@pytest.mark.slow
def test_260_and_900_word_sentences_are_reproduced_exactly(copy_packages, argos_dir, tmp_path):
    engine = _engine(argos_dir, copy_packages["ru_en"])
    assert engine.max_input < engine.length(S260) < engine.length(S900)  # the tiny tokenizer: 2,000+ tokens
    result, entries = _translate(tmp_path, copy_packages["ru_en"], [S260, S900])
    assert result.exit_code == 0, result.stderr
    assert entries[S260].msgstr == S260 and entries[S900].msgstr == S900  # nothing cut, nothing garbled
    for sentence in (S260, S900):
        (note,) = Provenance.of(entries[sentence]).values(Key.QA)
        assert note.startswith("MT translated this segment in ") and "longer than the model's 1022-token input" in note


@pytest.mark.slow
def test_a_translation_longer_than_the_decoder_is_made_in_clauses(short_decoder, argos_dir, tmp_path):
    engine = _engine(argos_dir, short_decoder)
    assert engine.max_output == 255 and 255 < engine.length(S80) <= engine.max_input
    result, entries = _translate(tmp_path, short_decoder, [S80, "Завод выпустил грузовики."])
    assert result.exit_code == 0, result.stderr
    assert entries[S80].msgstr == S80  # cut only between clauses, joined as the source was
    (note,) = Provenance.of(entries[S80]).values(Key.QA)
    assert note.startswith("MT translated this segment in ")
    assert note.endswith("pieces: its translation is longer than the model's 255 output positions")
    assert entries["Завод выпустил грузовики."].msgstr == "Завод выпустил грузовики."


@pytest.mark.slow
def test_without_a_clause_boundary_the_entry_stays_empty_with_the_reason(short_decoder, argos_dir, tmp_path):
    uncut = news_sentence(80, 3, joints=(" ",))  # one clause of 80 words: fits the input, not the decoder
    result, entries = _translate(tmp_path, short_decoder, [uncut])
    assert result.exit_code == 1  # --require-mt
    assert entries[uncut].msgstr == ""
    (note,) = Provenance.of(entries[uncut]).values(Key.QA)
    assert note == ("MT failed (its translation needs more than the model's 255 output positions and the segment "
                    "has no clause boundary (; : — , and …) to cut it at); translate this segment by hand")


def test_a_limit_too_small_for_the_sentence_is_raised_to_the_decoders(copy_packages, argos_dir):
    """max_length_ratio 0.3 gives 16 + 0.3 × n tokens: the copy needs n.  Decoded again with every position."""
    engine = _engine(argos_dir, copy_packages["ru_en"], max_length_ratio=0.3)
    sentence = news_sentence(40, 4)
    (best,) = engine.translate_batch([sentence])[0]
    assert best.text == sentence and not best.truncated and best.notes == ()


def test_a_limit_the_user_fixed_is_kept_and_flagged(copy_packages, argos_dir):
    from translate_pipeline.pretranslate.suggestion import suggestion_from

    engine = _engine(argos_dir, copy_packages["ru_en"], max_decoding_length=12)
    sentence = news_sentence(40, 5)
    best = engine.translate_batch([sentence])[0][0]
    assert best.truncated and sentence.startswith(best.text.strip()) and len(best.text) < len(sentence)
    assert "MT output truncated at the decoding length limit" in suggestion_from(engine, best).provenance.values(Key.QA)


def test_clauses_are_cut_only_at_linguistic_boundaries():
    from translate_pipeline.mt.split import split_to_fit

    chars = len  # one "token" per character keeps the arithmetic visible
    text = "Завод построят в Костанае, и он даст работу; план утвердили — сроки сжатые, но реальные."
    # loosest boundary first (;), a clause still too long cut at the next kind, then packed as fits
    assert split_to_fit(text, chars, 50) == [("", "Завод построят в Костанае, и он даст работу;"),
                                             (" ", "план утвердили — сроки сжатые, но реальные.")]
    assert split_to_fit(text, chars, 40) == [("", "Завод построят в Костанае,"), (" ", "и он даст работу; план утвердили"),
                                             (" ", "— сроки сжатые, но реальные.")]
    assert split_to_fit("Он сказал: «Да», который раз, и всё.", chars, 16) == [
        ("", "Он сказал: «Да»,"), (" ", "который раз,"), (" ", "и всё.")]  # ", который" opens a clause
    assert split_to_fit("Иванов Петров Сидоров Кузнецов Смирнов Попов", chars, 20) is None  # no boundary at all
    assert split_to_fit("Отчёт, цифры, таблицы, графики и выводы", chars, 20) is None  # a list: no clause joint
    assert split_to_fit("Короткая фраза.", chars, 40) == [("", "Короткая фраза.")]
