"""Batched CTranslate2 decoding shared by every CTranslate2-backed engine.

The speed comes from here: identical segments are translated once, segments
are sorted by length so batches carry little padding, each segment is decoded with its own
``max_decoding_length`` (:func:`derived_limit`; segments that share it share batches) and
batches are submitted asynchronously so ``inter_threads`` translators work in parallel.
A segment's hypotheses therefore never depend on the segments it is translated with: with
one limit per batch, set by its longest input, every shorter input's unfinished n-best
alternatives ran on to that limit, and a pivot's second leg -- fed the first leg's long
alternatives -- decoded all of its inputs to the longest one's limit
(``bench/pivot_enforce.py`` measures it).  A
hypothesis that stops at the length limit instead of at ``</s>`` is never cut silently
(CTranslate2 would cut it at 256 tokens): it is decoded again with as many positions as the
model's decoder has, and if its translation still does not fit, the segment is translated in
clauses (:mod:`.split`) small enough for input and output; a segment with no clause boundary
where one is needed fails with the reason.  Only a limit the user fixed
(``max_decoding_length``) is kept, the hypothesis flagged ``truncated``.

Robustness: a segment longer than the model's input is translated in clauses too; a batch
that fails is decoded again segment by segment so only the segment at fault is lost; an output
that loops (:mod:`.repetition`) is decoded once more with ``repetition_penalty`` /
``no_repeat_ngram_size``; a segment whose output has no text (``</s>`` first) fails with that
cause, so it is counted as unfilled.
"""
from __future__ import annotations

import re
import threading
from abc import abstractmethod
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

from translate_pipeline.core.errors import EnvironmentProblem
from translate_pipeline.core.settings import DecodeOptions, output_settings
from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn, failed
from translate_pipeline.mt.limits import position_limits
from translate_pipeline.mt.repetition import repetition
from translate_pipeline.mt.split import split_to_fit
from translate_pipeline.mt.symbols import fragile, restore
from translate_pipeline.mt.tokenizers import Tokenizer


class ModelLoadError(EnvironmentProblem):
    """CTranslate2 cannot load the model on this machine (a device or compute type it lacks, a damaged
    model.bin): exit status 4, the machine; ``path`` is the model's directory."""

_TRANSLATORS: dict[tuple, object] = {}
# Decoding positions tried for a model without a position table (relative positions: T5, MADLAD):
# the most [mt] max_decoding_length allows.
UNBOUNDED = 4096
LOOP_NOTE = "MT output looks like a decoding loop"
_POSITIONS = re.compile(r"No position encodings are defined for positions >= (\d+)")
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
                raise ModelLoadError(f"cannot load CTranslate2 model ({exc})", model_dir) from exc
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
    max_output: int | None = None,
    extras: dict | None = None,
    limit: int | None = None,
) -> list[list[Decoded] | str]:
    """Decode already-unique tokenized sources, each with its own decoding limit; results in input order.

    A source whose batch fails is decoded again on its own; one that still fails gets the
    error message (a ``str``) instead of hypotheses.  ``max_output`` caps the decoding length
    (the model's decoder positions); ``limit`` replaces the one derived from the options.
    ``progress(i)`` is called as soon as source ``i`` is done.  ``extras`` are further
    ``translate_batch`` options of the model (``disable_unk``).
    """
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]), reverse=True)
    limits: dict[int, list[int]] = {}  # decoding limit → the sources (longest first) that get it
    for i in order:
        limits.setdefault(limit or derived_limit(sources[i], prefixes[i], options), []).append(i)
    pending = []
    for own, members in limits.items():
        for start in range(0, len(members), options.max_batch_size):
            batch = members[start:start + options.max_batch_size]
            try:
                pending.append((batch, _submit(translator, [sources[i] for i in batch], [prefixes[i] for i in batch],
                                               options, n_best, replace_unknowns, max_output, extras, own)))
            except (RuntimeError, ValueError):
                pending.append((batch, None))
    decoded: list[list[Decoded] | str] = [""] * len(sources)
    for batch, results in pending:
        try:
            done = [result.result() for result in results] if results is not None else None
        except RuntimeError:  # one bad source fails its whole batch: find it
            done = None
        for k, index in enumerate(batch):
            if done is not None:
                one = done[k]
            else:
                try:
                    one = _submit(translator, [sources[index]], [prefixes[index]], options, n_best,
                                  replace_unknowns, max_output, extras, limit)[0].result()
                except (RuntimeError, ValueError) as exc:  # e.g. input longer than the model's positions
                    decoded[index] = f"CTranslate2 failed ({exc})"
                    one = None
            if one is not None:
                decoded[index] = [_strip(hyp, score, prefixes[index]) for hyp, score in zip(one.hypotheses, one.scores)]
            if progress:
                progress(index)
    return decoded


