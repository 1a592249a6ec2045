"""``models check``'s probe (mt/probe.py): each way a route's output can be unusable is named."""
from __future__ import annotations

from typing import Callable

import pytest

from translate_pipeline.mt.engine import Engine, Hypothesis, failed
from translate_pipeline.mt.probe import PROBES, probe


class _Mapped(Engine):
    """An engine whose output is ``translate(text)``."""

    source, target = "ru", "kk"

    def __init__(self, translate: Callable[[str], list[Hypothesis]]):
        self.translate = translate

    @property
    def provenance(self) -> str:
        return "test (ru→kk)"

    def translate_batch(self, texts, n_best=1, progress=None):
        return [self.translate(text) for text in texts]


def test_a_working_route_has_no_problem_and_every_probe_translated():
    result = probe(_Mapped(lambda text: [Hypothesis(text.upper(), 0.0)]), "kk")  # Cyrillic, as kk wants
    assert result.problems == ()
    assert result.outputs == tuple((p, p.upper()) for p in PROBES)
    assert result.per_segment == pytest.approx(result.seconds / len(PROBES))


@pytest.mark.parametrize("output, target, problem", [
    ("Премьер ⁇ провёл", "kk", "unknown-token marks in 'Премьер ⁇ провёл'"),
    ("Премьер <unk> провёл", "kk", "unknown-token marks in"),
    ("The prime minister held a meeting.", "kk", "output not in cyrillic script"),  # wrong language token
    ("Премьер-министр провёл совещание.", "en", "output not in latin script"),
    ("  ", "kk", "empty translation of"),
])
def test_each_fault_is_named_for_every_probe(output, target, problem):
    result = probe(_Mapped(lambda text: [Hypothesis(output, 0.0)]), target)
    assert len(result.problems) == len(PROBES)
    assert all(problem in p for p in result.problems)


def test_a_failed_segment_and_an_unknown_script_target():
    """A segment the engine failed on is named with the engine's cause; a target in a script the check does
    not know (Han) is not script-checked (only the other faults are)."""
    result = probe(_Mapped(lambda text: failed("boom") if text == PROBES[0] else [Hypothesis("Hello.", 0.0)]), "zh")
    assert result.problems == (f"no translation of {PROBES[0]!r}: boom",)
