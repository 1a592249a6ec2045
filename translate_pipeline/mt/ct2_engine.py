"""Any CTranslate2 seq2seq model that is not an Argos package (``[mt.models.<name>]``).

Kinds differ only in how a segment is framed:

* ``nllb``  -- NLLB-200 / M2M style: source ``[src_code] pieces </s>``, target
  prefix ``[tgt_code]`` (e.g. ``rus_Cyrl`` → ``kaz_Cyrl``);
* ``t5``    -- source ``pieces(source_prefix + text) </s>``, no target prefix;
* ``plain`` -- source pieces only (the model's config adds what it needs), e.g.
  Marian/OPUS-MT, which also has its own ``target_tokenizer``.
"""
from __future__ import annotations

import json
from pathlib import Path

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.mt.decoding import CT2Engine
from translate_pipeline.mt.settings import DecodeOptions, ModelConfig
from translate_pipeline.mt.tokenizers import load_tokenizer


class GenericCT2Engine(CT2Engine):
    def __init__(self, model: ModelConfig, source: str, target: str, options: DecodeOptions):
        if not (model.path / "model.bin").is_file():
            raise PipelineError(f"[mt.models.{model.name}] path has no model.bin (convert the model with "
                                "ct2-transformers-converter first)", model.path)
        for tokenizer in filter(None, (model.tokenizer, model.target_tokenizer)):
            if not tokenizer.is_file():
                raise PipelineError(f"[mt.models.{model.name}] tokenizer file not found", tokenizer)
        if not model.serves(source, target):
            raise PipelineError(f"model {model.name} is not configured for {source}→{target}")
        super().__init__(model.path, options)
        self.model = model
        self.source, self.target = source, target
        self.tokenizer = load_tokenizer(model.tokenizer)
        self.target_tokenizer = load_tokenizer(model.target_tokenizer) if model.target_tokenizer else self.tokenizer
        self._src_code = model.languages.get(source, source)
        self._tgt_code = model.languages.get(target, target)
        if model.kind == "nllb":
            missing = [c for c in (self._src_code, self._tgt_code) if not _in_vocabulary(model.path, c)]
            if missing:
                raise PipelineError(f"model {model.name} has no language token {missing[0]!r} "
                                    f"(check [mt.models.{model.name}] languages)", model.path)

    @property
    def provenance(self) -> str:
        version = f" {self.model.version}" if self.model.version else ""
        return f"ct2 {self.model.name}{version} ({self.source}→{self.target})"

    def encode(self, text: str) -> tuple[list[str], list[str] | None]:
        kind = self.model.kind
        if kind == "nllb":
            return [self._src_code, *self.tokenizer.encode(text), "</s>"], [self._tgt_code]
        if kind == "t5":
            prefix = self.model.source_prefix.format(source=self._src_code, target=self._tgt_code)
            return [*self.tokenizer.encode(prefix + text), "</s>"], None
        return self.tokenizer.encode(text), None

    def decode(self, tokens: list[str]) -> str:
        return self.target_tokenizer.decode(tokens).strip()


def _in_vocabulary(model_dir: Path, token: str) -> bool:
    """True when the model's (shared or target) vocabulary holds ``token``; True if unreadable."""
    for name in ("shared_vocabulary", "target_vocabulary"):
        for suffix, read in ((".json", lambda p: json.loads(p.read_text("utf-8"))),
                             (".txt", lambda p: p.read_text("utf-8").splitlines())):
            path = model_dir / (name + suffix)
            if path.is_file():
                try:
                    return token in set(read(path))
                except (OSError, ValueError):
                    return True
    return True
