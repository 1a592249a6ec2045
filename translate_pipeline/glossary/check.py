"""Where the glossary's terms occur in a source article (``glossary check``)."""
from __future__ import annotations

from translate_pipeline.glossary.api import Glossary
from translate_pipeline.source.article import Article


def article_occurrences(article: Article, glossary: Glossary, source_lang: str, target_langs: list[str]) -> dict:
    """Every occurrence in ``article`` with segment index, source line, character span and concept.

    Spans are offsets into the segment text, as the PO ``msgid`` holds it.
    """
    occurrences = []
    for index, segment in enumerate(article.segments):
        for occ in glossary.find(segment.text):
            occurrences.append(
                {
                    "segment": index,
                    "line": segment.line,
                    "start": occ.start,
                    "end": occ.end,
                    "text": occ.text,
                    "concept": occ.concept.id,
                    "term": occ.concept.preferred(source_lang),
                    "targets": {lang: occ.concept.preferred(lang) for lang in target_langs if occ.concept.accepted(lang)},
                    "sentence": segment.text,
                }
            )
    concepts = sorted({o["concept"] for o in occurrences})
    return {"article": str(article.path), "segments": len(article.segments), "occurrences": occurrences, "concepts": concepts}
