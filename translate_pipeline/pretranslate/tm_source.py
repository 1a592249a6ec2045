"""The translation memory as a pre-translation source (tried before MT)."""
from __future__ import annotations

from translate_pipeline.pretranslate.suggestion import Suggestion
from translate_pipeline.tm import ProjectTM


class TMSource:
    """:class:`~translate_pipeline.pretranslate.base.SuggestionSource` over a :class:`ProjectTM`.

    Exact match first, else the best fuzzy match at or above ``[tm] threshold``.
    """

    name = "tm"

    def __init__(self, tm: ProjectTM):
        self.tm = tm

    def suggest(self, texts: list[str], source: str, target: str) -> list[Suggestion | None]:
        return [
            None if p is None else Suggestion(p.text, p.provenance, fuzzy=p.fuzzy)
            for p in self.tm.lookup_many(texts, source, target)
        ]
