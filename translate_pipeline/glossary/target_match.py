"""Is a concept's target term present in a translation?  English and Kazakh aware.

Only the last word of a term inflects: English adds plural or possessive
endings (``akims``, ``MIID's``, ``Ministries``), Kazakh chains plural,
possessive, case and attributive suffixes with harmony, voicing and vowel
elision (``әкімі``, ``әкімнің``, ``халқына``, ``жұмыс орындары``; rules in
:mod:`translate_pipeline.glossary.kazakh`); acronyms and Latin names take any
suffix, often after a hyphen (``ҚДБ-Лизингтің``, ``ҚР-ның``).
Acronyms, case-sensitive and do-not-translate terms must keep their exact
spelling; other words match case-insensitively.  Segments carry a handful of
terms, so one small regex per term is cheap here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from translate_pipeline.glossary import kazakh
from translate_pipeline.glossary.termbase import Concept
from translate_pipeline.glossary.tokens import DASHES, is_acronym

_GAP = rf"(?:\s*[{DASHES}]\s*|\s+)"
_EN_SUFFIX = r"(?:['’]s|s['’]|es|s|['’])?"


@dataclass(frozen=True)
class TermCheck:
    """Outcome for one concept in one translation."""

    concept: Concept
    found: str | None  # the accepted term as it appears in the translation
    forbidden: tuple[str, ...] = ()  # forbidden variants that appear

    @property
    def ok(self) -> bool:
        return self.found is not None and not self.forbidden


def _word(word: str, exact: bool) -> str:
    return re.escape(word) if exact or is_acronym(word) else f"(?i:{re.escape(word)})"


def _last_word(word: str, lang: str, exact: bool, compound: bool = False) -> str:
    if lang == "en":
        if not (exact or is_acronym(word)) and word[-1:].lower() == "y" and len(word) > 2:
            return f"(?i:{re.escape(word[:-1])}(?:y{_EN_SUFFIX}|ies|ies['’]))"
        return _word(word, exact) + _EN_SUFFIX
    if lang == "kk":
        if is_acronym(word) or not re.search("[а-яәғқңөұүһі]", word, re.I):
            # acronyms and Latin names: lowercase suffixes, often after a hyphen (ҚР-ның, Hyundai-дың)
            return f"{_word(word, exact)}(?:[{DASHES}]?){kazakh.any_inflection_pattern()}"
        low = word.lower()
        bases = kazakh.izafet_bases(low) if compound else ()
        forms = "|".join([kazakh.inflection_pattern(low)] + [kazakh.inflection_pattern(b, izafet=True) for b in bases])
        # exact terms keep their capitals up to the last letter (which voicing may change)
        keep = f"(?={re.escape(word[:-1])})" if exact and len(word) > 1 else ""
        return f"{keep}(?i:{forms})"
    return _word(word, exact)


@lru_cache(maxsize=20_000)
def term_pattern(term: str, lang: str, exact: bool = False) -> re.Pattern[str]:
    """Regex finding ``term`` in ``lang`` text with the inflection the language allows."""
    words = [w for w in re.split(rf"\s+|\s*[{DASHES}]\s*", term.strip()) if w]
    parts = [_word(w, exact) for w in words[:-1]] + [_last_word(words[-1], lang, exact, compound=len(words) > 1)]
    return re.compile(r"(?<!\w)" + _GAP.join(parts) + r"(?!\w)")


def find_term(term: str, text: str, lang: str, exact: bool = False) -> re.Match[str] | None:
    return term_pattern(term, lang, exact).search(text)


def check_concept(concept: Concept, text: str, lang: str) -> TermCheck:
    exact = concept.case_sensitive or concept.do_not_translate
    found = None
    for term in concept.accepted(lang):
        match = find_term(term, text, lang, exact)
        if match:
            found = match.group()
            break
    banned = tuple(t for t in concept.forbidden.get(lang, ()) if find_term(t, text, lang))
    return TermCheck(concept, found, banned)


def check_target(concepts: Iterable[Concept], text: str, lang: str) -> list[TermCheck]:
    """One check per concept that has a term in ``lang`` (others impose nothing)."""
    return [check_concept(c, text, lang) for c in concepts if c.accepted(lang)]
