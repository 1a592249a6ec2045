"""What the MT engines work with, built from the validated ``[mt]`` table of :mod:`translate_pipeline.core.settings`.

Decoding defaults follow the machine: on CPU, CTranslate2 runs fastest with
several independent batches in parallel (``inter_threads``) each on few
threads, so cores are split between them (2 cores → 2 × 1 thread).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate_pipeline.core.settings import (
    MTModelTable,
    MTRayTable,
    MTTable,
    ProjectConfig,
    parse_pair,
    resolve_path,
    validate_table,
)


@dataclass(frozen=True)
class DecodeOptions:
    """How CTranslate2 is loaded and asked to decode; shared by every engine."""

    device: str = "cpu"
    compute_type: str = "auto"
    inter_threads: int = 1
    intra_threads: int = 1
    beam_size: int = 4
    max_batch_size: int = 32  # examples per batch
    length_penalty: float = 1.0
    max_length_ratio: float = 2.0  # max_decoding_length = ratio * input tokens + extra
    max_length_extra: int = 16
    max_decoding_length: int = 0  # > 0: fixed limit (benchmarks); 0: from input length
    min_decoding_length: int = 1
    repetition_penalty: float = 1.0  # CTranslate2's; > 1 penalises tokens already produced
    no_repeat_ngram_size: int = 0  # > 0: no n-gram of this size twice in an output
    retry_repetition: bool = True  # decode a looping output again with the two retry settings below
    retry_repetition_penalty: float = 1.3
    retry_no_repeat_ngram_size: int = 4


def default_decode_options(cores: int | None = None) -> DecodeOptions:
    """Split the cores into parallel single- or dual-threaded translators."""
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    cores = max(1, cores)
    inter = cores if cores <= 3 else cores // 2
    return DecodeOptions(inter_threads=inter, intra_threads=max(1, cores // inter))


@dataclass(frozen=True)
class ModelConfig:
    """A non-Argos CTranslate2 model from ``[mt.models.<name>]``."""

    name: str
    kind: str  # nllb | m2m100 | t5 | madlad | marian | plain (framing: mt.ct2_engine)
    path: Path
    tokenizer: Path  # SentencePiece model for the source (and target, unless target_tokenizer)
    languages: dict[str, str]  # project code → model language token (nllb: "kk" → "kaz_Cyrl")
    pairs: tuple[tuple[str, str], ...] = ()  # empty: every pair among ``languages``
    version: str = ""
    source_prefix: str = ""  # t5: text put before the source, may use {source} {target}
    target_tokenizer: Path | None = None  # Marian/OPUS-MT ship separate source.spm / target.spm
    source: str = ""  # Hugging Face model id or directory it was converted from
    license: str = ""
    size_mb: float = 0.0
    max_input_length: int = 0  # source tokens including special tokens; 0: no limit
    disable_unk: bool = False
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0

    @property
    def non_commercial(self) -> bool:
        """True for licenses that forbid commercial use (CC-BY-NC-*, …)."""
        return "-nc" in self.license.lower() or "noncommercial" in self.license.lower().replace("-", "")

    def serves(self, source: str, target: str) -> bool:
        if self.pairs:
            return (source, target) in self.pairs
        return source != target and source in self.languages and target in self.languages


@dataclass(frozen=True)
class MTSettings:
    packages_dir: Path | None = None  # None: Argos' own directory (ARGOS_PACKAGES_DIR …)
    decode: DecodeOptions = field(default_factory=default_decode_options)
    pivots: tuple[str, ...] = ("en",)  # preferred pivot languages, tried first
    index_timeout: float = 10.0  # seconds for the package index / downloads to answer
    max_package_bytes: int = 4 << 30  # uncompressed size accepted for an .argosmodel
    models: tuple[ModelConfig, ...] = ()
    cache: bool = True  # persistent MT cache beside the TM (mt/cache.py)
    cache_max_bytes: int = 1 << 30
    backend: str = "local"  # "local": this process; "ray": actors on a Ray cluster ([mt.ray])
    ray: MTRayTable = field(default_factory=MTRayTable)


def settings_from_table(table: MTTable, root: Path) -> MTSettings:
    """:class:`MTSettings` from the validated ``[mt]`` table; relative paths are taken from ``root``."""
    base = default_decode_options()
    decode = DecodeOptions(
        device=table.device, compute_type=table.compute_type,
        inter_threads=table.inter_threads or base.inter_threads,
        intra_threads=base.intra_threads if table.intra_threads is None else table.intra_threads,
        beam_size=table.beam_size, max_batch_size=table.max_batch_size, length_penalty=table.length_penalty,
        max_length_ratio=table.max_length_ratio, max_length_extra=table.max_length_extra,
        max_decoding_length=table.max_decoding_length, min_decoding_length=table.min_decoding_length,
        repetition_penalty=table.repetition_penalty, no_repeat_ngram_size=table.no_repeat_ngram_size,
        retry_repetition=table.retry_repetition, retry_repetition_penalty=table.retry_repetition_penalty,
        retry_no_repeat_ngram_size=table.retry_no_repeat_ngram_size,
    )
    return MTSettings(
        packages_dir=resolve_path(root, table.packages_dir) if table.packages_dir else None,
        decode=decode,
        pivots=(table.pivots,) if isinstance(table.pivots, str) else tuple(table.pivots),
        index_timeout=float(table.index_timeout),
        max_package_bytes=table.max_package_mb << 20,
        models=tuple(_model(name, model, root) for name, model in table.models.items()),
        cache=table.cache,
        cache_max_bytes=table.cache_max_mb << 20,
        backend=table.backend,
        ray=table.ray,
    )


def parse_settings(section: dict[str, Any], root: Path, where: Path | None = None) -> MTSettings:
    """Validate a raw ``[mt]`` table (as :func:`load_config` does) and build :class:`MTSettings`."""
    return settings_from_table(validate_table("mt", section, where), root)


def load_settings(config: ProjectConfig) -> MTSettings:
    """:class:`MTSettings` of a project (its ``[mt]`` table was validated when the project loaded)."""
    return settings_from_table(config.mt, config.root)


def _model(name: str, table: MTModelTable, root: Path) -> ModelConfig:
    pairs = tuple(parse_pair(pair) for pair in table.pairs)  # validated by the schema
    languages = dict(table.languages) or {code: code for pair in pairs for code in pair}
    return ModelConfig(
        name=name, kind=table.kind, path=resolve_path(root, table.path), tokenizer=resolve_path(root, table.tokenizer),
        languages=languages, pairs=pairs, version=table.version, source_prefix=table.source_prefix,
        target_tokenizer=resolve_path(root, table.target_tokenizer) if table.target_tokenizer else None,
        source=table.source, license=table.license, size_mb=table.size_mb, max_input_length=table.max_input_length,
        disable_unk=table.disable_unk, repetition_penalty=table.repetition_penalty,
        no_repeat_ngram_size=table.no_repeat_ngram_size,
    )
