"""The Argos engine on a real package whose model copies its input."""
from __future__ import annotations

from dataclasses import replace

import pytest

from translate_pipeline.mt.argos_engine import ArgosEngine
from translate_pipeline.mt.packages import install_archive
from translate_pipeline.core.settings import DecodeOptions
from translate_pipeline.mt.settings import decode_options

TRAPS = [
    "Компания открыла завод литья.Премьер-министр РК приветствовал проект.",
    "Лизинг через «БРК – Лизинг» и “Нyundai” на 2,5 тысяч машин.",
    "snake_case_id и __placeholder__ остаются как есть",
    "Қала әкімі жаңа жобаны іске қосты.",
]


@pytest.fixture
def ru_en(copy_packages, argos_dir):
    return install_archive(copy_packages["ru_en"], argos_dir)


def test_copy_model_reproduces_input_including_underscores(ru_en):
    engine = ArgosEngine(ru_en, decode_options(DecodeOptions(beam_size=2)))
    hyps = engine.translate_batch(TRAPS)
    assert [h[0].text for h in hyps] == TRAPS
    assert all(len(h) == 1 and not h[0].truncated for h in hyps)
    assert engine.provenance == "argos translate-ru_en-copy 1.9 (ru→en)"


def test_order_duplicates_and_empty_inputs(ru_en):
    texts = ["Длинное предложение про завод КАМАЗ в Казахстане.", "Да.", "", "Да.",
             "Среднее предложение.", "Длинное предложение про завод КАМАЗ в Казахстане."]
    engine = ArgosEngine(ru_en, decode_options(DecodeOptions(max_batch_size=2)))
    seen = []
    hyps = engine.translate_batch(texts, progress=seen.append)
    assert [h[0].text for h in hyps] == texts
    assert sum(seen) == len(texts)


def test_duplicates_are_translated_once(ru_en, monkeypatch):
    import translate_pipeline.mt.decoding as decoding

    calls = []
    real = decoding.decode_unique
    monkeypatch.setattr(decoding, "decode_unique", lambda t, sources, *a, **k: calls.append(len(sources))
                        or real(t, sources, *a, **k))
    ArgosEngine(ru_en, decode_options(DecodeOptions())).translate_batch(["А.", "Б.", "А.", "А."])
    assert calls == [2]


def test_n_best_sorted_and_distinct(ru_en):
    hyps = ArgosEngine(ru_en, decode_options(DecodeOptions(beam_size=4))).translate_batch(["Завод КАМАЗ."], n_best=3)[0]
    assert len(hyps) == 3 and hyps[0].text == "Завод КАМАЗ."
    assert [h.score for h in hyps] == sorted((h.score for h in hyps), reverse=True)
    assert len({h.text for h in hyps}) == 3


def test_truncation_is_flagged(ru_en):
    options = decode_options(DecodeOptions(max_decoding_length=8))
    long, short = "Очень длинное предложение о строительстве завода.", "Да"
    hyps = ArgosEngine(ru_en, options).translate_batch([long, short])
    assert hyps[0][0].truncated and hyps[0][0].text != long and long.startswith(hyps[0][0].text)
    assert not hyps[1][0].truncated and hyps[1][0].text == short


def test_default_limit_follows_input_length(ru_en):
    text = " ".join(["Правительство утвердило программу модернизации дорог."] * 12)  # > 256 tokens
    hyp = ArgosEngine(ru_en, decode_options(DecodeOptions())).translate_batch([text])[0][0]
    assert hyp.text == text and not hyp.truncated


def test_a_segments_hypotheses_do_not_depend_on_the_segments_beside_it(ru_en, monkeypatch):
    """Each input is decoded with its own limit: a long batch companion no longer lets a short
    segment's unfinished alternatives (the copy model's never end) run on to the long one's limit."""
    import translate_pipeline.mt.decoding as decoding

    engine = ArgosEngine(ru_en, decode_options(DecodeOptions(beam_size=4)))
    short, long = "Завод КАМАЗ.", " ".join(["Правительство утвердило программу модернизации дорог."] * 4)
    alone = engine.translate_batch([short], n_best=4)[0]
    limits = []
    real = decoding._submit
    monkeypatch.setattr(decoding, "_submit", lambda tr, sources, *a, **k: limits.append((len(sources), a[-1]))
                        or real(tr, sources, *a, **k))
    together = engine.translate_batch([long, short], n_best=4)[1]
    assert alone[0].text == short and len(alone) == 4
    assert together == alone  # with one limit per batch, its three alternatives ran on to the long one's
    assert len(limits) == 2 and all(count == 1 for count, _ in limits) and limits[0][1] > 4 * limits[1][1]


def test_target_prefix_is_sent_and_stripped(copy_packages, argos_dir):
    package = install_archive(copy_packages["ru_en_prefix"], argos_dir)
    assert package.target_prefix == "__en__"
    hyps = ArgosEngine(package, decode_options(DecodeOptions())).translate_batch(TRAPS[:2])
    assert [h[0].text for h in hyps] == TRAPS[:2]
