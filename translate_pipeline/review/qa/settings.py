"""The ``[qa]`` section of ``translate-pipeline.toml`` (declared as ``QATable`` in :mod:`translate_pipeline.core.settings`).

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

from pathlib import Path

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import ProjectConfig, QATable
from translate_pipeline.review.qa.context import DEFAULT_LENGTH_RATIO, CheckContext, GlossaryVerifier
from translate_pipeline.review.qa.registry import CHECK_FAILED, all_checks


def checked_table(table: QATable, where: Path | None = None) -> QATable:
    """The validated ``[qa]`` table, once its check names are known ones (the schema cannot know the
    registry); raises a one-line :class:`PipelineError` naming ``where`` otherwise."""
    checks = all_checks()
    for name in table.disabled:
        if name == CHECK_FAILED.name:
            raise PipelineError(f"[qa] {name} cannot be disabled: it reports entries a check could not check "
                                "(set its severity in [qa.severity] instead)", where)
    for name in [*table.disabled, *table.severity]:
        if name not in checks and name != CHECK_FAILED.name:
            raise PipelineError(f"[qa] unknown check {name!r} (known: {', '.join(sorted(checks))})", where)
    return table


def load_settings(config: ProjectConfig) -> QATable:
    """The project's QA settings (``[qa]`` was validated when the project loaded)."""
    return checked_table(config.qa, config.config_path)


def check_context(table: QATable, source_lang: str, target_lang: str,
                  glossary: GlossaryVerifier | None = None) -> CheckContext:
    """What the checks of one language pair know: the table's settings, its length ratios over the defaults."""
    ratios = dict(DEFAULT_LENGTH_RATIO)
    ratios.update({pair: (float(low), float(high)) for pair, (low, high) in table.length_ratio.items()})
    return CheckContext(source_lang=source_lang, target_lang=target_lang, known_names=tuple(table.known_names),
                        length_ratio=ratios, kazakh_min_words=table.kazakh_min_words, glossary=glossary)
