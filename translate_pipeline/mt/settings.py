"""The ``[mt]`` section of ``translate-pipeline.toml``, parsed once into dataclasses.

Decoding defaults follow the machine: on CPU, CTranslate2 runs fastest with
several independent batches in parallel (``inter_threads``) each on few
threads, so cores are split between them (2 cores → 2 × 1 thread).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import MT_BACKENDS, RaySettings, parse_ray_settings

MODEL_KINDS = ("nllb", "t5", "plain")


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
    kind: str  # nllb | t5 | plain
    path: Path
    tokenizer: Path  # SentencePiece model for the source (and target, unless target_tokenizer)
    languages: dict[str, str]  # project code → model code (nllb: "kk" → "kaz_Cyrl")
    pairs: tuple[tuple[str, str], ...] = ()  # empty: every pair among ``languages``
    version: str = ""
    source_prefix: str = ""  # t5: text put before the source, may use {source} {target}
    target_tokenizer: Path | None = None  # Marian/OPUS-MT ship separate source.spm / target.spm

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
    backend: str = "local"  # "local": this process; "ray": actors on a Ray cluster ([mt.ray])
    ray: RaySettings = field(default_factory=RaySettings)


_DECODE_KEYS = {
    "device": str, "compute_type": str, "inter_threads": int, "intra_threads": int, "beam_size": int,
    "max_batch_size": int, "length_penalty": float, "max_length_ratio": float, "max_length_extra": int,
    "max_decoding_length": int, "min_decoding_length": int,
}


def parse_settings(section: dict[str, Any], root: Path, where: Path | None = None) -> MTSettings:
    """Validate ``[mt]``; unknown keys are errors so typos do not silently do nothing."""
    decode = default_decode_options()
    values: dict[str, Any] = {}
    models: list[ModelConfig] = []
    for key, value in section.items():
        if key in _DECODE_KEYS:
            decode = replace(decode, **{key: _typed(key, value, _DECODE_KEYS[key], where)})
        elif key == "packages_dir":
            values[key] = _path(root, _typed(key, value, str, where))
        elif key == "pivots":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise PipelineError("[mt] pivots must be a list of language codes", where)
            values[key] = tuple(value)
        elif key == "index_timeout":
            values[key] = _typed(key, value, float, where)
        elif key == "max_package_mb":
            values["max_package_bytes"] = _typed(key, value, int, where) << 20
        elif key == "models":
            if not isinstance(value, dict):
                raise PipelineError("[mt.models] must be a table of tables", where)
            models = [_model(name, table, root, where) for name, table in value.items()]
        elif key == "backend":
            if value not in MT_BACKENDS:
                raise PipelineError(f"[mt] backend must be one of {', '.join(MT_BACKENDS)}, not {value!r}", where)
            values[key] = value
        elif key == "ray":
            values[key] = parse_ray_settings(value, where)
        else:
            raise PipelineError(f"unknown setting {key!r} in [mt]", where)
    if decode.device not in ("cpu", "cuda", "auto"):
        raise PipelineError(f"[mt] device must be cpu, cuda or auto, not {decode.device!r}", where)
    if decode.beam_size < 1 or decode.inter_threads < 1 or decode.intra_threads < 0 or decode.max_batch_size < 1:
        raise PipelineError("[mt] beam_size, inter_threads and max_batch_size must be >= 1", where)
    return MTSettings(decode=decode, models=tuple(models), **values)


def load_settings(config) -> MTSettings:
    """:class:`MTSettings` from a :class:`~translate_pipeline.core.settings.ProjectConfig`."""
    return parse_settings(config.section("mt"), config.root, config.config_path)


def _typed(key: str, value: Any, kind: type, where: Path | None) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise PipelineError(f"[mt] {key} must be {kind.__name__}, got {value!r}", where)
    return value


def _path(root: Path, value: str) -> Path:
    path = Path(os.path.expanduser(value))
    return path if path.is_absolute() else root / path


def _model(name: str, table: Any, root: Path, where: Path | None) -> ModelConfig:
    label = f"[mt.models.{name}]"
    if not isinstance(table, dict):
        raise PipelineError(f"{label} must be a table", where)
    unknown = set(table) - {"kind", "path", "tokenizer", "target_tokenizer", "languages", "pairs", "version",
                            "source_prefix"}
    if unknown:
        raise PipelineError(f"unknown setting {sorted(unknown)[0]!r} in {label}", where)
    kind = table.get("kind", "plain")
    if kind not in MODEL_KINDS:
        raise PipelineError(f"{label} kind must be one of {', '.join(MODEL_KINDS)}, not {kind!r}", where)
    for key in ("path", "tokenizer"):
        if not isinstance(table.get(key), str):
            raise PipelineError(f"{label} needs {key} = \"…\" (a path)", where)
    languages = table.get("languages", {})
    if not isinstance(languages, dict) or not all(isinstance(v, str) for v in languages.values()):
        raise PipelineError(f"{label} languages must map project codes to model codes, "
                            "e.g. {{ ru = \"rus_Cyrl\", kk = \"kaz_Cyrl\" }}", where)
    pairs = []
    for pair in table.get("pairs", []):
        parts = pair.replace("→", "-").split("-") if isinstance(pair, str) else []
        if len(parts) != 2 or not all(parts):
            raise PipelineError(f"{label} pairs must look like \"ru-kk\", not {pair!r}", where)
        pairs.append((parts[0], parts[1]))
    if kind == "nllb" and not languages:
        raise PipelineError(f"{label} kind nllb needs languages, e.g. {{ ru = \"rus_Cyrl\", kk = \"kaz_Cyrl\" }}",
                            where)
    if not languages:
        languages = {code: code for pair in pairs for code in pair}
    return ModelConfig(
        name=name, kind=kind, path=_path(root, table["path"]), tokenizer=_path(root, table["tokenizer"]),
        languages=dict(languages), pairs=tuple(pairs), version=str(table.get("version", "")),
        source_prefix=str(table.get("source_prefix", "")),
        target_tokenizer=_path(root, table["target_tokenizer"]) if isinstance(table.get("target_tokenizer"), str)
        else None,
    )