def derived_limit(source: Sequence[str], prefix: Sequence[str] | None, options: DecodeOptions) -> int:
    """The decoding limit ``[mt]`` gives an input: ``max_decoding_length``, else ``max_length_ratio`` ×
    its tokens (target prefix included) + ``max_length_extra``.

    Each input is decoded with its own limit (:func:`decode_unique` batches inputs that share it),
    never with a longer batch companion's, so its hypotheses do not depend on the inputs it is
    translated with (what the MT cache, keyed by the text, assumes)."""
    return options.max_decoding_length or \
        int((len(source) + len(prefix or ())) * options.max_length_ratio) + options.max_length_extra


def _submit(translator, sources, prefixes, options: DecodeOptions, n_best: int, replace_unknowns: bool,
            max_output: int | None, extras: dict | None = None, limit: int | None = None):
    limit = limit or max(derived_limit(s, p, options) for s, p in zip(sources, prefixes))
    if max_output:
        limit = min(limit, max_output)
    return translator.translate_batch(
        list(sources),
        target_prefix=list(prefixes) if any(prefixes) else None,
        asynchronous=True,
        beam_size=max(options.beam_size, n_best),
        num_hypotheses=n_best,
        length_penalty=options.length_penalty,
        repetition_penalty=options.repetition_penalty,
        no_repeat_ngram_size=options.no_repeat_ngram_size,
        max_decoding_length=limit,
        min_decoding_length=min(options.min_decoding_length, limit),
        max_input_length=0,
        return_scores=True,
        return_end_token=True,
        patience=options.patience,
        replace_unknowns=replace_unknowns,
        **(extras or {}),
    )


def _strip(tokens: list[str], score: float, prefix: list[str] | None) -> Decoded:
    finished = bool(tokens) and tokens[-1] == "</s>"
    if finished:
        tokens = tokens[:-1]
    if prefix and tokens[:len(prefix)] == prefix:
        tokens = tokens[len(prefix):]
    return Decoded(tokens, float(score), not finished)


