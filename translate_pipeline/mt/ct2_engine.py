"""Any CTranslate2 seq2seq model that is not an Argos package (``[mt.models.<name>]``).

A segment is framed exactly as the model's reference implementation (its Hugging Face tokenizer
and ``generate()``) frames it: by the :class:`~translate_pipeline.mt.families.Framing` recorded
from the snapshot's tokenizer in the model's manifest (:mod:`.manifest`, :mod:`.framing`), or,
for a model added without one, by the default of the family the table's ``kind`` names
(:mod:`translate_pipeline.mt.families`): NLLB-200 ``rus_Cyrl pieces </s>`` with target prefix
``kaz_Cyrl``, MADLAD-400 ``▁ <2kk> pieces </s>``, … (the README's family table lists them all).  Language tokens are
inserted as single vocabulary entries, never passed through SentencePiece; every token the
framing adds must be one entry of the model's vocabulary (checked when the engine loads).
The table's ``source_prefix`` (T5 task prefixes) is put before the text.

The target prefix is stripped from the output; tokens that are not text (language
tokens that are no SentencePiece piece, ``<pad>``, the family's filler entries) are dropped as
``tokenizer.decode(skip_special_tokens=True)`` drops them, while ``<unk>`` stays
visible as ``⁇`` (``models check`` fails on it; ``disable_unk = true`` prevents it).
A source longer than ``max_input_length`` tokens (the reference tokenizer's ``model_max_length``)
is never cut: it is translated in clauses that fit (:mod:`.split`), or fails with the reason.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError
from translate_pipeline.core.settings import DecodeOptions, output_settings
from translate_pipeline.mt.decoding import CT2Engine
from translate_pipeline.mt.families import FAMILIES, SOURCE, TARGET, read_vocabulary
from translate_pipeline.mt.manifest import read_manifest
from translate_pipeline.mt.settings import ModelConfig
from translate_pipeline.mt.tokenizers import load_tokenizer


class GenericCT2Engine(CT2Engine):
    def __init__(self, model: ModelConfig, source: str, target: str, options: DecodeOptions):
        label = f"[mt.models.{model.name}]"
        if not (model.path / "model.bin").is_file():
            raise EnvironmentProblem(f"{label} path has no model.bin (run `translate-pipeline models add` "
                                "to convert the model)", model.path)
        for tokenizer in filter(None, (model.tokenizer, model.target_tokenizer)):
            if not tokenizer.is_file():
                raise EnvironmentProblem(f"{label} tokenizer file not found", tokenizer)
        if not model.serves(source, target):
            raise PipelineError(f"model {model.name} is not configured for {source}→{target}")
        super().__init__(model.path, options)
        self.model = model
        self.source, self.target = source, target
        self.tokenizer = load_tokenizer(model.tokenizer)
        self.target_tokenizer = load_tokenizer(model.target_tokenizer) if model.target_tokenizer else self.tokenizer
        self.family = FAMILIES[model.table.kind]
        manifest = read_manifest(model.path)
        recorded = manifest.recorded_framing() if manifest is not None and manifest.kind == model.table.kind else None
        # What frames this model: the framing recorded from its tokenizer, else the family's default.
        self.recorded_framing = recorded or self.family.framing
        self.framing_origin = "recorded from the snapshot's tokenizer" if recorded else \
            f"the {self.family.name} family's default (none recorded)"
        codes = {SOURCE: source, TARGET: target}
        self.language_tokens = {p: model.table.languages.get(codes[p], "") for p in (SOURCE, TARGET)}
        tokens = {p: self.language_tokens[p] for p in self.recorded_framing.placeholders()}
        for placeholder, token in tokens.items():
            if not token and self.family.tokens_required:
                raise PipelineError(f"model {model.name} has no language token for {codes[placeholder]!r} "
                                    f"(add it to {label} languages)")
        self.framing = self.recorded_framing.resolve(tokens)
        vocabulary = read_vocabulary(model.path)
        if vocabulary is not None:
            framing = self.framing
            wanted = [(t, vocabulary.source) for t in framing.before] + \
                [(t, vocabulary.target) for t in framing.target_prefix] + [(t, vocabulary.source) for t in framing.after]
            missing = [t for t, entries in wanted if t not in entries]
            if missing:
                raise EnvironmentProblem(f"model {model.name}: special token {missing[0]!r} is not one entry of the "
                                    f"model's vocabulary (check {label} languages)", model.path)
        self.decode_extras = {"disable_unk": True} if model.table.disable_unk else None
        self.forced_eos = model.table.forced_eos
        if model.table.max_input_length:  # the reference tokenizer's limit, when below the position table's
            self.max_input = min(self.max_input or model.table.max_input_length, model.table.max_input_length)
        # The model's own repetition settings replace [mt]'s; a looping output's retry still raises them.
        if model.table.repetition_penalty != 1.0 or model.table.no_repeat_ngram_size:
            self.options = replace(self.options, repetition_penalty=model.table.repetition_penalty,
                                   no_repeat_ngram_size=model.table.no_repeat_ngram_size)

    @property
    def decode_settings(self) -> Mapping[str, object]:
        """The engine's (:attr:`CT2Engine.decode_settings`) with the model table's settings that
        change the output (its ``affects_output`` fields: source prefix, forced end token …) and the framing."""
        framing = self.framing
        return {**super().decode_settings, "model": output_settings(self.model.table),
                "framing": [list(framing.before), list(framing.after), list(framing.target_prefix)]}

    @property
    def provenance(self) -> str:
        version = f" {self.model.table.version}" if self.model.table.version else ""
        return f"ct2 {self.model.name}{version} ({self.source}→{self.target})"

    def encode(self, text: str) -> tuple[list[str], list[str] | None]:
        prefixed = self.model.table.source_prefix.format(source=self.source, target=self.target) + text
        framing = self.framing
        return [*framing.before, *self.tokenizer.encode(prefixed), *framing.after], list(framing.target_prefix) or None

    def decode(self, tokens: list[str]) -> str:
        text = [t for t in tokens if self.family.is_text(t)]
        known = getattr(self.target_tokenizer, "known", None)
        if known is not None:  # language tokens and fairseq extras have no SentencePiece piece
            text = [t for t in text if known(t)]
        return self.target_tokenizer.decode(text)  # as it is: MT-raw keeps the raw output, spaces included
