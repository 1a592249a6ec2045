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

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import ProjectConfig, QATable
from translate_pipeline.review.qa.context import DEFAULT_LENGTH_RATIO
from translate_pipeline.review.qa.registry import all_checks


@dataclass(frozen=True)
class QASettings:
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    known_names: tuple[str, ...] = ()
    length_ratio: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_LENGTH_RATIO))
    kazakh_min_words: int = 6


def settings_from_table(table: QATable, where: Path | None = None) -> QASettings:
    """:class:`QASettings` from the validated ``[qa]`` table; a check name nobody registered is an error."""
    checks = all_checks()
    for name in [*table.disabled, *table.severity]:
        if name not in checks:
            raise PipelineError(f"[qa] unknown check {name!r} (known: {', '.join(sorted(checks))})", where)
    ratios = dict(DEFAULT_LENGTH_RATIO)
    ratios.update({pair: (float(low), float(high)) for pair, (low, high) in table.length_ratio.items()})
    return QASettings(
        disabled=frozenset(table.disabled),
        severity=dict(table.severity),
        known_names=tuple(table.known_names),
        length_ratio=ratios,
        kazakh_min_words=table.kazakh_min_words,
    )


def load_settings(config: ProjectConfig) -> QASettings:
    """The project's QA settings (``[qa]`` was validated when the project loaded)."""
    return settings_from_table(config.qa, config.config_path)
