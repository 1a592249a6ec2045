"""Web addresses in a sentence: finding them, leaving them out of word checks, and telling a link a
translator pointed at the page in their language from one that was broken.

A translator who links ``ru.wikipedia.org/wiki/Казахстан`` as ``kk.wikipedia.org/wiki/Қазақстан``,
or ``/ru/schedule`` as ``/kk/schedule``, localised the link (W3C, *Internationalization Best
Practices: Language negotiation* — language in the host, a path segment or a query value): the
``urls`` and ``markup`` checks report that as a warning, not as a lost link, and the ``script``
check does not read the ``kk`` of such an address as a Latin word.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from translate_pipeline.core.langs import Tag

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>«»“”\"]+", re.I)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")  # a Markdown link's destination: [text](/kk/page)
_SEPARATORS = re.compile(r"[-_]")


def without_addresses(text: str) -> str:
    """``text`` with every URL, e-mail address and Markdown link destination replaced by spaces
    (offsets kept), for checks that read words."""
    def blank(match: re.Match) -> str:
        start, end = match.span(match.lastindex or 0)
        whole = match.group(0)
        inner_start, inner_end = start - match.start(), end - match.start()
        return whole[:inner_start] + " " * (inner_end - inner_start) + whole[inner_end:]

    for pattern in (URL_RE, EMAIL_RE, _LINK_TARGET):
        text = pattern.sub(blank, text)
    return text


def _marks(part: str, language: str) -> bool:
    """``part`` (a host label, path segment or query value) names ``language``: ``kk``, ``kk-KZ``,
    ``kk_kz``, ``ru-RU`` (its first subtag, any case)."""
    return bool(part) and _SEPARATORS.split(part.lower(), 1)[0] == language


def _strip(url: str, language: str) -> tuple[str, str, bool]:
    """(host, rest) of ``url`` without the parts that name ``language``, and whether it had one."""
    parts = urlsplit(url if "://" in url or url.startswith(("/", "#", "?")) else "//" + url)
    labels = parts.netloc.lower().split(".") if parts.netloc else []
    segments = parts.path.split("/")
    query = parse_qsl(parts.query, keep_blank_values=True)
    marked = any(_marks(p, language) for p in labels + segments + [v for _, v in query])
    host = ".".join(label for label in labels if not _marks(label, language))
    rest = "/".join(s for s in segments if not _marks(s, language)).rstrip("/")
    rest += "?" + "&".join(f"{k}={v}" for k, v in query if not _marks(v, language)) if query else ""
    return host, rest, marked


def localised(source_url: str, target_url: str, source_lang: str, target_lang: str) -> bool:
    """``target_url`` is ``source_url`` pointed at the target language's version of the site or page.

    True when the target names the target language (host label, path segment or query value),
    the hosts are the same without the language parts, and either the source named its own
    language (``ru.wikipedia.org/wiki/Казахстан`` → ``kk.wikipedia.org/wiki/Қазақстан``: the page
    title may be translated) or the rest of the address is the same (``site.kz/news`` →
    ``site.kz/kk/news``).
    """
    source, target = Tag.parse(source_lang).language, Tag.parse(target_lang).language
    if source == target or source_url == target_url:
        return False
    source_host, source_rest, source_marked = _strip(source_url, source)
    target_host, target_rest, target_marked = _strip(target_url, target)
    return target_marked and source_host == target_host and (source_marked or source_rest == target_rest)
