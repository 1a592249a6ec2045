"""Argos Translate packages run directly through CTranslate2, batched.

The package's own tokenizer and target prefix are used exactly as Argos
would, but all segments of a language pair go through one cached translator
in large sorted batches instead of one sentence per call.
"""
from __future__ import annotations

from translate_pipeline.core.settings import DecodeOptions
from translate_pipeline.mt.decoding import CT2Engine
from translate_pipeline.mt.packages import InstalledPackage
from translate_pipeline.mt.tokenizers import load_tokenizer


class ArgosEngine(CT2Engine):
    replace_unknowns = True  # as Argos does: copy the most attended source token for <unk>

    def __init__(self, package: InstalledPackage, options: DecodeOptions, source: str = "", target: str = ""):
        """``source``/``target``: the pair to translate, for multilingual packages (default: the package's)."""
        super().__init__(package.path / "model", options)
        self.package = package
        self.source, self.target = source or package.source, target or package.target
        self.tokenizer = load_tokenizer(package.tokenizer, self.source, self.target)
        prefix = package.prefix_for(self.target)
        self._prefix = [prefix] if prefix else None

    @property
    def provenance(self) -> str:
        p = self.package
        return f"argos {p.name} {p.version} ({self.source}→{self.target})".replace("  ", " ")

    def encode(self, text: str) -> tuple[list[str], list[str] | None]:
        return self.tokenizer.encode(text), self._prefix

    def decode(self, tokens: list[str]) -> str:
        return self.tokenizer.decode(tokens)  # as it is: MT-raw keeps the raw output, spaces included
