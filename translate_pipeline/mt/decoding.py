"""Batched CTranslate2 decoding shared by every CTranslate2-backed engine.

The speed comes from here: identical segments are translated once, segments
are sorted by length so batches carry little padding, each batch gets its own
``max_decoding_length`` (from its longest input) and batches are submitted
asynchronously so ``inter_threads`` translators work in parallel.  A
hypothesis that stops at the length limit instead of at ``</s>`` is flagged
``truncated`` -- CTranslate2 would otherwise cut it silently at 256 tokens.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.mt.engine import Hypothesis, ProgressFn
from translate_pipeline.mt.settings import DecodeOptions

_TRANSLATORS: dict[tuple, object] = {}
_LOCK = threading.Lock()


def load_translator(model_dir: Path, options: DecodeOptions):
    """One ``ctranslate2.Translator`` per model and settings, loaded once per process."""
    import ctranslate2

    device = options.device
    if device == "auto":
        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    key = (str(Path(model_dir).resolve()), device, options.compute_type, options.inter_threads,
           options.intra_threads)
    with _LOCK:
        if key not in _TRANSLATORS:
            try:
                _TRANSLATORS[key] = ctranslate2.Translator(
                    str(model_dir), device=device, compute_type=options.compute_type,
                    inter_threads=options.inter_threads, intra_threads=options.intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise PipelineError(f"cannot load CTranslate2 model ({exc})", model_dir) from exc
        return _TRANSLATORS[key]


@dataclass(frozen=True)
class Decoded:
    tokens: list[str]  # target prefix and end token removed
    score: float
    truncated: bool


def decode_unique(
    translator,
    sources: Sequence[list[str]],
    prefixes: Sequence[list[str] | None],
    options: DecodeOptions,
    n_best: int,
    replace_unknowns: bool = False,
    progress: Callable[[int], None] | None = None,
    extras: dict | None = None,
) -> list[list[Decoded]]:
    """Decode already-unique tokenized sources; results in input order.

    ``progress(i)`` is called as soon as source ``i`` is done (batches finish in order);
    ``extras`` are further ``translate_batch`` options of the model (``disable_unk``,
    ``repetition_penalty``, ``no_repeat_ngram_size``).
    """
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]), reverse=True)
    beam = max(options.beam_size, n_best)
    pending = []
    for start in range(0, len(order), options.max_batch_size):
        batch = order[start:start + options.max_batch_size]
        batch_sources = [sources[i] for i in batch]
        batch_prefixes = [prefixes[i] for i in batch]
        longest = max(len(s) for s in batch_sources) + max(len(p or ()) for p in batch_prefixes)
        limit = options.max_decoding_length or int(longest * options.max_length_ratio) + options.max_length_extra
        results = translator.translate_batch(
            batch_sources,
            target_prefix=batch_prefixes if any(batch_prefixes) else None,
            asynchronous=True,
            beam_size=beam,
            num_hypotheses=n_best,
            length_penalty=options.length_penalty,
            max_decoding_length=limit,
            min_decoding_length=options.min_decoding_length,
            max_input_length=0,
            return_scores=True,
            return_end_token=True,
            replace_unknowns=replace_unknowns,
            **(extras or {}),
        )
        pending.append((batch, results))
    decoded: list[list[Decoded] | None] = [None] * len(sources)
    for batch, results in pending:
        for index, result in zip(batch, results):
            try:
                done = result.result()
            except RuntimeError as exc:  # e.g. input longer than the model's positions
                raise PipelineError(f"CTranslate2 failed ({exc})") from exc
            decoded[index] = [_strip(hyp, score, prefixes[index]) for hyp, score in zip(done.hypotheses, done.scores)]
            if progress:
                progress(index)
    return decoded  # type: ignore[return-value]


def _strip(tokens: list[str], score: float, prefix: list[str] | None) -> Decoded:
    finished = bool(tokens) and tokens[-1] == "</s>"
    if finished:
        tokens = tokens[:-1]
    if prefix and tokens[:len(prefix)] == prefix:
        tokens = tokens[len(prefix):]
    return Decoded(tokens, float(score), not finished)


class CT2Engine:
    """Base of CTranslate2 engines: subclasses say how text becomes tokens and back."""

    source: str
    target: str
    replace_unknowns = False
    decode_extras: dict | None = None  # per-model translate_batch options (see decode_unique)

    def __init__(self, model_dir: Path, options: DecodeOptions):
        self.model_dir = Path(model_dir)
        self.options = options

    @property
    def provenance(self) -> str:
        raise NotImplementedError

    def encode(self, text: str) -> tuple[list[str], list[str] | None]:
        """Source tokens and target prefix for one segment."""
        raise NotImplementedError

    def decode(self, tokens: list[str]) -> str:
        raise NotImplementedError

    def describe(self) -> str:
        return self.provenance

    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        """Translate all ``texts`` at once; duplicates and empty texts cost nothing."""
        unique: dict[str, int] = {}
        for text in texts:
            if text.strip():
                unique.setdefault(text, len(unique))
        counts = [0] * len(unique)
        for text in texts:
            if text in unique:
                counts[unique[text]] += 1
        if progress and len(texts) > sum(counts):
            progress(len(texts) - sum(counts))
        encoded = [self.encode(text) for text in unique]
        results: list[list[Decoded]] = []
        if encoded:
            translator = load_translator(self.model_dir, self.options)
            results = decode_unique(
                translator, [e[0] for e in encoded], [e[1] for e in encoded], self.options, max(1, n_best),
                self.replace_unknowns, (lambda i: progress(counts[i])) if progress else None, self.decode_extras,
            )
        hyps = [[Hypothesis(self.decode(d.tokens), d.score, d.truncated) for d in result] for result in results]
        return [hyps[unique[text]] if text in unique else [Hypothesis(text, 0.0)] for text in texts]
