"""Exact and fuzzy TM lookup, answered as :class:`Proposal` s (what the TM offers for one segment).

Scoring is rapidfuzz's ``fuzz.ratio`` (normalised Indel similarity, 0–100) on
the match forms of :mod:`.normalize`, so the score a user sees is exactly what
a full rapidfuzz scan would compute; :class:`~.index.TrigramIndex` only decides
which few sources get scored.  100 % is reserved for exact matches (same
sentence up to whitespace); a source that differs only in case, quote style,
dashes or ё/е is a 99 % fuzzy match, because its translation may need the same
small touch.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz, process

from translate_pipeline.catalog.provenance import Provenance
from translate_pipeline.core.settings import TMTable
from translate_pipeline.tm.index import TrigramIndex
from translate_pipeline.tm.inline import strip_codes
from translate_pipeline.tm.normalize import match_form
from translate_pipeline.tm.store import TranslationMemory, Unit

SCORER = fuzz.ratio
CANDIDATES = 1000  # sources rescored exactly per query (see bench/tm_lookup.py)


@dataclass(frozen=True)
class Match:
    unit: Unit
    score: float  # rapidfuzz ratio of the match forms, 0–100
    exact: bool

    @property
    def percent(self) -> int:
        """The score shown to people: floored, and 100 only for an exact match."""
        return 100 if self.exact else min(99, math.floor(self.score))


@dataclass(frozen=True)
class Proposal:
    """The TM's answer for one segment: the best match's target text and how it was found."""

    text: str
    provenance: Provenance  # Origin "TM 92% fuzzy from <article> (<lang>)" and the TM match details
    fuzzy: bool  # False only for a trusted exact match of a reviewed unit ([tm] trust_exact)


class Lookup:
    """Lookups against one open TM; builds a trigram index per language pair on first use."""

    def __init__(self, tm: TranslationMemory, settings: TMTable):
        self.tm = tm
        self.settings = settings
        self._indexes: dict[tuple[str, str], tuple[tuple[int, int], TrigramIndex]] = {}

    def index(self, source_lang: str, target_lang: str) -> TrigramIndex:
        version = self.tm.data_version()
        cached = self._indexes.get((source_lang, target_lang))
        if cached is None or cached[0] != version:
            cached = (version, TrigramIndex(self.tm.match_forms(source_lang, target_lang)))
            self._indexes[(source_lang, target_lang)] = cached
        return cached[1]

    def matches(self, text: str, source_lang: str, target_lang: str, k: int | None = None) -> list[Match]:
        """Best matches first: exact ones, then fuzzy ones scoring ≥ the threshold (top ``k``)."""
        k = k or self.settings.max_matches
        found = [Match(u, 100.0, True) for u in self.tm.exact(source_lang, target_lang, text)]
        seen = {m.unit.id for m in found}
        form = match_form(text)
        index = self.index(source_lang, target_lang)
        candidates = index.candidates(form, CANDIDATES, self.settings.threshold)
        scored = process.extract(
            form,
            [index.forms[i] for i in candidates.tolist()],
            scorer=SCORER,
            score_cutoff=self.settings.threshold,
            limit=k,
        )
        for matched_form, score, _ in sorted(scored, key=lambda s: (-s[1], s[0])):
            for unit in self.tm.with_match_form(source_lang, target_lang, matched_form):
                if unit.id not in seen:
                    seen.add(unit.id)
                    found.append(Match(unit, score, False))
        return found[:k]

    def lookup(self, text: str, source_lang: str, target_lang: str) -> Proposal | None:
        """The exact match if there is one (no fuzzy search then), else the best fuzzy match."""
        exact = self.tm.exact(source_lang, target_lang, text)
        if exact:
            best = exact[0]
            # Articles that translated the very same sentence differently: worth a translator's look.
            disagree = sorted({u.origin for u in exact[1:] if strip_codes(u.target) != strip_codes(best.target)})
            return proposal(Match(best, 100.0, True), self.settings, disagree)
        found = self.matches(text, source_lang, target_lang, k=1)
        return proposal(found[0], self.settings) if found else None

    def lookup_many(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[Proposal | None]:
        """One suggestion (or None) per text, in the order given."""
        return [self.lookup(text, source_lang, target_lang) for text in texts]


def proposal(match: Match, settings: TMTable, disagreeing_origins: Sequence[str] = ()) -> Proposal:
    unit = match.unit
    kind = "exact" if match.exact else "fuzzy"
    state = "reviewed" if unit.reviewed else "unreviewed"
    details = f"{match.percent}% {kind} match, {unit.origin}, {state} {unit.updated[:10]}"
    if not match.exact:
        details += f"; TM source: {strip_codes(unit.source)}"
    if disagreeing_origins:
        details += f"; translated differently in: {', '.join(disagreeing_origins)}"
    trusted = match.exact and settings.trust_exact and unit.reviewed
    # a catalog sentence is plain text: TMX inline-code placeholders stay in the TM
    provenance = Provenance.from_tm(match.percent, match.exact, unit.origin, unit.target_lang, details)
    return Proposal(text=strip_codes(unit.target), provenance=provenance, fuzzy=not trusted)
