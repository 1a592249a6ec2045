"""Chain two engines (ru→en→kk): how Kazakh works when no direct model exists.

n-best survives the chain: each of the first leg's ``n_best`` hypotheses is
translated by the second leg, scores (log-probabilities) add, and the best
distinct results are kept.  Intermediate texts are batched together, so the
second leg also gets one large sorted batch.
"""
from __future__ import annotations

from typing import Sequence

from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn, translate


class PivotEngine:
    def __init__(self, first: Engine, second: Engine):
        if first.target != second.source:
            raise ValueError(f"cannot chain {first.source}→{first.target} with {second.source}→{second.target}")
        self.first, self.second = first, second
        self.source, self.target = first.source, second.target

    @property
    def route(self) -> str:
        return f"{self.source}→{self.first.target}→{self.target}"

    @property
    def provenance(self) -> str:
        return f"pivot {self.route}: {self.first.provenance} + {self.second.provenance}"

    def describe(self) -> str:
        return self.provenance

    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        half = (lambda n: progress(n / 2)) if progress else None
        firsts = translate(self.first, texts, n_best, half)
        middle = [h.text for hyps in firsts for h in hyps]
        scale = len(texts) / max(1, len(middle)) / 2
        seconds = iter(translate(self.second, middle, n_best, (lambda n: progress(n * scale)) if progress else None))
        out = []
        for hyps in firsts:
            candidates: dict[str, Hypothesis] = {}
            for h1 in hyps:
                for h2 in next(seconds):
                    combined = Hypothesis(h2.text, h1.score + h2.score, h1.truncated or h2.truncated)
                    if h2.text not in candidates or combined.score > candidates[h2.text].score:
                        candidates[h2.text] = combined
            out.append(sorted(candidates.values(), key=lambda h: -h.score)[:n_best])
        return out

