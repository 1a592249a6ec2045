"""Tiny random-weight Hugging Face translation models, one per family, built offline.

Each is a genuine ``save_pretrained`` snapshot (config.json, model.safetensors,
tokenizer files) of the real architecture -- NLLB-200 and M2M-100
(``M2M100ForConditionalGeneration``), T5 (kazRush), MADLAD-400 (T5 with ``<2xx>``
pieces), Marian/OPUS-MT (multi-target, ``>>kaz_Cyrl<<``) -- with a SentencePiece
tokenizer trained on the generated corpus of :mod:`mt_models`.  The weights are random
but scaled so that the output depends on every source token and its position (a
missing ``</s>`` or a language token in the wrong place changes the translation),
and ``</s>`` is favoured enough that some outputs end before the length limit.
``transformers`` is the reference: tests compare its greedy ``generate()`` with the
pipeline's output token for token.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from mt_models import corpus_lines

FAMILIES = ("nllb", "m2m100", "t5", "madlad", "marian")
# The 22 Russian news sentences of the equivalence tests (with characters the tiny vocabularies lack).
SENTENCES = [
    "Премьер-министр Казахстана объявил о запуске нового завода в Костанае.",
    "Компания КАМАЗ подписала соглашение о поставках запчастей в Алматы.",
    "Министерство сообщило о росте экспорта грузовиков на 12,5%.",
    "Аким города обсудил вопросы модернизации дорог с жителями.",
    "«Мы откроем 2,5 тысяч рабочих мест», — сказал директор завода.",
    "Банк утвердил программу лизинга сельхозтехники на 2025 год.",
    "Президент представил план цифровизации отрасли.",
    "Правительство завершило проект строительства нового моста.",
    "Совет директоров одобрил инвестиции в регион.",
    "Агентство сообщило, что производство автобусов выросло вдвое.",
    "В Астане прошла встреча министров энергетики.",
    "Цены на бензин в Казахстане не изменятся до конца года.",
    "По словам эксперта, рынок труда восстанавливается.",
    "Завод выпустил первую партию грузовиков 1 марта.",
    "Жители Алматы жалуются на пробки и смог.",
    "На реконструкцию школы выделили 300 млн тенге.",
    "Министр здравоохранения посетил новую больницу.",
    "Экспорт пшеницы вырос на 7% по сравнению с прошлым годом.",
    "Компания планирует выйти на рынок Узбекистана.",
    "Полиция задержала подозреваемых в мошенничестве.",
    "Погода в Костанае: завтра ожидается снег и ветер до 15 м/с.",
    "Национальный банк сохранил базовую ставку на уровне 15,25%.",
]
SMALL = dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
             encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=1024, tie_word_embeddings=False,
             dropout=0.0)
T5_SMALL = dict(d_model=32, d_kv=16, d_ff=64, num_layers=1, num_decoder_layers=1, num_heads=2, dropout_rate=0.0,
                tie_word_embeddings=False, feed_forward_proj="gated-gelu", relative_attention_num_buckets=8,
                relative_attention_max_distance=32)
LICENSES = {"nllb": "cc-by-nc-4.0", "m2m100": "mit", "t5": "apache-2.0", "madlad": "apache-2.0",
            "marian": "cc-by-4.0"}


def _train(prefix: Path, model_type: str = "bpe", **options) -> Path:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines()), model_prefix=str(prefix), vocab_size=600, model_type=model_type,
        character_coverage=1.0, hard_vocab_limit=False, minloglevel=2, num_threads=1, **options)
    Path(str(prefix) + ".vocab").unlink()
    return Path(str(prefix) + ".model")


def _randomize(model, eos_id: int, seed: int, other: float = 10.0, embeddings: float = 0.5,
               eos_boost: float = 2.0) -> None:
    """Large random weights (input-sensitive outputs); small token embeddings so positions count."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if "norm" in name:
                continue
            if param.dim() == 1:
                param.copy_(torch.randn(param.shape, generator=generator) * 0.1)
                continue
            scale = embeddings if ("embed_tokens" in name or "shared" in name) else other
            param.copy_(torch.randn(param.shape, generator=generator) * scale / param.shape[-1] ** 0.5)
        if model.get_output_embeddings() is not None and not model.config.tie_word_embeddings:
            model.get_output_embeddings().weight[eos_id] *= eos_boost


def _card(out: Path, family: str) -> None:
    (out / "README.md").write_text(f"---\nlicense: {LICENSES[family]}\n---\n# tiny {family} (random weights)\n",
                                   "utf-8")


def _fresh(out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return out


def build_nllb(out: Path) -> Path:
    import transformers

    out = _fresh(out)
    _train(out / "sentencepiece.bpe")
    tok = transformers.NllbTokenizer.from_pretrained(
        str(out), additional_special_tokens=["rus_Cyrl", "kaz_Cyrl", "eng_Latn"], src_lang="rus_Cyrl",
        tgt_lang="kaz_Cyrl", model_max_length=200)
    (out / "sentencepiece.bpe.model").rename(out / "spm.tmp")  # save_pretrained would not keep it
    config = transformers.M2M100Config(
        vocab_size=len(tok), pad_token_id=tok.pad_token_id, bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id, decoder_start_token_id=tok.eos_token_id, scale_embedding=True, **SMALL)
    model = transformers.M2M100ForConditionalGeneration(config)
    _randomize(model, tok.eos_token_id, seed=1)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    (out / "spm.tmp").rename(out / "sentencepiece.bpe.model")
    _card(out, "nllb")
    return out


def build_m2m100(out: Path) -> Path:
    import sentencepiece as spm
    import transformers

    out = _fresh(out)
    sp = _train(out / "sentencepiece.bpe")
    processor = spm.SentencePieceProcessor(model_file=str(sp))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}  # fairseq's dictionary order
    for i in range(processor.get_piece_size()):
        if not (processor.is_control(i) or processor.is_unknown(i)):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    tok = transformers.M2M100Tokenizer(vocab_file=str(out / "vocab.json"), spm_file=str(sp), src_lang="ru",
                                       tgt_lang="kk", model_max_length=200)
    config = transformers.M2M100Config(
        vocab_size=len(tok.encoder) + len(tok.lang_code_to_id) + tok.num_madeup_words,
        pad_token_id=tok.pad_token_id, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.eos_token_id, scale_embedding=True, **SMALL)
    model = transformers.M2M100ForConditionalGeneration(config)
    _randomize(model, tok.eos_token_id, seed=2)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    # save_pretrained adds the language tokens to vocab.json, shifting every language id on reload;
    # the published m2m100 snapshots keep them out of it
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    _card(out, "m2m100")
    return out


