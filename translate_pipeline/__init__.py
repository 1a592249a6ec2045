"""translate_pipeline: Russian news articles → segments → PO catalogs → MT/TM/glossary → review → publish."""
from __future__ import annotations

__all__ = ["split_sentences"]


def split_sentences(text: str, lang: str) -> list[str]:
    """Split a paragraph into sentences (see :mod:`translate_pipeline.segment`)."""
    from translate_pipeline.segment import split_sentences as _split

    return _split(text, lang)
