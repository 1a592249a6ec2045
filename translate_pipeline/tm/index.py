"""In-memory character-trigram index: finds the few TM sources worth scoring.

Scoring every unit with rapidfuzz is exact but linear in the TM size.  This
index proposes candidates instead: the query's trigrams are looked up rarest
first (rare trigrams are the informative ones and have short posting lists),
each source is ranked by the (square-root) IDF weight of the trigrams it
shares with the query, sources whose length makes the threshold unreachable
are dropped, and only the best ``limit`` are handed back for exact rescoring.  Everything is
vectorised with numpy, so building it for 100,000 sources takes 1–2 seconds
and a query touches a bounded number of postings.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

_SEP = 0  # code point separating sources in the joined build text; never in a form


def _trigram_codes(codepoints: np.ndarray) -> np.ndarray:
    """Three 21-bit code points packed into one uint64 per position."""
    cp = codepoints.astype(np.uint64)
    return (cp[:-2] << np.uint64(42)) | (cp[1:-1] << np.uint64(21)) | cp[2:]


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _padded(form: str) -> str:
    return f" {form} "


class TrigramIndex:
    """Candidate retrieval over a fixed list of match forms (see :mod:`.normalize`)."""

    def __init__(self, forms: Sequence[str], posting_budget: int = 300_000):
        self.forms = list(forms)
        self.posting_budget = posting_budget
        self.size = len(self.forms)
        self.lengths = np.fromiter((len(f) for f in self.forms), dtype=np.int32, count=self.size)
        self._position = {form: i for i, form in enumerate(self.forms)}
        self._build()

    def _build(self) -> None:
        if not self.forms:
            self.keys = np.zeros(0, dtype=np.uint64)
            self.starts = np.zeros(1, dtype=np.int64)
            self.postings = np.zeros(0, dtype=np.int32)
            return
        joined = "\x00".join(_padded(f) for f in self.forms)
        cps = _codepoints(joined)
        codes = _trigram_codes(cps)
        doc_of_char = np.cumsum(cps == _SEP, dtype=np.int32)
        valid = (cps[:-2] != _SEP) & (cps[1:-1] != _SEP) & (cps[2:] != _SEP)
        codes, docs = codes[valid], doc_of_char[:-2][valid]
        order = np.argsort(codes, kind="stable")  # stable: sources stay ascending within a trigram
        codes, docs = codes[order], docs[order]
        distinct = np.ones(len(codes), dtype=bool)  # one posting per (trigram, source)
        distinct[1:] = (codes[1:] != codes[:-1]) | (docs[1:] != docs[:-1])
        codes, docs = codes[distinct], docs[distinct]
        first = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
        self.keys = codes[first]
        self.starts = np.append(first, len(codes)).astype(np.int64)
        self.postings = docs

    def candidates(self, form: str, limit: int, threshold: float) -> np.ndarray:
        """Up to ``limit`` source positions most likely to score ≥ ``threshold`` (0–100)."""
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        exact = self._position.get(form)
        cps = _codepoints(_padded(form))
        query = np.unique(_trigram_codes(cps)) if len(cps) >= 3 else np.zeros(0, dtype=np.uint64)
        slots = np.searchsorted(self.keys, query)
        inside = slots < len(self.keys)
        slots = slots[inside][self.keys[slots[inside]] == query[inside]]
        df = self.starts[slots + 1] - self.starts[slots]
        order = np.argsort(df, kind="stable")
        df, slots = df[order], slots[order]
        # Rarest trigrams first, until the posting budget is spent (always at least one).
        take = max(1, int(np.searchsorted(np.cumsum(df), self.posting_budget, side="right")))
        slots, df = slots[:take], df[:take]
        if not len(slots):
            hits = np.zeros(0, dtype=np.int64)
        else:
            docs = np.concatenate([self.postings[self.starts[s] : self.starts[s + 1]] for s in slots])
            # sqrt-IDF: rare trigrams count more, without letting one rare token outvote the sentence.
            weights = np.repeat(np.sqrt(np.log((self.size + 1) / df)), df)
            scores = np.bincount(docs, weights=weights, minlength=self.size)
            # Indel ratio ≥ t needs 2·min(la, lb)/(la + lb) ≥ t/100: drop sources it rules out.
            qlen = len(form)
            low = qlen * threshold / (200 - threshold) - 1e-9
            high = qlen * (200 - threshold) / threshold + 1e-9
            nonzero = np.flatnonzero(scores)
            lengths = self.lengths[nonzero]
            nonzero = nonzero[(lengths >= low) & (lengths <= high)]
            if len(nonzero) > limit:
                best = np.argpartition(-scores[nonzero], limit - 1)[:limit]
                nonzero = nonzero[best]
            hits = nonzero[np.argsort(-scores[nonzero], kind="stable")]
        if exact is not None and exact not in hits:
            hits = np.concatenate(([exact], hits))
        return hits
