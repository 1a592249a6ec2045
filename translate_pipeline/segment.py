"""Sentence segmentation (interim: razdel; replaced by the tuned splitter)."""
from __future__ import annotations

import razdel


def normalize_space(text: str) -> str:
    return " ".join(text.split())


def split_sentences(text: str, lang: str) -> list[str]:
    text = normalize_space(text)
    return [s.text for s in razdel.sentenize(text)] if text else []
