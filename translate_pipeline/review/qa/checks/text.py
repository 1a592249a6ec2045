"""Whole-text checks: nothing translated, nothing left, unknown-token marks, stray spaces, repeated
words, MT loops."""
from __future__ import annotations

import re
from typing import Iterator

from translate_pipeline.core.langs import Tag
from translate_pipeline.core.text import UNKNOWN_MARKS, WORD_RE, word_scripts, words
from translate_pipeline.mt.repetition import repetition
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register

# Words a language legitimately doubles ("that that", "had had").
_DOUBLES_OK = {"en": frozenset({"that", "had", "is"})}
_MAX_NGRAM = 6
_MAX_NAME_WORDS = 3


@register("unchanged", "warning")
def check_unchanged(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """The target is the source copied, though the source has words to translate."""
    if target.strip() != source.strip():
        return
    script = Tag.parse(ctx.source_lang).coarse_script
    known = {n.casefold() for name in ctx.known_names for n, _, _ in words(name)}
    to_translate = [w for w, _, _ in words(source) if script in word_scripts(w) and w.casefold() not in known]
    if len(to_translate) <= _MAX_NAME_WORDS and all(w[0].isupper() for w in to_translate):
        return  # a bare name ("Роман Скляр", "КАМАЗ") may stay as it is
    yield Problem("the target is identical to the source")


@register("empty", "error")
def check_empty(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """A translation with no letters or digits where the source has some."""
    has_content = re.compile(r"[^\W_]")
    if has_content.search(source) and not has_content.search(target):
        yield Problem("the translation is blank" if not target.strip() else f"the translation is only {target.strip()!r}")


@register("unknown-token", "error")
def check_unknown_token(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """``⁇`` or ``<unk>`` in the translation (and not in the source): MT lost a character there."""
    marks = [mark for mark in UNKNOWN_MARKS if mark in target and mark not in source]
    if marks:
        count = sum(target.count(mark) for mark in marks)
        yield Problem(f"{count} unknown-token mark(s) {' '.join(marks)} in the translation: the MT model could not "
                      "write a character of the source there (restore it by hand)")


def _ends(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


@register("whitespace", "warning")
def check_whitespace(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Leading or trailing whitespace that differs from the source's."""
    (s_lead, s_trail), (t_lead, t_trail) = _ends(source), _ends(target)
    if s_lead != t_lead:
        yield Problem(f"leading whitespace {t_lead!r} differs from the source's {s_lead!r}")
    if s_trail != t_trail:
        yield Problem(f"trailing whitespace {t_trail!r} differs from the source's {s_trail!r}")


@register("doubled-words", "warning")
def check_doubled_words(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """"the the", and MT word salad that repeats a phrase ("of the plant of the plant")."""
    allowed = _DOUBLES_OK.get(Tag.parse(ctx.target_lang).language, frozenset())
    matches = list(WORD_RE.finditer(target))
    tokens = [m.group().casefold() for m in matches]
    reported: set[str] = set()
    for i in range(1, len(tokens)):
        gap = target[matches[i - 1].end() : matches[i].start()]
        if tokens[i] == tokens[i - 1] and gap.isspace() and tokens[i] not in allowed and tokens[i] not in reported:
            reported.add(tokens[i])
            yield Problem(f"doubled word {matches[i - 1].group()} {matches[i].group()}")
    i = 0
    while i < len(tokens):
        for n in range(2, _MAX_NGRAM + 1):
            gram = tokens[i : i + n]
            if len(set(gram)) > 1 and gram == tokens[i + n : i + 2 * n]:
                yield Problem(f"repeated phrase {' '.join(m.group() for m in matches[i : i + n])!r} (MT word salad?)")
                end = i + 2 * n
                while tokens[end : end + n] == gram:
                    end += n
                i = end  # one report per repeated run, not one per rotation of it
                break
        else:
            i += 1


@register("mt-loop", "warning")
def check_mt_loop(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """An output that loops: an n-gram 3+ times in a row, ``pre-pre-pre-``, or far longer than the source."""
    reason = repetition(source, target)
    if reason:
        yield Problem(f"the translation looks like a machine-translation loop: {reason}")
