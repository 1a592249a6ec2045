"""markup: a Markdown sentence's inline markup survives translation."""
from __future__ import annotations

from typing import Iterator

from translate_pipeline.review.qa.addresses import localised
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register
from translate_pipeline.source.spans import inline_markup

_NAMES = {"strong": "bold", "em": "italic", "s": "strikethrough", "code": "code"}


@register("markup", "error")
def check_markup(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Inline Markdown that does not balance (shown as literal ``**``, ``[``, ``](``) or differs from the source's.

    Only for sentences of Markdown articles (``ctx.markdown``).  Unpaired
    delimiters and lost or changed link addresses are errors: the published
    page would show the markup as text or lose the link; a link pointed at the
    target language's page (``/ru/schedule`` → ``/kk/schedule``) is a warning.
    Emphasis or code spans added or dropped are warnings.
    """
    if not ctx.markdown:
        return
    src, tgt = inline_markup(source), inline_markup(target)
    extra = tgt.literal - src.literal
    if extra:
        shown = ", ".join(f"'{d}'" for d in extra)
        yield Problem(f"inline markup does not balance: {shown} would be shown literally", "error")
    added = sorted(tgt.links - src.links)
    for href in sorted(src.links - tgt.links):
        other = next((t for t in added if localised(href, t, ctx.source_lang, ctx.target_lang)), None)
        if other is not None:
            added.remove(other)
            yield Problem(f"link to {href!r} was localised to {other!r}: check that the page exists", "warning")
        else:
            yield Problem(f"link to {href!r} is missing or altered in the target", "error")
    for href in added:
        yield Problem(f"link to {href!r} is not in the source", "error")
    if extra:
        return  # the unpaired delimiter is the problem; its span is counted as missing too
    for kind in sorted(set(src.spans) | set(tgt.spans)):
        if src.spans[kind] != tgt.spans[kind]:
            yield Problem(f"{_NAMES.get(kind, kind)} spans: {tgt.spans[kind]} in the target, "
                          f"{src.spans[kind]} in the source", "warning")
