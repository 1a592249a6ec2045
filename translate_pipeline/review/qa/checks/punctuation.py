"""Punctuation the reader notices: unbalanced quotes/brackets, a changed sentence end."""
from __future__ import annotations

from typing import Iterator

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register
from translate_pipeline.source.segment import ends_with_abbreviation

_CLOSERS_AT_END = "\"'»”’)]}"
_END_MARKS = {".": "full stop", "!": "exclamation mark", "?": "question mark", "…": "ellipsis", ":": "colon", ";": "semicolon"}


def unmatched(text: str) -> dict[str, int]:
    """Unpaired quotes and brackets, per kind.

    All quote styles count as one kind because a translation rightly changes
    «…» into “…”; „…“ (nested Russian quotes) pairs „ with “.
    """
    quotes: list[str] = []
    brackets: list[str] = []
    stray = {"quotes": 0, "brackets": 0}
    pairs = {"»": "«", "”": "“„", "“": "„", ")": "(", "]": "["}
    for ch in text:
        if ch in "«„":
            quotes.append(ch)
        elif ch == "“":
            if quotes and quotes[-1] == "„":
                quotes.pop()
            else:
                quotes.append(ch)
        elif ch in "»”":
            if quotes and quotes[-1] in pairs[ch]:
                quotes.pop()
            else:
                stray["quotes"] += 1
        elif ch == '"':
            if quotes and quotes[-1] == '"':
                quotes.pop()
            else:
                quotes.append(ch)
        elif ch in "([":
            brackets.append(ch)
        elif ch in ")]":
            if brackets and brackets[-1] == pairs[ch]:
                brackets.pop()
            else:
                stray["brackets"] += 1
    return {"quotes": len(quotes) + stray["quotes"], "brackets": len(brackets) + stray["brackets"]}


@register("brackets", "warning")
def check_brackets(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Quotes (« » “ ” „ ") and brackets left open or closed twice, unlike in the source.

    Compared with the source because a quotation spanning two sentences leaves
    each segment legitimately unbalanced.
    """
    src, tgt = unmatched(source), unmatched(target)
    for kind in ("quotes", "brackets"):
        if tgt[kind] != src[kind]:
            yield Problem(f"{tgt[kind]} unpaired {kind} in the target, {src[kind]} in the source")


def end_mark(text: str) -> str | None:
    """The sentence-final mark, looking through closing quotes and brackets."""
    text = text.rstrip().rstrip(_CLOSERS_AT_END).rstrip()
    if text.endswith("..."):
        return "…"
    return text[-1] if text and text[-1] in _END_MARKS else None


@register("end-punctuation", "warning")
def check_end_punctuation(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """The target ends with other punctuation than the source (. ! ? … : ; or none).

    A source ending on an abbreviation's period ("2026 г.", "2 млн т.", "и т. д.")
    may be rendered with or without a full stop.
    """
    src, tgt = end_mark(source), end_mark(target)
    if src == "." and tgt is None and ends_with_abbreviation(source):
        return  # "Итоги 2026 г." → "Results of 2026": the period was the abbreviation's
    if src != tgt:
        said = lambda mark: _END_MARKS[mark] if mark else "no end punctuation"  # noqa: E731
        yield Problem(f"the source ends with {said(src)}, the target with {said(tgt)}")