class CT2Engine(Engine):
    """Base of CTranslate2 engines: subclasses say how text becomes tokens and back.

    ``tokenizer`` is the source tokenizer; the input and output limits are the model's position
    tables (:func:`.limits.position_limits`; ``max_input`` may be lowered by a subclass).
    ``forced_eos``: a hypothesis that reaches the decoding limit ends with ``</s>`` in place of its
    last token, as ``generate()`` with ``forced_eos_token_id`` writes it (exact for greedy search).
    """

    replace_unknowns = False
    forced_eos = False
    tokenizer: Tokenizer
    decode_extras: dict | None = None  # per-model translate_batch options (see decode_unique)

    def __init__(self, model_dir: Path, options: DecodeOptions):
        self.model_dir = Path(model_dir)
        self.options = options
        encoder, decoder = position_limits(self.model_dir)
        # Room for what the model's config adds around the source (</s>, a BOS or language token).
        self.max_input = encoder - 2 if encoder else None
        self.max_output = decoder - 1 if decoder else None
        self._seen: dict[str, str] = {}  # text → as the tokenizer gives it back (see _roundtrip)

    @abstractmethod
    def encode(self, text: str) -> tuple[list[str], list[str] | None]:
        """Source tokens and target prefix for one segment."""

    @abstractmethod
    def decode(self, tokens: list[str]) -> str:
        """Target text from output tokens (prefix and end token already removed), as the tokenizer
        writes it: spaces at the ends and in runs are the model's output too (``MT-raw`` keeps them)."""

    @property
    def identity(self) -> str:
        """Provenance (name, version, pair) + ``model.bin``'s path, size and mtime: a re-converted
        or replaced model under the same name is a different model."""
        weights = self.model_dir / "model.bin"
        try:
            stat = weights.stat()
            stamp = f"{weights.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            stamp = f"{weights}:missing"
        return f"{self.provenance} | {stamp}"

    @property
    def decode_settings(self) -> Mapping[str, object]:
        """The options that change the output (:func:`~translate_pipeline.core.settings.output_settings`),
        the input limit and the model's own decoding extras."""
        return {**output_settings(self.options), "max_input": self.max_input, "extras": self.decode_extras or {}}

    @property
    def output_cap(self) -> int:
        """The most tokens a translation may have: the decoder's positions, else :data:`UNBOUNDED`."""
        return self.max_output or UNBOUNDED

    def length(self, text: str) -> int:
        """Source tokens of ``text`` as the model gets them (framing included)."""
        return len(self.encode(text)[0])

    def pieces(self, text: str) -> list[tuple[str, str]] | None:
        """``[("", text)]``, or the ``(joiner, clause)`` pairs it is translated in when longer than
        the model's input (:func:`.split.split_to_fit`); None when it has no clause boundary to cut at."""
        if self.max_input is None or self.length(text) <= self.max_input:
            return [("", text)]
        return split_to_fit(text, self.length, self.max_input)

    def translate_batch(self, texts: Sequence[str], n_best: int = 1,
                        progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        """Translate all ``texts`` at once; duplicates and empty texts cost nothing.  Characters the
        tokenizer changes (``м²`` read as ``м2``) are given back in the output (:mod:`.symbols`)."""
        return [self._restored(text, hyps) for text, hyps in zip(texts, self._translate(texts, n_best, progress))]

    def reads(self, text: str) -> str:
        """``text`` as the model reads it: encoded and decoded by its tokenizer, a piece the
        vocabulary lacks as ``<unk>`` (unless unknowns are copied from the source: Argos)."""
        if text not in self._seen:
            pieces = self.tokenizer.encode(text)
            known = getattr(self.tokenizer, "known", None)
            if known is not None and not self.replace_unknowns:
                pieces = [piece if known(piece) else self.tokenizer.unknown_piece for piece in pieces]
            self._seen[text] = self.tokenizer.decode(pieces)
        return self._seen[text]

    def _restored(self, text: str, hyps: list[Hypothesis]) -> list[Hypothesis]:
        """``hyps`` with the characters of ``text`` the tokenizer changed put back; a meaningful one
        that cannot be found in an output gets a ``QA`` note."""
        runs = fragile(text, self.reads)
        if not runs:
            return hyps
        out = []
        for hyp in hyps:
            if hyp.error:
                out.append(hyp)
                continue
            restored, lost = restore(hyp.text, runs)
            notes = tuple(f"MT could not keep {item.original!r}: the model reads it as {item.seen!r} "
                          "(restore it by hand)" for item in lost)
            out.append(replace(hyp, text=restored, notes=(*hyp.notes, *notes)))
        return out

    def _translate(self, texts: Sequence[str], n_best: int, progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
        """:meth:`translate_batch` without restoring characters (pieces are translated with it)."""
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
        jobs: dict[str, int] = {}  # piece text → job
        joiners: list[list[str]] = []
        plans: list[list[int]] = []
        for text in unique:
            split = self.pieces(text) or []  # none: the segment cannot be cut to fit
            joiners.append([joiner for joiner, _ in split])
            plans.append([jobs.setdefault(piece, len(jobs)) for _, piece in split])
        owners: list[list[int]] = [[] for _ in jobs]
        for t, plan in enumerate(plans):
            for job in set(plan):
                owners[job].append(t)
        remaining = [len(set(plan)) for plan in plans]
        if progress:
            for t, plan in enumerate(plans):
                if not plan:
                    progress(counts[t])

        def finished(job: int) -> None:
            for t in owners[job]:
                remaining[t] -= 1
                if remaining[t] == 0 and progress:
                    progress(counts[t])

        results = self._translate_jobs(list(jobs), n_best, finished)
        # A model whose position table could not be read says its limit when it overflows: learn it once
        # and translate the segments that hit it in clauses.
        learned = [int(m.group(1)) for r in results if r[0].error and (m := _POSITIONS.search(r[0].error))]
        redone: dict[str, list[Hypothesis]] = {}
        if learned and (self.max_input is None or min(learned) - 2 < self.max_input):
            self.max_input = min(learned) - 2
            redo = [text for text, plan in zip(unique, plans) if any(results[job][0].error for job in plan)]
            redone = dict(zip(redo, self._translate(redo, n_best)))
        results = self._fit_outputs(list(jobs), results, n_best)
        out: list[list[Hypothesis]] = []
        for text, plan, joiner in zip(unique, plans, joiners):
            if text in redone:
                out.append(redone[text])
            elif not plan:
                out.append(failed(f"the segment is longer than the model's {self.max_input}-token input and has "
                                  f"no clause boundary ({BOUNDARY_HINT}) to cut it at"))
            elif len(plan) == 1:
                out.append(results[plan[0]])
            else:
                out.append(_joined([results[job] for job in plan], joiner,
                                   f"it is longer than the model's {self.max_input}-token input"))
        return [out[unique[text]] if text in unique else [Hypothesis(text, 0.0)] for text in texts]

    def _fit_outputs(self, texts: list[str], results: list[list[Hypothesis]], n_best: int) -> list[list[Hypothesis]]:
        """Results whose translation reached the decoding limit, decoded again with the decoder's
        every position, then (still too long) in clauses; a limit the user fixed stays as it is."""
        if self.options.max_decoding_length:
            return results
        long = [i for i, hyps in enumerate(results) if self._too_long(texts[i], hyps)]
        again = self._translate_jobs([texts[i] for i in long], n_best, None, limit=self.output_cap)
        for i, hyps in zip(long, again):
            if not hyps[0].error:  # an error here (a decoder without the positions it claimed): cut in clauses
                results[i] = hyps
            if self._too_long(texts[i], results[i]):
                results[i] = self._in_clauses(texts[i])
        return results

    def _too_long(self, text: str, hyps: list[Hypothesis]) -> bool:
        """The best hypothesis reached the limit and is no decoding loop (a loop only grows with room)."""
        best = hyps[0]
        return not best.error and best.truncated and not any(n.startswith(LOOP_NOTE) for n in best.notes) \
            and repetition(text, best.text) is None

    def _in_clauses(self, text: str) -> list[Hypothesis]:
        """``text`` translated in clauses of at most half its tokens (each piece again as a segment:
        halved further while its translation does not fit), or failed when it has no boundary."""
        budget = max(1, min(self.max_input or UNBOUNDED, self.length(text) // 2))
        split = split_to_fit(text, self.length, budget)
        if split is None:
            return failed(f"its translation needs more than the model's {self.output_cap} output positions and "
                          f"the segment has no clause boundary ({BOUNDARY_HINT}) to cut it at")
        parts = self._translate([piece for _, piece in split], 1)
        return _joined(parts, [joiner for joiner, _ in split],
                       f"its translation is longer than the model's {self.output_cap} output positions")

    def _translate_jobs(self, texts: list[str], n_best: int, finished: Callable[[int], None] | None,
                        limit: int | None = None) -> list[list[Hypothesis]]:
        """Decode ``texts`` (each fits the model), with ``limit`` instead of the derived decoding limit
        when given; loops are decoded again with the retry penalties."""
        results = self._decode(texts, n_best, self.options, finished, limit)
        loops: dict[int, str | None] = {}
        for i, hyps in enumerate(results):
            reason = None if hyps[0].error else repetition(texts[i], hyps[0].text)
            if reason:
                loops[i] = reason
        if loops and self.options.retry_repetition:
            retry_options = replace(self.options, repetition_penalty=self.options.retry_repetition_penalty,
                                    no_repeat_ngram_size=self.options.retry_no_repeat_ngram_size)
            again = self._decode([texts[i] for i in loops], n_best, retry_options, None, limit)
            for i, hyps in zip(list(loops), again):
                if not hyps[0].error and not repetition(texts[i], hyps[0].text):
                    results[i], loops[i] = hyps, None  # cured; a retry that still loops is not kept
        for i, reason in loops.items():
            if reason:
                note = f"{LOOP_NOTE} ({reason})"
                results[i] = [replace(h, notes=(*h.notes, note)) for h in results[i]]
        return results

    def _decode(self, texts: list[str], n_best: int, options: DecodeOptions,
                finished: Callable[[int], None] | None, limit: int | None = None) -> list[list[Hypothesis]]:
        if not texts:
            return []
        encoded = [self.encode(text) for text in texts]
        translator = load_translator(self.model_dir, self.options)
        decoded = decode_unique(translator, [e[0] for e in encoded], [e[1] for e in encoded], options,
                                max(1, n_best), self.replace_unknowns, finished, self.max_output, self.decode_extras,
                                limit)
        return [failed(d) if isinstance(d, str) else self._hypotheses(d) for d in decoded]

    def _hypotheses(self, decoded: list[Decoded]) -> list[Hypothesis]:
        """The decoded hypotheses as text; those with no text are left out, and a segment with only
        such hypotheses failed, with the cause (an empty draft is no draft: it counts as unfilled)."""
        if self.forced_eos:
            decoded = [replace(x, tokens=x.tokens[:-1]) if x.truncated else x for x in decoded]
        hypotheses = [Hypothesis(self.decode(x.tokens), x.score, x.truncated) for x in decoded]
        kept = [h for h in hypotheses if h.text.strip()]
        if kept:
            return kept
        best = decoded[0] if decoded else None
        if best is None or not best.tokens:
            cause = "the model ended the translation at once (</s> first)"
        else:
            cause = f"the model wrote only tokens that are no text ({' '.join(dict.fromkeys(best.tokens))[:80]})"
        return failed(f"empty MT output: {cause}")


BOUNDARY_HINT = "; : — , and …"
_PIECES = re.compile(r"MT translated this segment in (\d+) pieces")


def _joined(parts: list[list[Hypothesis]], joiners: list[str], why: str) -> list[Hypothesis]:
    """One hypothesis from the best of each piece's, joined as the source was; failed with the first
    piece's error when a piece failed."""
    best = [hyps[0] for hyps in parts]
    errors = [h.error for h in best if h.error]
    if errors:
        return failed(errors[0])
    # a piece translated in pieces itself counts with all of them; its own note gives way to this one
    count = sum(int(m.group(1)) if (m := next(filter(None, map(_PIECES.match, h.notes)), None)) else 1
                for h in best)
    note = f"MT translated this segment in {count} pieces: {why}"
    notes = tuple(dict.fromkeys(n for h in best for n in h.notes if not _PIECES.match(n)))
    return [Hypothesis("".join(j + h.text.strip() for j, h in zip(joiners, best)),
                       sum(h.score for h in best) / len(best), any(h.truncated for h in best), (note, *notes))]
