"""Subword tokenizers of translation models, loaded once per model file.

SentencePiece is decoded with SentencePiece's own ``decode_pieces``: unlike
argostranslate 1.11 (which then replaces every ``_`` by a space), underscores
in the text -- identifiers, placeholders -- survive the round trip.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Protocol

from translate_pipeline.core.errors import EnvironmentProblem


class Tokenizer(Protocol):
    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...


class SentencePieceTokenizer:
    def __init__(self, model_file: Path):
        import sentencepiece as spm

        try:
            self.processor = spm.SentencePieceProcessor(model_file=str(model_file))
        except (OSError, RuntimeError) as exc:
            raise EnvironmentProblem(f"cannot load SentencePiece model ({exc})", model_file) from exc

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        return self.processor.decode_pieces(tokens)

    @property
    def unknown_piece(self) -> str:
        """The piece standing for anything the vocabulary lacks (``<unk>``; decoded as `` ⁇ ``)."""
        return self.processor.id_to_piece(self.processor.unk_id())

    def known(self, piece: str) -> bool:
        """True when ``piece`` is one of the model's pieces (``<unk>`` included)."""
        unk = self.processor.unk_id()
        return self.processor.piece_to_id(piece) != unk or piece == self.processor.id_to_piece(unk)


class BPETokenizer:
    """Moses + subword-nmt BPE, as in older Argos packages (needs ``sacremoses``)."""

    def __init__(self, model_file: Path, source: str, target: str):
        try:
            import sacremoses  # noqa: F401
        except ImportError as exc:
            raise EnvironmentProblem("this package uses BPE tokenization: pip install sacremoses", model_file) from exc
        from argostranslate.tokenizer import BPETokenizer as ArgosBPE

        self._bpe = ArgosBPE(model_file, source, target)

    def encode(self, text: str) -> list[str]:
        return self._bpe.encode(text)

    def decode(self, tokens: list[str]) -> str:
        return self._bpe.decode(tokens)


@functools.lru_cache(maxsize=None)
def load_tokenizer(model_file: Path, source: str = "", target: str = "") -> Tokenizer:
    if Path(model_file).name == "bpe.model":
        return BPETokenizer(model_file, source, target)
    return SentencePieceTokenizer(model_file)
