"""Any CTranslate2 seq2seq model that is not an Argos package (``[mt.models.<name>]``).

Each ``kind`` frames a segment exactly as the model's reference implementation
(its Hugging Face tokenizer and ``generate()``) does; language tokens are
inserted as single vocabulary entries, never passed through SentencePiece:

* ``nllb``   -- NLLB-200: source ``rus_Cyrl pieces </s>``, target prefix ``kaz_Cyrl``;
* ``m2m100`` -- M2M-100: source ``__ru__ pieces </s>``, target prefix ``__kk__``;
* ``t5``     -- T5 seq2seq (e.g. kazRush): ``pieces(source_prefix + text) </s>``, no prefix;
* ``madlad`` -- MADLAD-400 (T5): ``<2kk> pieces </s>``, no prefix;
* ``marian`` -- Marian / OPUS-MT: ``[>>kaz_Cyrl<<] pieces </s>`` (the language token only for
  multi-target models); ``ct2-transformers-converter`` does not set ``add_source_eos`` for
  Marian, so ``</s>`` is added here; ``target.spm`` decodes;
* ``plain``  -- source pieces only (a model whose converted config adds what it needs).

The target prefix is stripped from the output; tokens that are not text (language
tokens that are no SentencePiece piece, ``<pad>``, fairseq's ``madeupword`` entries) are dropped as
``tokenizer.decode(skip_special_tokens=True)`` drops them, while ``<unk>`` stays
visible as ``⁇`` (``models check`` fails on it; ``disable_unk = true`` prevents it).
A source longer than ``max_input_length`` tokens is cut as the reference tokenizer's
``truncation=True`` cuts it (pieces dropped, special tokens kept) and its hypotheses are
flagged ``truncated``, so the entry gets a ``QA:`` note instead of silently losing text.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.mt.decoding import CT2Engine
from translate_pipeline.mt.engine import Hypothesis, ProgressFn
from translate_pipeline.mt.settings import DecodeOptions, ModelConfig
from translate_pipeline.mt.tokenizers import load_tokenizer

EOS = "</s>"
# kinds whose source starts with the source language token / whose target starts with a forced prefix
_SOURCE_TOKEN = {"nllb", "m2m100"}
_TARGET_PREFIX = {"nllb", "m2m100"}
_TARGET_FIRST_SOURCE_TOKEN = {"madlad", "marian"}


class GenericCT2Engine(CT2Engine):
    def __init__(self, model: ModelConfig, source: str, target: str, options: DecodeOptions):
        label = f"[mt.models.{model.name}]"
        if not (model.path / "model.bin").is_file():
            raise PipelineError(f"{label} path has no model.bin (run `translate-pipeline models add` "
                                "to convert the model)", model.path)
        for tokenizer in filter(None, (model.tokenizer, model.target_tokenizer)):
            if not tokenizer.is_file():
                raise PipelineError(f"{label} tokenizer file not found", tokenizer)
        if not model.serves(source, target):
            raise PipelineError(f"model {model.name} is not configured for {source}→{target}")
        super().__init__(model.path, options)
        self.model = model
        self.source, self.target = source, target
        self.tokenizer = load_tokenizer(model.tokenizer)
        self.target_tokenizer = load_tokenizer(model.target_tokenizer) if model.target_tokenizer else self.tokenizer
        kind = model.kind
        self._src_code = model.languages.get(source, "") if kind in _SOURCE_TOKEN else ""
        self._tgt_code = model.languages.get(target, "") if kind in _TARGET_PREFIX | _TARGET_FIRST_SOURCE_TOKEN else ""
        if kind in _TARGET_PREFIX | {"madlad"} and not (self._tgt_code and (self._src_code or kind == "madlad")):
            code = target if not self._tgt_code else source
            raise PipelineError(f"model {model.name} has no language token for {code!r} "
                                f"(add it to {label} languages)")
        vocabulary = model_vocabulary(model.path)
        wanted = [t for t in (self._src_code, self._tgt_code) if t] + ([EOS] if kind != "plain" else [])
        missing = [t for t in wanted if vocabulary is not None and t not in vocabulary]
        if missing:
            raise PipelineError(f"model {model.name}: special token {missing[0]!r} is not one entry of the model's "
                                f"vocabulary (check {label} languages)", model.path)
        # language tokens of NLLB/M2M/OPUS-MT are no SentencePiece pieces (decode drops them); MADLAD's
        # <2xx> are pieces, kept in the text as its tokenizer keeps them
        self._specials = {EOS, "<s>", "<pad>", "<mask>"}
        self.decode_extras = {"disable_unk": True} if model.disable_unk else None
        # The model's own repetition settings replace [mt]'s; a looping output's retry still raises them.
        if model.repetition_penalty != 1.0 or model.no_repeat_ngram_size:
            self.options = replace(self.options, repetition_penalty=model.repetition_penalty,
                                   no_repeat_ngram_size=model.no_repeat_ngram_size)

    @property
    def provenance(self) -> str:
        version = f" {self.model.version}" if self.model.version else ""
        return f"ct2 {self.model.name}{version} ({self.source}→{self.target})"

    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        """As :meth:`CT2Engine.translate_batch`; a source cut at ``max_input_length`` is flagged ``truncated``."""
        self._cut_texts: set[str] = set()
        results = super().translate_batch(texts, n_best=n_best, progress=progress)
        return [[replace(h, truncated=True) for h in hyps] if text in self._cut_texts else hyps
                for text, hyps in zip(texts, results)]

    def encode(self, text: str) -> tuple[list[str], list[str] | None]:
        kind = self.model.kind
        if kind == "plain":
            return self._cut(text, self.tokenizer.encode(text), 0), None
        if kind == "t5":
            prefix = self.model.source_prefix.format(source=self.source, target=self.target)
            text = prefix + text
        first = "" if kind == "t5" else (self._src_code or self._tgt_code)
        head = [first] if first else []
        pieces = self._cut(text, self.tokenizer.encode(text), len(head) + 1)
        return [*head, *pieces, EOS], [self._tgt_code] if kind in _TARGET_PREFIX else None

    def _cut(self, text: str, pieces: list[str], specials: int) -> list[str]:
        limit = self.model.max_input_length
        if not limit or len(pieces) + specials <= limit:
            return pieces
        getattr(self, "_cut_texts", set()).add(text)
        return pieces[:max(0, limit - specials)]

    def decode(self, tokens: list[str]) -> str:
        text = [t for t in tokens if t not in self._specials and not t.startswith("madeupword")]
        known = getattr(self.target_tokenizer, "known", None)
        if known is not None:  # language tokens and fairseq extras have no SentencePiece piece
            text = [t for t in text if known(t)]
        return self.target_tokenizer.decode(text).strip()


def model_vocabulary(model_dir: Path) -> set[str] | None:
    """The converted model's (target or shared) vocabulary; None when it has no readable vocabulary file."""
    for name in ("shared_vocabulary", "source_vocabulary", "target_vocabulary"):
        for suffix in (".json", ".txt"):
            path = Path(model_dir) / (name + suffix)
            if path.is_file():
                try:
                    text = path.read_text("utf-8")
                    return set(json.loads(text) if suffix == ".json" else text.splitlines())
                except (OSError, ValueError, RecursionError):
                    return None
    return None
