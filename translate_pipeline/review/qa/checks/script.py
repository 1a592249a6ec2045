"""Writing-system checks: the target must be in its own script, words in one script each."""
from __future__ import annotations

from typing import Iterator

from translate_pipeline.core.langs import Tag
from translate_pipeline.core.text import (
    KAZAKH_LETTERS,
    describe_mixed,
    homoglyph_fix,
    mixed_script_words,
    source_notes,
    word_scripts,
    words,
)
from translate_pipeline.review.qa.addresses import without_addresses
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register

# Latin words that are ordinary in Kazakh news text without being in the source.
_KK_LATIN_OK = frozenset({"km", "kg", "m", "ha", "mw", "kw", "gw", "usd", "eur", "gdp"})


def _known(names: tuple[str, ...]) -> set[str]:
    return {w.casefold() for name in names for w, _, _ in words(name)}


def _foreign_words(target: str, script: str, allowed: set[str]) -> list[str]:
    out: list[str] = []
    for word, _, _ in words(target):
        scripts = word_scripts(word)
        if scripts and script not in scripts and word.casefold() not in allowed and word not in out:
            out.append(word)
    return out


@register("script", "error")
def check_script(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """The target in its language's script (CLDR, :attr:`Tag.coarse_script
    <translate_pipeline.core.langs.Tag.coarse_script>`): Cyrillic left in English or Latin-script
    Kazakh (``kk-Latn``) output; Latin words in Cyrillic (Kazakh) output that are not names.
    URLs, e-mail addresses and link destinations are not words."""
    source, target = without_addresses(source), without_addresses(target)
    tag = Tag.parse(ctx.target_lang)
    script = tag.coarse_script
    if script is None:
        return
    allowed = _known(ctx.known_names)
    if script == "latin":
        foreign = _foreign_words(target, "latin", allowed)
        if foreign:
            yield Problem(f"Cyrillic left in the {tag.display_name()} text: {', '.join(foreign)}")
        return
    # Cyrillic target: Latin words copied from the source (Daimler AG) are names.
    allowed |= {w.casefold() for w, _, _ in words(source) if word_scripts(w) == {"latin"}} | _KK_LATIN_OK
    allowed |= {fix.casefold() for w, _, _ in mixed_script_words(source) if (fix := homoglyph_fix(w))}  # Нyundai
    foreign = _foreign_words(target, "cyrillic", allowed)
    if foreign:
        yield Problem(f"Latin words not in the source or known names: {', '.join(foreign)}", "warning")


@register("kazakh-letters", "warning")
def check_kazakh_letters(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """A long Kazakh sentence with none of әғқңөұүһі is probably Russian left untranslated."""
    tag = Tag.parse(ctx.target_lang)
    if (tag.language, tag.coarse_script) != ("kk", "cyrillic"):
        return
    cyrillic = [w for w, _, _ in words(target) if word_scripts(w) == {"cyrillic"}]
    if len(cyrillic) >= ctx.kazakh_min_words and not KAZAKH_LETTERS.intersection(target):
        yield Problem(f"{len(cyrillic)} Cyrillic words and no Kazakh letter (әғқңөұүһі): Russian text?")


@register("mixed-script", "error", target=False)
def check_mixed_script(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Homoglyph words mixing Cyrillic and Latin letters (Нyundai) in the source or target."""
    for note in source_notes(source):
        yield Problem(note, "warning", side="source")
    for word, _, _ in mixed_script_words(target):
        yield Problem(describe_mixed(word))
