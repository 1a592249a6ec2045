"""What a pre-translation source (TM, MT + glossary) proposes for one entry."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    text: str
    origin: str  # "mt" or "tm"
    provenance: str  # goes to the entry's "Origin:" annotation
    fuzzy: bool = True  # machine output is always a draft unless the project trusts it
    notes: tuple[tuple[str, str], ...] = ()  # extra (annotation key, value) lines
    raw_mt: str | None = None  # unedited engine output, for post-editing metrics
