"""``models check``: does a route's engine really translate?  Probe sentences and what goes wrong.

A model that loads can still be unusable: a wrong tokenizer gives ``⁇``/``<unk>``, a wrong
target-language token gives text in another script, a framing error gives empty output.
:func:`probe` translates a few typical news sentences and names each such fault, with the
time per segment (one batch, as translate runs it); :func:`framing_report` derives each converted
model's framing again from the tokenizer files beside it and names any difference from the one
the engine uses (:mod:`.framing`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.core.text import UNKNOWN_MARKS, script_of
from translate_pipeline.mt.ct2_engine import GenericCT2Engine
from translate_pipeline.mt.engine import Engine
from translate_pipeline.mt.framing import FramingUnavailable, derive_framing, describe

PROBES = (
    "Премьер-министр Казахстана провёл совещание по развитию транспортной отрасли.",
    "«Мы откроем 2,5 тысячи рабочих мест до конца года», — сказал аким области.",
    "Национальный банк сохранил базовую ставку на уровне 15,25%.",
    "В Алматы и Астане ожидается снег, ветер до 15 м/с.",
    "Компания КАМАЗ подписала соглашение о поставках автобусов в Костанай.",
)
SCRIPT_SHARE = 0.8  # at least this share of the output's letters in the target's script


@dataclass(frozen=True)
class ProbeResult:
    outputs: tuple[tuple[str, str], ...]  # (probe sentence, its translation) in order
    seconds: float  # wall time of the whole batch
    problems: tuple[str, ...]  # what is wrong with the output; empty: the route works

    @property
    def per_segment(self) -> float:
        """Seconds per probe sentence."""
        return self.seconds / len(self.outputs)


def probe(engine: Engine, target: str, sentences: tuple[str, ...] = PROBES) -> ProbeResult:
    """Translate ``sentences`` with ``engine`` in one batch and check each output: no unknown-token
    marks, the script of ``target`` (its :attr:`~translate_pipeline.core.langs.Tag.coarse_script`), not empty;
    and that the model's tokenizer knows the sentences' characters (what it lacks reaches the model as
    ``<unk>``: a wrong tokenizer, whatever the output shows once they are given back)."""
    problems = []
    reads = getattr(engine, "reads", None)  # CTranslate2 engines: the text as the model reads it
    for sentence in sentences if reads is not None else ():
        if any(mark in reads(sentence) for mark in UNKNOWN_MARKS):
            lacking = "".join(sorted({c for c in set(sentence) if any(m in reads(c) for m in UNKNOWN_MARKS)}))
            problems.append(f"the model's tokenizer does not know {lacking!r} of {sentence!r} (wrong tokenizer?)")
    started = time.perf_counter()
    results = engine.translate_batch(list(sentences))
    elapsed = time.perf_counter() - started
    outputs = []
    expected = Tag.parse(target).coarse_script
    for sentence, hyps in zip(sentences, results):
        text = hyps[0].text if hyps else ""
        outputs.append((sentence, text))
        if hyps and hyps[0].error:
            problems.append(f"no translation of {sentence!r}: {hyps[0].error}")
            continue
        if any(mark in text for mark in UNKNOWN_MARKS):
            problems.append(f"unknown-token marks in {text!r} (set disable_unk = true, or the tokenizer is wrong)")
        letters = [script_of(c) for c in text if c.isalpha()]
        if expected and letters and sum(s == expected for s in letters) < SCRIPT_SHARE * len(letters):
            problems.append(f"output not in {expected} script: {text!r} (wrong target language token?)")
        if not text.strip():
            problems.append(f"empty translation of {sentence!r}")
    return ProbeResult(tuple(outputs), elapsed, tuple(problems))


def framing_report(engine: Engine) -> tuple[list[str], list[str]]:
    """(lines to show, problems) on how each converted model of ``engine`` (both legs of a pivot)
    frames a segment: the framing it uses and where it comes from, checked against the framing the
    tokenizer files beside the model give now.  A model whose tokenizer cannot be loaded here (no
    transformers) is reported as not checked, not as a problem."""
    legs = [getattr(engine, "first", None), getattr(engine, "second", None)] if hasattr(engine, "first") else [engine]
    lines: list[str] = []
    problems: list[str] = []
    for leg in legs:
        if not isinstance(leg, GenericCT2Engine):
            continue
        lines.append(f"framing of {leg.model.name}: {describe(leg.framing)} ({leg.framing_origin})")
        try:
            derived = derive_framing(leg.model.path, leg.family, leg.language_tokens, leg.tokenizer.encode,
                                     leg.target_tokenizer.encode)
        except FramingUnavailable as exc:
            lines.append(f"  not checked against the model's tokenizer: {exc.message}")
            continue
        except PipelineError as exc:
            problems.append(f"{leg.model.name}: {exc.message}")
            continue
        resolved = derived.resolve(leg.language_tokens)
        if resolved != leg.framing:
            problems.append(f"{leg.model.name} is framed as {describe(leg.framing)}, but its tokenizer gives "
                            f"{describe(resolved)} (run `translate-pipeline models add` again to record it)")
        else:
            lines.append("  the same as its tokenizer gives")
    return lines, problems
