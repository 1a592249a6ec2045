"""What a check may know besides the two texts: languages, project settings, glossary."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from translate_pipeline.core.settings import QATable

# (source, target, target_lang) -> one human-readable problem per unmet glossary rule
GlossaryVerifier = Callable[[str, str, str], list[str]]

# Default bounds of len(target) / len(source) per language pair; MT that drops or
# invents a clause falls outside them, ordinary rewording does not.
DEFAULT_LENGTH_RATIO: dict[str, tuple[float, float]] = {
    "ru-en": (0.5, 1.6),
    "ru-kk": (0.55, 1.8),
}
FALLBACK_LENGTH_RATIO = (0.4, 2.5)


@dataclass(frozen=True)
class CheckContext:
    source_lang: str = "ru"
    target_lang: str = "en"
    known_names: tuple[str, ...] = ()  # words allowed in a foreign script (brands, people)
    length_ratio: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_LENGTH_RATIO))
    kazakh_min_words: int = QATable.kazakh_min_words  # a Kazakh sentence this long is expected to show a Kazakh letter
    glossary: Optional[GlossaryVerifier] = None
    markdown: bool = True  # the sentence comes from a Markdown article: its inline markup renders

    def ratio_bounds(self) -> tuple[float, float]:
        return self.length_ratio.get(f"{self.source_lang}-{self.target_lang}", FALLBACK_LENGTH_RATIO)
