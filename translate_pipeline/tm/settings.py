"""What the TM works with, from the validated ``[tm]`` table of :mod:`translate_pipeline.core.settings`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate_pipeline.core.settings import ProjectConfig, resolve_path


@dataclass(frozen=True)
class TMSettings:
    path: Path  # the SQLite database (absolute)
    threshold: float = 75.0  # minimum fuzzy score (0–100) worth proposing
    trust_exact: bool = False  # exact matches of reviewed units are filled as final, not fuzzy
    max_matches: int = 3  # top-k fuzzy matches kept per lookup

    @classmethod
    def from_config(cls, config: ProjectConfig) -> "TMSettings":
        """From the project's ``[tm]`` table (validated when the project loaded)."""
        table = config.tm
        return cls(resolve_path(config.root, table.path), float(table.threshold), table.trust_exact, table.max_matches)
