"""The ``[qa]`` section of ``translate-pipeline.toml``.

Example::

    [qa]
    disabled = ["length-ratio"]          # checks switched off for the project
    known_names = ["Daimler AG", "KAMAZ"]  # foreign-script words that are fine
    kazakh_min_words = 6

    [qa.severity]                        # per-check severity overrides
    unchanged = "info"

    [qa.length_ratio]                    # len(target)/len(source) bounds per pair
    ru-en = [0.5, 1.6]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.review.qa.context import DEFAULT_LENGTH_RATIO
from translate_pipeline.review.qa.finding import SEVERITIES

_KEYS = {"disabled", "known_names", "kazakh_min_words", "severity", "length_ratio"}


@dataclass(frozen=True)
class QASettings:
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    known_names: tuple[str, ...] = ()
    length_ratio: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_LENGTH_RATIO))
    kazakh_min_words: int = 6


def _string_list(value, key: str, where) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PipelineError(f"[qa] {key} must be a list of strings", where)
    return value


def parse_settings(section: dict, where: Path | None = None) -> QASettings:
    """Validate the raw ``[qa]`` table (keys already checked); unknown checks or severities are user errors."""
    from translate_pipeline.review.qa.registry import all_checks

    checks = all_checks()

    def known_check(name: str) -> str:
        if name not in checks:
            raise PipelineError(f"[qa] unknown check {name!r} (known: {', '.join(sorted(checks))})", where)
        return name

    disabled = frozenset(known_check(n) for n in _string_list(section.get("disabled", []), "disabled", where))
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise PipelineError("[qa] severity must be a table of check = severity", where)
    for name, value in severity.items():
        known_check(name)
        if value not in SEVERITIES:
            raise PipelineError(f"[qa.severity] {name}: {value!r} is not one of {', '.join(SEVERITIES)}", where)
    ratios = dict(DEFAULT_LENGTH_RATIO)
    raw_ratios = section.get("length_ratio", {})
    if not isinstance(raw_ratios, dict):
        raise PipelineError("[qa] length_ratio must be a table of pair = [min, max]", where)
    for pair, bounds in raw_ratios.items():
        if (
            not isinstance(bounds, list)
            or len(bounds) != 2
            or not all(isinstance(b, (int, float)) for b in bounds)
            or not 0 < bounds[0] < bounds[1]
        ):
            raise PipelineError(f"[qa.length_ratio] {pair} must be [min, max] with 0 < min < max", where)
        ratios[pair] = (float(bounds[0]), float(bounds[1]))
    min_words = section.get("kazakh_min_words", 6)
    if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 1:
        raise PipelineError("[qa] kazakh_min_words must be a positive integer", where)
    return QASettings(
        disabled=disabled,
        severity=dict(severity),
        known_names=tuple(_string_list(section.get("known_names", []), "known_names", where)),
        length_ratio=ratios,
        kazakh_min_words=min_words,
    )


def load_settings(config: ProjectConfig) -> QASettings:
    return parse_settings(config.section("qa", _KEYS), config.config_path)
