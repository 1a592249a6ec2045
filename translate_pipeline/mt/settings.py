"""What the MT engines work with: the validated ``[mt]`` table of :mod:`translate_pipeline.core.settings`
with what follows from it resolved (paths, thread counts, model families).

Every setting is declared once, in the schema; nothing here repeats a field or a
default.  Decoding defaults follow the machine: on CPU, CTranslate2 runs fastest
with several independent batches in parallel (``inter_threads``) each on few
threads, so cores are split between them (2 cores → 2 × 1 thread).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import (
    DecodeOptions,
    MTModelTable,
    MTTable,
    ProjectConfig,
    parse_pair,
    resolve_path,
    validate_table,
)
from translate_pipeline.mt.families import FAMILIES


def decode_options(options: DecodeOptions = DecodeOptions(), cores: int | None = None) -> DecodeOptions:
    """``options`` with the thread counts it leaves unset split over ``cores`` (default: this machine's).

    ``cores`` → (inter_threads, intra_threads): 1 → 1 × 1, 2 → 2 × 1, 4 → 2 × 2, 8 → 4 × 2.
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    cores = max(1, cores)
    inter = cores if cores <= 3 else cores // 2
    only = DecodeOptions(**{f.name: getattr(options, f.name) for f in fields(DecodeOptions)})  # not the whole [mt]
    return replace(only, inter_threads=options.inter_threads or inter,
                   intra_threads=max(1, cores // inter) if options.intra_threads is None else options.intra_threads)


def non_commercial(license_: str) -> bool:
    """A license id that forbids commercial use: CC's NC variants (``cc-by-nc-4.0``,
    ``CC-BY-NC-SA-4.0``) or one spelled out as non-commercial."""
    license_ = license_.lower()
    return "-nc" in license_ or "noncommercial" in license_.replace("-", "")


@dataclass(frozen=True)
class ModelConfig:
    """A configured CTranslate2 model: its ``[mt.models.<name>]`` table and what follows from it.

    Read the settings from ``table`` (``model.table.kind``, ``.version``, ``.max_input_length`` …);
    the fields here are derived: paths taken from the project directory, pairs parsed.
    """

    name: str
    table: MTModelTable
    path: Path  # the converted model directory
    tokenizer: Path  # SentencePiece model for the source (and target, unless target_tokenizer)
    target_tokenizer: Path | None
    pairs: tuple[tuple[str, str], ...]  # empty: every pair among ``languages``
    # table.languages, or (a model without language tokens) each code of pairs standing for itself:
    # the languages routing may send through it.  Framing reads only table.languages.
    languages: dict[str, str]

    @property
    def non_commercial(self) -> bool:
        """True for licenses that forbid commercial use (CC-BY-NC-*, …)."""
        return non_commercial(self.table.license)

    def serves(self, source: str, target: str) -> bool:
        if self.pairs:
            return (source, target) in self.pairs
        return source != target and source in self.languages and target in self.languages


@dataclass(frozen=True)
class MTSettings:
    """The project's ``[mt]`` table (``table``: read ``index_timeout``, ``cache``, ``backend``, ``ray`` there)
    and what the engines need resolved from it."""

    table: MTTable
    decode: DecodeOptions  # the table's decoding keys, thread counts filled in for this machine
    packages_dir: Path | None  # None: Argos' own directory (ARGOS_PACKAGES_DIR …)
    pivots: tuple[str, ...]  # preferred pivot languages, tried first
    models: tuple[ModelConfig, ...]
    max_package_bytes: int  # uncompressed size accepted for an .argosmodel
    cache_max_bytes: int  # the MT cache's bound


def settings_from_table(table: MTTable, root: Path, where: Path | None = None) -> MTSettings:
    """:class:`MTSettings` from the validated ``[mt]`` table; relative paths are taken from ``root``.

    Raises :class:`PipelineError` (naming ``where``) for a model table its family cannot frame.
    """
    return MTSettings(
        table=table,
        decode=decode_options(table),
        packages_dir=resolve_path(root, table.packages_dir) if table.packages_dir else None,
        pivots=(table.pivots,) if isinstance(table.pivots, str) else tuple(table.pivots),
        models=tuple(_model(name, model, root, where) for name, model in table.models.items()),
        max_package_bytes=table.max_package_mb << 20,
        cache_max_bytes=table.cache_max_mb << 20,
    )


def parse_settings(section: dict[str, Any], root: Path, where: Path | None = None) -> MTSettings:
    """Validate a raw ``[mt]`` table (as :func:`load_config` does) and build :class:`MTSettings`."""
    return settings_from_table(validate_table("mt", section, where), root, where)


def load_settings(config: ProjectConfig) -> MTSettings:
    """:class:`MTSettings` of a project (its ``[mt]`` table was validated when the project loaded)."""
    return settings_from_table(config.mt, config.root, config.config_path)


def _model(name: str, table: MTModelTable, root: Path, where: Path | None) -> ModelConfig:
    family = FAMILIES[table.kind]
    if family.tokens_required and not table.languages:
        raise PipelineError(f"[mt.models.{name}] kind {table.kind} needs languages, "
                            f"e.g. {family.example_languages()}", where)
    pairs = tuple(parse_pair(pair) for pair in table.pairs)  # validated by the schema
    return ModelConfig(
        name=name, table=table, path=resolve_path(root, table.path), tokenizer=resolve_path(root, table.tokenizer),
        target_tokenizer=resolve_path(root, table.target_tokenizer) if table.target_tokenizer else None,
        pairs=pairs, languages=dict(table.languages) or {code: code for pair in pairs for code in pair},
    )
