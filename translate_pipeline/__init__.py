"""translate_pipeline: Russian news articles → segments → PO catalogs → MT/TM/glossary → review → publish."""

__version__ = "0.1.0"
__all__ = ["split_sentences", "__version__"]


def split_sentences(text: str, lang: str) -> list[str]:
    """Split a paragraph into sentences (see :mod:`translate_pipeline.source.segment`)."""
    from translate_pipeline.source.segment import split_sentences as _split

    return _split(text, lang)