def _build_t5(out: Path, family: str, seed: int, user_defined: tuple[str, ...] = (), other: float = 10.0) -> Path:
    import transformers

    out = _fresh(out)
    sp = _train(out / "spiece", model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                user_defined_symbols=list(user_defined))
    tok = transformers.T5Tokenizer.from_pretrained(str(out), extra_ids=0, model_max_length=512)
    sp.rename(out / "spm.tmp")
    config = transformers.T5Config(vocab_size=len(tok), pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
                                   decoder_start_token_id=tok.pad_token_id, **T5_SMALL)
    model = transformers.T5ForConditionalGeneration(config)
    _randomize(model, tok.eos_token_id, seed=seed, other=other, eos_boost=2.5)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    (out / "spm.tmp").rename(out / "spiece.model")
    _card(out, family)
    return out


def build_t5(out: Path) -> Path:
    """kazRush-shaped: a T5 seq2seq model for one pair (its directory name says ru-kk)."""
    return _build_t5(out, "t5", seed=3)


def build_madlad(out: Path) -> Path:
    """T5 has no absolute positions and large weights make its attention hard: soft attention
    (``other=1``) makes the output depend on the ``▁`` MADLAD's tokenizer puts before ``<2kk>``
    (12 of the 22 sentences change without it)."""
    return _build_t5(out, "madlad", seed=4, user_defined=("<2kk>", "<2en>", "<2ru>"), other=1.0)


def build_marian(out: Path, language_tokens: tuple[str, ...] = (">>kaz_Cyrl<<", ">>eng<<"), *,
                 forced_eos: bool = False, zero_pad: bool = True) -> Path:
    """A multi-target OPUS-MT-shaped model: ``>>kaz_Cyrl<<`` / ``>>eng<<`` choose the target
    (``language_tokens=()``: a single-target one, as most OPUS-MT models are).  ``forced_eos``: its
    generation config forces ``</s>`` at the length limit, as published OPUS-MT models do;
    ``zero_pad=False``: the decoder start (``<pad>``) embedding is not zero, unlike OPUS-MT's."""
    import sentencepiece as spm
    import torch
    import transformers

    out = _fresh(out)
    source = _train(out / "source", model_type="unigram")
    target = _train(out / "target", model_type="unigram")
    vocab = {"</s>": 0, "<unk>": 1, **{token: 2 + i for i, token in enumerate(language_tokens)}}
    for sp in (source, target):
        processor = spm.SentencePieceProcessor(model_file=str(sp))
        for i in range(processor.get_piece_size()):
            if not (processor.is_control(i) or processor.is_unknown(i)):
                vocab.setdefault(processor.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)  # last, as in OPUS-MT (CTranslate2 drops it)
    source.rename(out / "source.spm")
    target.rename(out / "target.spm")
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    tok = transformers.MarianTokenizer(source_spm=str(out / "source.spm"), target_spm=str(out / "target.spm"),
                                       vocab=str(out / "vocab.json"), model_max_length=512)
    config = transformers.MarianConfig(
        vocab_size=len(tok), pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.pad_token_id, scale_embedding=True, share_encoder_decoder_embeddings=True,
        **{**SMALL, "tie_word_embeddings": True})  # OPUS-MT ties source, target and output embeddings
    model = transformers.MarianMTModel(config)
    _randomize(model, tok.eos_token_id, seed=5, other=3.0, embeddings=3.0)
    with torch.no_grad():
        if zero_pad:
            model.get_input_embeddings().weight[tok.pad_token_id] = 0  # Marian decodes from a zero <pad> embedding
        model.final_logits_bias[0, tok.eos_token_id] = 2.0
    model.generation_config.bad_words_ids = [[tok.pad_token_id]]  # as OPUS-MT's config: never emit <pad>
    model.generation_config.forced_eos_token_id = tok.eos_token_id if forced_eos else None
    model.save_pretrained(out)
    tok.save_pretrained(out)
    _card(out, "marian")
    return out


BUILDERS = {"nllb": build_nllb, "m2m100": build_m2m100, "t5": build_t5, "madlad": build_madlad,
            "marian": build_marian}
# Directory names: the pair in a name is how `models add` learns what a single-pair model serves.
DIRS = {"nllb": "tiny-nllb", "m2m100": "tiny-m2m100", "t5": "tiny-kazrush-ru-kk", "madlad": "tiny-madlad",
        "marian": "tiny-opus-mt-ru-mul"}


def build_all(directory: Path) -> dict[str, Path]:
    return {family: BUILDERS[family](Path(directory) / DIRS[family]) for family in FAMILIES}
