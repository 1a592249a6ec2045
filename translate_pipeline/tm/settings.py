"""The ``[tm]`` section of ``translate-pipeline.toml``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.errors import PipelineError

DEFAULT_PATH = "tm/memory.sqlite"
_KEYS = {"path", "threshold", "trust_exact", "max_matches"}


@dataclass(frozen=True)
class TMSettings:
    path: Path  # the SQLite database (absolute)
    threshold: float = 75.0  # minimum fuzzy score (0–100) worth proposing
    trust_exact: bool = False  # exact matches of reviewed units are filled as final, not fuzzy
    max_matches: int = 3  # top-k fuzzy matches kept per lookup

    @classmethod
    def from_config(cls, config: ProjectConfig) -> "TMSettings":
        raw = config.section("tm", _KEYS)
        where = config.config_path
        path = raw.get("path", DEFAULT_PATH)
        if not isinstance(path, str) or not path.strip():
            raise PipelineError("[tm] path must be a file path", where)
        threshold = raw.get("threshold", 75)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
            raise PipelineError("[tm] threshold must be a number in (0, 100]", where)
        trust_exact = raw.get("trust_exact", False)
        if not isinstance(trust_exact, bool):
            raise PipelineError("[tm] trust_exact must be true or false", where)
        max_matches = raw.get("max_matches", 3)
        if isinstance(max_matches, bool) or not isinstance(max_matches, int) or max_matches < 1:
            raise PipelineError("[tm] max_matches must be a positive integer", where)
        return cls(config.root / path, float(threshold), trust_exact, max_matches)
