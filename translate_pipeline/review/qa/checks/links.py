"""links: URLs, e-mail addresses, hashtags and @mentions copied exactly."""
from __future__ import annotations

import re
from typing import Iterator

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register

_PATTERNS = (
    ("URL", "error", re.compile(r"\b(?:https?://|www\.)[^\s<>«»“”\"]+", re.I)),
    ("e-mail", "error", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("hashtag", "warning", re.compile(r"(?<![\w&])#\w+")),
    ("mention", "warning", re.compile(r"(?<![\w.])@\w+(?![\w@.-]*\.\w)")),
)
_TRAILING = ".,;:!?)]}'"


def _items(pattern: re.Pattern, text: str) -> list[str]:
    return [m.group().rstrip(_TRAILING) for m in pattern.finditer(text)]


@register("urls", "error")
def check_urls(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Every URL, e-mail, hashtag and @mention of the source appears unchanged in the target."""
    for kind, severity, pattern in _PATTERNS:
        present = set(_items(pattern, target))
        for item in dict.fromkeys(_items(pattern, source)):
            if item not in present:
                yield Problem(f"{kind} {item!r} is missing or altered in the target", severity)
