"""Tiny, real, offline translation models for the test suite.

``build_copy_package(dir, source, target)`` writes a genuine ``.argosmodel``: a
SentencePiece model trained on a few hundred generated ru/en/kk lines plus a
CTranslate2 Transformer whose weights are set by hand so that it *copies* its
input exactly.  Tests can therefore predict every translation (output ==
input), which the pivot, glossary and translate tests rely on.

How the copy works (pre-norm Transformer, one layer each side):

* the model dimension is ``V + 2*M``: a one-hot token block of size ``V`` and a
  two-level one-hot position block (``pos % M``, ``pos // M``) -- equal norm and
  equal sum for every token and position, so every layer norm is the same
  affine map and the construction stays exact;
* encoder layers are zeroed (residual only), so the encoder output is the
  normalised token + position one-hots; the source gets ``</s>`` appended
  (``add_source_eos``) so the copy ends;
* decoder embeddings are zero; the cross-attention query/key read only the
  position block, so decoder step ``t`` attends to source position ``t`` (or
  ``t-1`` when a target prefix token occupies step 0); the value/output read
  the token block, and the output projection reads it back: step ``t`` emits
  source token ``t``.
"""
from __future__ import annotations

import itertools
import json
import zipfile
from pathlib import Path

import numpy as np

M = 32  # positions are encoded as (pos % M, pos // M): up to M*M = 1024 positions
SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]

_RU_SUBJ = ["Компания", "Правительство", "Министерство", "Банк", "Завод", "Аким города", "Премьер-министр",
            "Президент", "Совет директоров", "Агентство"]
_RU_VERB = ["объявил о запуске", "подписал соглашение о", "начал строительство", "сообщил о росте",
            "представил план", "обсудил вопросы", "утвердил программу", "завершил проект"]
_RU_OBJ = ["нового завода в Казахстане", "экспорта грузовиков КАМАЗ", "производства автобусов",
           "лизинга сельхозтехники", "инвестиций в регион", "поставок запчастей в Алматы",
           "модернизации дорог", "цифровизации отрасли", "2,5 тысяч рабочих мест"]
_EN_SUBJ = ["The company", "The government", "The ministry", "The bank", "The plant", "The mayor",
            "The prime minister", "The board", "The agency"]
_EN_VERB = ["announced the launch of", "signed an agreement on", "started building", "reported growth in",
            "presented a plan for", "discussed", "approved a programme of", "completed"]
_EN_OBJ = ["a new plant in Kazakhstan", "truck exports", "bus production", "farm machinery leasing",
           "investment in the region", "spare parts supplies to Almaty", "road upgrades", "2.5 thousand jobs"]
_KK_SUBJ = ["Компания", "Үкімет", "Министрлік", "Банк", "Зауыт", "Қала әкімі", "Премьер-министр"]
_KK_VERB = ["жаңа жобаны іске қосты", "келісімге қол қойды", "құрылысты бастады", "өсім туралы хабарлады",
            "жоспарды ұсынды", "бағдарламаны бекітті"]
_KK_OBJ = ["Қазақстанда", "Алматыда", "Астанада", "өңірде", "биыл", "2025 жылы"]


def corpus_lines() -> list[str]:
    """A few hundred news-like ru/en/kk lines, deterministic, no external data."""
    lines = [f"{s} {v} {o}." for s, v, o in itertools.product(_RU_SUBJ, _RU_VERB, _RU_OBJ)][::2]
    lines += [f"{s} {v} {o}." for s, v, o in itertools.product(_EN_SUBJ, _EN_VERB, _EN_OBJ)][::3]
    lines += [f"{s} {o} {v}." for s, v, o in itertools.product(_KK_SUBJ, _KK_VERB, _KK_OBJ)]
    lines += ["«Цитата» и “quotes” – 1 234,5 ₸; №7 (snake_case_name) @ 100% 'x' [y] {z} ё Ё"]
    return lines


def train_sentencepiece(prefix: Path, vocab_size: int = 500) -> Path:
    """Train a byte-fallback SentencePiece model (any text round-trips) in about a second."""
    import sentencepiece as spm

    prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines()),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
    )
    return prefix.with_suffix(".model")


