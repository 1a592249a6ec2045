"""Chain two engines (ru→en→kk): how Kazakh works when no direct model exists.

n-best survives the chain: each of the first leg's ``n_best`` hypotheses is
translated by the second leg, scores (log-probabilities) add, and the best
distinct results are kept.  Intermediate texts are batched together, so the
second leg also gets one large sorted batch.  A segment either leg fails on
fails alone; QA notes of both legs are kept.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn, failed


class PivotEngine(Engine):
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

    @property
    def identity(self) -> str:
        return f"pivot {self.route}: {self.first.identity} + {self.second.identity}"

    @property
    def decode_settings(self) -> Mapping[str, object]:
        return {"first": dict(self.first.decode_settings), "second": dict(self.second.decode_settings)}

    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        half = (lambda n: progress(n / 2)) if progress else None
        firsts = self.first.translate_batch(texts, n_best, half)
        middle = [h.text for hyps in firsts for h in hyps if not h.error]
        scale = len(texts) / max(1, len(middle)) / 2
        seconds = iter(self.second.translate_batch(middle, n_best, (lambda n: progress(n * scale)) if progress else None))
        if progress and not middle:
            progress(len(texts) / 2)
        out = []
        for hyps in firsts:
            if hyps and hyps[0].error:
                out.append(hyps)
                continue
            candidates: dict[str, Hypothesis] = {}
            errors = []
            for h1 in hyps:
                for h2 in next(seconds):
                    if h2.error:
                        errors.append(h2.error)
                        continue
                    combined = Hypothesis(h2.text, h1.score + h2.score, h1.truncated or h2.truncated,
                                          tuple(dict.fromkeys(h1.notes + h2.notes)))
                    if h2.text not in candidates or combined.score > candidates[h2.text].score:
                        candidates[h2.text] = combined
            ranked = sorted(candidates.values(), key=lambda h: -h.score)[:n_best]
            out.append(ranked or failed(errors[0] if errors else "pivot produced no translation"))
        return out
