"""Find glossary terms in source text, whatever their inflection.

One pass per segment: the text is tokenised and lemmatised once, then a trie
over term-word keys is walked from every token.  The cost therefore grows with
the segment, not with the size of the term base (see ``bench/glossary_match.py``
against one regex per term).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Iterable

from translate_pipeline.glossary.termbase import Concept, Termbase
from translate_pipeline.glossary.tokens import (
    Token,
    is_acronym,
    term_word_keys,
    tokenize,
)

_MAX_KEY_COMBINATIONS = 16
_END = None  # trie slot holding the terms that end at a node


@dataclass(frozen=True)
class Occurrence:
    """A term of ``concept`` at ``text[start:end]`` of one segment."""

    concept: Concept
    start: int
    end: int
    text: str  # as written in the segment, e.g. "Костанайской области"
    term: str  # the glossary term it matched, e.g. "Костанайская область"


@dataclass(frozen=True)
class _Entry:
    concept: Concept
    term: str
    capitals: tuple[bool | None, ...]  # per word: first letter must be upper/lower (case-sensitive concepts)
    rank: int  # position in the term base: breaks ties between terms covering the same span


class SourceMatcher:
    """Multi-pattern matcher over all source terms of a :class:`Termbase`."""

    def __init__(self, termbase: Termbase):
        self.lang = termbase.source_lang
        self._trie: dict = {}
        rank = 0
        for concept in termbase.concepts:
            for term in concept.terms[self.lang]:
                self._add(concept, term, rank)
                rank += 1

    def _add(self, concept: Concept, term: str, rank: int) -> None:
        words = [t.text for t in tokenize(term, self.lang, keyed=False)]
        if not words:
            return
        capitals = tuple(
            (w[0].isupper() if concept.case_sensitive and not is_acronym(w) else None) for w in words
        )
        entry = _Entry(concept, term, capitals, rank)
        per_word = [sorted(term_word_keys(w, self.lang, last=i == len(words) - 1, compound=len(words) > 1))
                    for i, w in enumerate(words)]
        combos = list(product(*per_word))[:_MAX_KEY_COMBINATIONS]
        for combo in combos:
            node = self._trie
            for key in combo:
                node = node.setdefault(key, {})
            ends = node.setdefault(_END, [])
            if all(e.concept is not concept for e in ends):
                ends.append(entry)

    def candidates(self, tokens: list[Token]) -> list[tuple[int, int, _Entry]]:
        """Every (first token, last token, entry) a term could cover, overlaps included."""
        found = []
        for i, token in enumerate(tokens):
            if token.joined and not (self.lang == "kk" and _pair_word(tokens[i - 1], token)):
                continue  # never start inside a hyphenated compound ("Премьер-министр")
            frontier = [self._trie]
            j = i
            while frontier and j < len(tokens):
                if j > i and not (tokens[j].continues or tokens[j].joined):
                    break
                frontier = [node[key] for node in frontier for key in tokens[j].keys if key in node]
                boundary = j + 1 == len(tokens) or not tokens[j + 1].joined or _acronym_compound(tokens[j], tokens[j + 1]) or (
                    self.lang == "kk" and _pair_word(tokens[j], tokens[j + 1]))
                if boundary:
                    for node in frontier:
                        for entry in node.get(_END, ()):
                            if _case_ok(entry, tokens[i : j + 1]):
                                found.append((i, j, entry))
                j += 1
        return found

    def find(self, text: str) -> list[Occurrence]:
        """Non-overlapping occurrences, leftmost-longest first, in text order."""
        tokens = tokenize(text, self.lang)
        return [
            Occurrence(e.concept, tokens[i].start, tokens[j].end, text[tokens[i].start : tokens[j].end], e.term)
            for i, j, e in resolve(self.candidates(tokens))
        ]

    def concepts(self, text: str) -> list[Concept]:
        """The distinct concepts of a segment, in order of first occurrence."""
        return unique_concepts(o.concept for o in self.find(text))


def _acronym_compound(acronym: Token, rest: Token) -> bool:
    """An acronym joined by a hyphen to a lower-case word keeps its meaning: ``СНГ-комиссия``,
    ``МИИР-овский``, ``БРК-овская``, ``ҚР-ның``; a capitalised second part makes a name (``СК-Фармация``)."""
    return is_acronym(acronym.text) and rest.text[:1].islower()


def _pair_word(first: Token, second: Token) -> bool:
    """A Kazakh paired word (қос сөз) of two lower-case words, each a word of its own: ``азық-түлік``,
    ``салт-дәстүр``, ``орыс-иран``, ``археолог-ғалымдар``; a hyphenated term still wins, being longer."""
    return first.text[:1].islower() and second.text[:1].islower()


def _case_ok(entry: _Entry, tokens: list[Token]) -> bool:
    return all(cap is None or tok.text[0].isupper() == cap for cap, tok in zip(entry.capitals, tokens))


def resolve(candidates: Iterable[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """Leftmost-longest, non-overlapping selection (``БРК-Лизинг`` wins over ``БРК``).

    Equal spans go to the term listed first in the term base.
    """
    chosen = []
    taken_until = -1
    for i, j, entry in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]), c[2].rank)):
        if i > taken_until:
            chosen.append((i, j, entry))
            taken_until = j
    return chosen


def unique_concepts(concepts: Iterable[Concept]) -> list[Concept]:
    seen: dict[str, Concept] = {}
    for concept in concepts:
        seen.setdefault(concept.id, concept)
    return list(seen.values())
