"""Word tokens with lookup keys: the one place that knows how Russian words vary.

A token's keys are everything a glossary term word may be written as and
still mean that token: its lemmas (``акимом`` → ``аким``), its exact surface
for case-sensitive acronyms, and the acronym stem when a Russian case ending
is glued to it (``МИИРом`` → ``МИИР``).  Both the term base and the text are
tokenised here, so term and text agree by construction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from translate_pipeline.core.text import homoglyph_fix
from translate_pipeline.glossary import kazakh

_WORD = re.compile(r"[^\W_]+")
DASHES = "-‐‑‒–—―−"
QUOTES = "\"'«»“”„‟‘’‚‹›"
_CONTINUE = set(DASHES + QUOTES + " \t\u00a0\u2009\u202f")
_ACRONYM_ENDING = re.compile(r"[а-яё]{1,3}")
_SENTENCE_END = re.compile(r"[.!?…:]")

@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    keys: frozenset[str]
    joined: bool  # glued to the previous token by a hyphen/dash without spaces (``БРК-Лизинг``)
    continues: bool  # only spaces, dashes or quotes since the previous token: a term may span it


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def fold_homoglyphs(word: str) -> str:
    """A mixed-script word in its majority script, so ``Нyundai`` (Cyrillic Н) still hits Hyundai.

    One look-alike table for the project: :func:`translate_pipeline.core.text.homoglyph_fix`.
    """
    return homoglyph_fix(word) or word


def is_acronym(word: str) -> bool:
    """``МИИР``, ``РК``, ``AG``, ``КамАЗ``: matched by exact case, not by lemma."""
    return sum(c.isupper() for c in word) >= 2


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemmas(word: str, lang: str = "ru", midsentence: bool = False, person: bool = False) -> frozenset[str]:
    """All dictionary forms the word may be an inflection of, plus the word itself.

    Surnames and patronymics formed from a word are not that word
    (pymorphy3's ``Surn``/``Patr`` tags; OpenCorpora tag set).  A capitalised
    word is read as a family name when it can be one: inside a sentence
    (``Акимов`` is a person there, not the genitive plural of ``аким``), next
    to initials or a first name (``person``: ``А. Абаев``, ``Серик Абаев``),
    and whenever its only other reading is a first name in the plural
    (``Абаев`` is not "of the Abais": pymorphy3 has no surname entry for it).
    """
    forms = {_norm(word)}
    if lang == "ru" and any(is_cyrillic(c) for c in word):
        parses = _morph().parse(word)
        if word[:1].isupper() and not is_acronym(word):
            parses = [p for p in parses if not ("Name" in p.tag and "plur" in p.tag)]  # none left: the word itself
            if midsentence or person:
                names = [p for p in parses if "Surn" in p.tag or "Patr" in p.tag]
                parses = names or parses
        forms.update(_norm(p.normal_form) for p in parses)
    return frozenset(forms)


@lru_cache(maxsize=200_000)
def word_keys(word: str, lang: str = "ru", midsentence: bool = False, person: bool = False) -> frozenset[str]:
    """Lookup keys of a word in running text (``person``: next to initials or a first name).

    Kazakh words also carry ``w:`` (the word as written, for the words of a term
    that do not inflect) and ``p:`` (a base under a 3rd-person possessive, for
    the last word of a compound such as ``жұмыс орны``): see :mod:`.kazakh`.
    """
    keys = {"x:" + word} | {"l:" + lemma for lemma in lemmas(word, lang, midsentence, person)}
    if lang == "kk" and is_cyrillic_word(word) and not is_acronym(word):
        readings = kazakh.analyses(_norm(word))
        keys |= {"w:" + _norm(word)} | {"l:" + base for base, _ in readings}
        keys |= {"p:" + base for base, possessive in readings if possessive}
    for cut in range(len(word) - 1, max(len(word) - 4, 0), -1):
        stem, ending = word[:cut], word[cut:]
        if stem[-1].isupper() and is_acronym(stem) and _ACRONYM_ENDING.fullmatch(ending):
            keys.add("x:" + stem)
    return frozenset(keys)


def term_word_keys(word: str, lang: str = "ru", last: bool = True, compound: bool = False) -> frozenset[str]:
    """Keys under which a glossary term word is indexed (any one must match).

    Kazakh inflects only the ``last`` word of a term (``жұмыс орны`` → ``жұмыс
    орнына``); in a ``compound`` of several words that last word may be a noun
    under a 3rd-person possessive, which it keeps (``орны`` → ``орындары``).
    """
    if is_acronym(word):
        return frozenset({"x:" + word})
    if lang == "kk" and is_cyrillic_word(word):
        if not last:
            return frozenset({"w:" + _norm(word)})
        bases = kazakh.izafet_bases(_norm(word)) if compound else ()
        return frozenset({"l:" + _norm(word)} | {"p:" + base for base in bases})
    return frozenset("l:" + lemma for lemma in lemmas(word, lang))


def is_cyrillic_word(word: str) -> bool:
    return any(is_cyrillic(c) for c in word)


def tokenize(text: str, lang: str = "ru", keyed: bool = True) -> list[Token]:
    words = list(_WORD.finditer(text))
    people = _person_words(text, words, lang) if keyed else set()
    tokens: list[Token] = []
    prev_end = 0
    for index, m in enumerate(words):
        gap = text[prev_end : m.start()]
        joined = bool(tokens) and len(gap) == 1 and gap in DASHES
        continues = bool(tokens) and all(c in _CONTINUE for c in gap)
        word = fold_homoglyphs(m.group())
        midsentence = bool(tokens) and not _SENTENCE_END.search(gap)
        keys = word_keys(word, lang, midsentence, index in people) if keyed else frozenset()
        tokens.append(Token(m.group(), m.start(), m.end(), keys, joined, continues))
        prev_end = m.end()
    return tokens


def _is_initial(text: str, m: re.Match) -> bool:
    """``А.`` in ``А. Абаев`` / ``Абаев А.``: one capital letter and a period."""
    return len(m.group()) == 1 and m.group().isupper() and text[m.end() : m.end() + 1] == "."


def _is_first_name(word: str) -> bool:
    return word[:1].isupper() and not is_acronym(word) and any(
        "Name" in p.tag and "sing" in p.tag for p in _morph().parse(word))


def _person_words(text: str, words: list[re.Match], lang: str) -> set[int]:
    """Indexes of capitalised words standing next to initials or a first name (parts of a person's name)."""
    if lang != "ru":
        return set()
    out = set()
    for i, m in enumerate(words):
        word = m.group()
        if not word[:1].isupper() or is_acronym(word) or _is_initial(text, m) or not is_cyrillic(word[0]):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and text[min(m.end(), words[j].end()) : max(m.start(), words[j].start())].strip(" .") == "":
                other = words[j]
                if _is_initial(text, other) or (j < i and _is_first_name(other.group())):
                    out.add(i)
    return out
