"""Is a concept's target term present in a translation?  English and Kazakh aware.

Only the last word of a term inflects: English adds plural or possessive
endings (``akims``, ``MIID's``, ``Ministries``), Kazakh chains plural,
possessive, case and attributive suffixes (``әкімі``, ``әкімнің``,
``әкімдігі`` with the к→г alternation, ``ҚДБ-Лизингтің``, ``ҚР-ның``).
Acronyms, case-sensitive and do-not-translate terms must keep their exact
spelling; other words match case-insensitively.  Segments carry a handful of
terms, so one small regex per term is cheap here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from translate_pipeline.glossary.termbase import Concept
from translate_pipeline.glossary.tokens import DASHES, is_acronym

_GAP = rf"(?:\s*[{DASHES}]\s*|\s+)"
_EN_SUFFIX = r"(?:['’]s|s['’]|es|s|['’])?"
_KK_PLURAL = "лар|лер|дар|дер|тар|тер"
_KK_POSSESSIVE = "ымыз|іміз|ыңыз|іңіз|мыз|міз|ңыз|ңіз|ым|ім|ың|ің|сы|сі|м|ң|ы|і"
_KK_CASE = (
    "ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|"
    "нда|нде|да|де|та|те|нан|нен|дан|ден|тан|тен|"
    "ға|ге|қа|ке|на|не|а|е|н|мен|бен|пен|ша|ше|дай|дей|тай|тей"
)
_KK_ATTRIBUTE = "ндағы|ндегі|дағы|дегі|тағы|тегі"  # locative + attributive: облысындағы
_KK_SUFFIX = (
    rf"(?:(?:{_KK_PLURAL})?(?:{_KK_POSSESSIVE})?(?:{_KK_CASE})?(?:(?:{_KK_ATTRIBUTE})(?:{_KK_CASE})?)?)"
)
_KK_VOICING = {"к": "[кг]", "қ": "[қғ]", "п": "[пб]"}  # stem-final consonant before a vowel suffix


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


def _last_word(word: str, lang: str, exact: bool) -> str:
    if lang == "en":
        if not (exact or is_acronym(word)) and word[-1:].lower() == "y" and len(word) > 2:
            return f"(?i:{re.escape(word[:-1])}(?:y{_EN_SUFFIX}|ies|ies['’]))"
        return _word(word, exact) + _EN_SUFFIX
    if lang == "kk":
        hyphen = f"(?:[{DASHES}]?)" if is_acronym(word) or not re.search("[а-яәғқңөұүһі]", word, re.I) else ""
        tail = word[-1:].lower()
        if tail in _KK_VOICING and not (exact or is_acronym(word)):
            stem = f"(?i:{re.escape(word[:-1])}{_KK_VOICING[tail]})"
            return f"{stem}(?i:{_KK_SUFFIX})"
        if hyphen:  # acronyms and Latin names: lowercase suffixes, often after a hyphen (ҚР-ның)
            return f"{_word(word, exact)}{hyphen}{_KK_SUFFIX}"
        return f"{_word(word, exact)}(?i:{_KK_SUFFIX})"
    return _word(word, exact)


@lru_cache(maxsize=20_000)
def term_pattern(term: str, lang: str, exact: bool = False) -> re.Pattern[str]:
    """Regex finding ``term`` in ``lang`` text with the inflection the language allows."""
    words = [w for w in re.split(rf"\s+|\s*[{DASHES}]\s*", term.strip()) if w]
    parts = [_word(w, exact) for w in words[:-1]] + [_last_word(words[-1], lang, exact)]
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