def _sp_pieces(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _positions(max_pos: int, dim: int, offset: int, start: int, height: float) -> np.ndarray:
    """Two-level one-hot position table; row ``t`` encodes position ``t - offset``."""
    table = np.zeros((max_pos, dim), dtype=np.float32)
    for t in range(max_pos):
        p = max(t - offset, 0)
        table[t, start + p % M] = height
        table[t, start + M + p // M] = height
    return table


def build_copy_model(out_dir: Path, vocabulary: list[str], offset: int = 0, add_source_eos: bool = True,
                     decoder_start_token: str = "<s>", eos_first: bool = False, decoder_positions: int = M * M) -> Path:
    """Save a CTranslate2 model that copies its source tokens (see module doc).

    ``eos_first``: a broken model that ends every translation at once (``</s>`` always wins), as a
    model fed the wrong framing can.  ``decoder_positions``: rows of the decoder's position table
    (fewer than the encoder's 1,024, as OPUS-MT's 512: a translation longer than that cannot be written).
    """
    from ctranslate2.specs import transformer_spec

    vocab_size = len(vocabulary)
    dim = vocab_size + 2 * M
    max_pos = M * M
    a = b = 1.0
    spec = transformer_spec.TransformerSpec.from_config(num_layers=(1, 1), num_heads=1)
    enc, dec = spec.encoder, spec.decoder
    zeros = lambda *shape: np.zeros(shape, dtype=np.float32)  # noqa: E731
    ones = lambda n: np.ones(n, dtype=np.float32)  # noqa: E731

    def norm(layer_norm) -> None:
        layer_norm.gamma, layer_norm.beta = ones(dim), zeros(dim)

    def linear(lin, weight) -> None:
        lin.weight, lin.bias = weight, zeros(weight.shape[0])

    def ffn(f) -> None:
        norm(f.layer_norm)
        linear(f.linear_0, zeros(4, dim))
        linear(f.linear_1, zeros(dim, 4))

    eye_tokens = np.zeros((dim, dim), dtype=np.float32)
    eye_tokens[np.arange(vocab_size), np.arange(vocab_size)] = 1.0
    eye_pos = np.zeros((dim, dim), dtype=np.float32)
    eye_pos[np.arange(vocab_size, dim), np.arange(vocab_size, dim)] = 1.0

    src_emb = zeros(vocab_size, dim)
    src_emb[np.arange(vocab_size), np.arange(vocab_size)] = a
    enc.embeddings[0].weight = src_emb
    enc.scale_embeddings = False
    enc.position_encodings.encodings = _positions(max_pos, dim, 0, vocab_size, b)
    layer = enc.layer[0]
    norm(layer.self_attention.layer_norm)
    linear(layer.self_attention.linear[0], zeros(3 * dim, dim))
    linear(layer.self_attention.linear[1], zeros(dim, dim))
    ffn(layer.ffn)
    norm(enc.layer_norm)

    dec.embeddings.weight = zeros(vocab_size, dim)
    dec.scale_embeddings = False
    dec.position_encodings.encodings = _positions(decoder_positions, dim, offset, vocab_size, b)
    layer = dec.layer[0]
    norm(layer.self_attention.layer_norm)
    linear(layer.self_attention.linear[0], zeros(3 * dim, dim))
    linear(layer.self_attention.linear[1], zeros(dim, dim))
    norm(layer.attention.layer_norm)
    # After the layer norms a one-hot of height 1 is ~sqrt(dim/3) and the softmax
    # scale is 1/sqrt(dim): these gains make a wrong position or token cost >= 40 nats.
    linear(layer.attention.linear[0], 40.0 * eye_pos)
    linear(layer.attention.linear[1], np.concatenate([eye_pos, eye_tokens]))
    linear(layer.attention.linear[2], eye_tokens)
    ffn(layer.ffn)
    norm(dec.layer_norm)
    linear(dec.projection, 40.0 * eye_tokens[:vocab_size])
    if eos_first:
        dec.projection.bias[vocabulary.index("</s>")] = 1000.0

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.config.add_source_eos = add_source_eos
    spec.config.decoder_start_token = decoder_start_token
    spec.validate()
    spec.optimize(quantization="int8")
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


def copy_vocabulary(sp_model: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """CTranslate2 vocabulary for a SentencePiece model, OpenNMT-style specials first."""
    pieces = [p for p in _sp_pieces(sp_model) if p not in ("<unk>", "<s>", "</s>")]
    return SPECIALS + pieces + [t for t in extra if t not in pieces]


def build_copy_package(directory: Path | str, source: str, target: str, *, version: str = "1.0",
                       target_prefix: str = "", name: str | None = None, to_codes: tuple[str, ...] = (),
                       eos_first: bool = False, decoder_positions: int = M * M) -> Path:
    """Write ``<name>.argosmodel`` (default ``translate-<source>_<target>-copy``) into
    ``directory`` and return its path.  The package's model copies its input.
    ``to_codes`` makes it multilingual (``to_codes`` in metadata.json, a ``{to_code}`` target prefix);
    ``eos_first`` makes its model write nothing, ``decoder_positions`` limits its output (see
    :func:`build_copy_model`).
    """
    directory = Path(directory)
    name = name or f"translate-{source}_{target}-copy"
    work = directory / f"{name}.build" / name
    sp_model = train_sentencepiece(work.parent / "sp" / "sentencepiece")
    extra = tuple(target_prefix.replace("{to_code}", t) for t in (to_codes or (target,))) if target_prefix else ()
    build_copy_model(work / "model", copy_vocabulary(sp_model, extra), offset=1 if target_prefix else 0,
                     eos_first=eos_first, decoder_positions=decoder_positions)
    (work / "sentencepiece.model").write_bytes(sp_model.read_bytes())
    metadata = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": source,
        "from_name": source,
        "to_code": target,
        "to_name": target,
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    if to_codes:
        metadata["from_codes"], metadata["to_codes"] = [source], list(to_codes)
    (work / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (work / "README.md").write_text(f"Test copy model {source}->{target}: output equals input.\n")
    archive = directory / f"{name}.argosmodel"
    zip_directory(work, archive)
    return archive


def zip_directory(folder: Path, archive: Path) -> Path:
    """Zip ``folder`` so its entries live under ``folder.name/`` (the Argos layout)."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return archive


def build_copy_ct2_model(directory: Path | str, extra_tokens: tuple[str, ...] = (),
                         add_source_eos: bool = False, offset: int = 0) -> tuple[Path, Path]:
    """A plain CTranslate2 copy model directory + SentencePiece file (not an Argos package),
    shaped like NLLB: source ``[lang] pieces </s>``, target prefix ``[lang]``.
    Returns ``(model_dir, sentencepiece_model)``.
    """
    directory = Path(directory)
    sp_model = train_sentencepiece(directory / "sp" / "sentencepiece")
    model_dir = build_copy_model(directory / "model", copy_vocabulary(sp_model, extra_tokens),
                                 offset=offset, add_source_eos=add_source_eos)
    return model_dir, sp_model
