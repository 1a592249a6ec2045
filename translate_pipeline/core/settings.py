"""Project settings: sensible defaults, overridable by ``translate-pipeline.toml``.

The working directory is the translation project.  Sections owned by one stage
(``[mt]``, ``[glossary]``, ``[qa]``, ``[tm]``, ``[publish]``) stay plain dicts
here and are interpreted by that stage, so this module never grows with them.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import validate_lang

CONFIG_NAME = "translate-pipeline.toml"


@dataclass
class ProjectConfig:
    root: Path
    source_lang: str = "ru"
    target_langs: list[str] = field(default_factory=lambda: ["en", "kk"])
    articles_dir: str = "articles"
    locales_dir: str = "locales"
    glossary_dir: str = "glossary"
    project_name: str = "translate-pipeline"
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def articles_path(self) -> Path:
        return self.root / self.articles_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def glossary_path(self) -> Path:
        return self.root / self.glossary_dir

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def section(self, name: str, known: Iterable[str] | None = None) -> dict[str, Any]:
        """The raw table ``[name]`` of the config file (empty when absent).

        With ``known``, any other key is an error: a typo in a setting must not silently do nothing.
        """
        table = self.sections.get(name, {})
        unknown = sorted(set(table) - set(known)) if known is not None else []
        if unknown:
            raise PipelineError(
                f"[{name}] unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})", self.config_path)
        return table


def split_list(value: str) -> list[str]:
    """``"en, kk"`` → ``["en", "kk"]``: a comma-separated setting or command-line option."""
    return [v.strip() for v in value.split(",") if v.strip()]


_TOP_LEVEL = {"source_lang", "target_langs", "articles_dir", "locales_dir", "glossary_dir", "project_name"}


def _check_langs(codes: list[str], path: Path) -> None:
    """A misspelt language would otherwise only show up as oddly named catalogs."""
    for code in codes:
        try:
            validate_lang(code)
        except PipelineError as exc:
            raise PipelineError(exc.message, path) from exc


def load_config(root: Path | str = ".") -> ProjectConfig:
    """Read ``translate-pipeline.toml`` from ``root`` if present, else defaults."""
    root = Path(root).resolve()
    config = ProjectConfig(root=root)
    path = root / CONFIG_NAME
    if not path.exists():
        return config
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise PipelineError(f"invalid TOML: {exc}", path, line) from exc
    except UnicodeDecodeError as exc:
        raise PipelineError("not UTF-8 text", path) from exc
    except OSError as exc:
        raise PipelineError(f"cannot read: {exc.strerror}", path) from exc
    for key, value in data.items():
        if isinstance(value, dict):
            config.sections[key] = value
        elif key in _TOP_LEVEL:
            if key == "target_langs":
                if isinstance(value, str):
                    value = split_list(value)
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise PipelineError("target_langs must be a list of language codes", path)
            elif not isinstance(value, str):
                raise PipelineError(f"{key} must be a string", path)
            if key in ("source_lang", "target_langs"):
                _check_langs([value] if isinstance(value, str) else value, path)
            setattr(config, key, value)
        else:
            raise PipelineError(f"unknown setting {key!r}", path)
    return config


MT_BACKENDS = ("local", "ray")


@dataclass(frozen=True)
class RaySettings:
    """``[mt.ray]``: the MT stage on a Ray cluster (``[mt] backend = "ray"`` or ``--backend ray``).

    ``actors`` translators run in parallel, each reserving ``num_cpus`` CPUs and ``num_gpus``
    GPUs of its node and decoding ``batch_size`` segments per Ray Data batch with the
    ``[mt]`` engine settings (``inter_threads`` × ``intra_threads`` threads each).  The
    driver merges and writes ``chunk_articles`` articles at a time, so its memory does
    not grow with the archive.
    """

    address: str = ""  # "" starts a local Ray (or joins RAY_ADDRESS); "auto", "HOST:PORT", "ray://HOST:PORT"
    actors: int = 1
    num_cpus: float = 1.0
    num_gpus: float = 0.0
    batch_size: int = 256  # segments per Ray Data batch (the unit retried when an actor dies)
    chunk_articles: int = 1000  # articles merged, translated and written per driver step


_RAY_KEYS = {"address": str, "actors": int, "num_cpus": float, "num_gpus": float, "batch_size": int,
             "chunk_articles": int}


def parse_ray_settings(table: Any, where: Path | None) -> RaySettings:
    """Validate ``[mt.ray]``: known keys, types, positive sizes; raises a one-line PipelineError."""
    if not isinstance(table, dict):
        raise PipelineError("[mt.ray] must be a table", where)
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = _RAY_KEYS.get(key)
        if kind is None:
            raise PipelineError(f"[mt.ray] unknown setting {key!r} (known: {', '.join(sorted(_RAY_KEYS))})", where)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PipelineError(f"[mt.ray] {key} must be {kind.__name__}, got {value!r}", where)
        values[key] = value
    settings = RaySettings(**values)
    if settings.actors < 1 or settings.batch_size < 1 or settings.chunk_articles < 1:
        raise PipelineError("[mt.ray] actors, batch_size and chunk_articles must be >= 1", where)
    if settings.num_cpus < 0 or settings.num_gpus < 0:
        raise PipelineError("[mt.ray] num_cpus and num_gpus must be >= 0", where)
    return settings
