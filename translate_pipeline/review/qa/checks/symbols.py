"""symbols: characters MT tokenizers normalise away (``м²`` → ``м2``, ``10⁶`` → ``106``) kept in the target."""
from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterator

from translate_pipeline.core.langs import Tag
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register

# How a language conventionally writes a symbol it does not use itself (a translator's rendering, not a loss).
RENDERINGS = {"en": {"№": ("No.", "No ", "no.", "#", "number")}}


def _symbol(char: str) -> bool:
    """A character whose NFKC compatibility form (what SentencePiece feeds a model, Unicode TR #15)
    has other letters or digits: superscripts and subscripts, vulgar fractions, ``№``, ``™``, ligatures."""
    folded = unicodedata.normalize("NFKC", char)
    return folded != char and not char.isspace() and any(c.isalnum() for c in folded)


@register("symbols", "warning")
def check_symbols(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """A symbol of the source (``²``, ``₂``, ``⁶``, ``½``, ``№`` …) missing in the target, e.g. written
    as the plain characters a tokenizer reads it as (``м2``, ``CO2``, ``106``, ``1⁄2``, ``No``)."""
    language = Tag.parse(ctx.target_lang).language
    have = Counter(c for c in target if _symbol(c))
    for char, count in Counter(c for c in source if _symbol(c)).items():
        if have[char] >= count or any(r in target for r in RENDERINGS.get(language, {}).get(char, ())):
            continue
        folded = unicodedata.normalize("NFKC", char)
        hint = f" (written as {folded!r}?)" if folded in target else ""
        yield Problem(f"{char!r} ({unicodedata.name(char, 'symbol').lower()}) of the source is missing in the "
                      f"target{hint}")
