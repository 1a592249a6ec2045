"""links: URLs, e-mail addresses, hashtags and @mentions copied exactly (a URL pointed at the
target language's page: a warning, :func:`~translate_pipeline.review.qa.addresses.localised`)."""
from __future__ import annotations

import re
from typing import Iterator

from translate_pipeline.review.qa.addresses import EMAIL_RE, URL_RE, localised
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register

_PATTERNS = (
    ("URL", "error", URL_RE),
    ("e-mail", "error", EMAIL_RE),
    ("hashtag", "warning", re.compile(r"(?<![\w&])#\w+")),
    ("mention", "warning", re.compile(r"(?<![\w.])@\w+(?![\w@.-]*\.\w)")),
)
_TRAILING = ".,;:!?)]}'"


def _items(pattern: re.Pattern, text: str) -> list[str]:
    return [m.group().rstrip(_TRAILING) for m in pattern.finditer(text)]


@register("urls", "error")
def check_urls(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Every URL, e-mail, hashtag and @mention of the source appears unchanged in the target
    (a URL localised to the target language's page: a warning)."""
    for kind, severity, pattern in _PATTERNS:
        present = _items(pattern, target)
        for item in dict.fromkeys(_items(pattern, source)):
            if item in present:
                continue
            other = next((t for t in present if pattern is URL_RE and
                          localised(item, t, ctx.source_lang, ctx.target_lang)), None)
            if other is not None:
                yield Problem(f"{kind} {item!r} was localised to {other!r}: check that the page exists", "warning")
            else:
                yield Problem(f"{kind} {item!r} is missing or altered in the target", severity)
