"""Characters a model's tokenizer changes before the model sees them, given back after decoding.

SentencePiece normalises its input (NFKC by default, Unicode TR #15): ``м²`` reaches the model as
``м2``, ``10⁶`` as ``106`` (another number), ``№`` as ``No``, ``½`` as ``1⁄2``, ``…`` as ``...``,
a no-break space as a space, ``‑`` as ``‐``; a character missing from a vocabulary without byte
fallback becomes ``<unk>`` (``⁇``).  The model can only write back what it read.  :func:`fragile`
asks the model's own tokenizer which characters of a segment do not survive (each one encoded and
decoded alone) and what the model reads instead; :func:`restore` finds that reading in the output
and puts the original back -- only where the match is certain: the output has exactly as many of
them as the source, at word boundaries -- and verifies it.  What cannot be restored is reported,
so the entry gets a ``QA:`` note (the ``symbols`` QA check flags such a msgstr too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from translate_pipeline.core.text import UNKNOWN_MARKS

RoundTrip = Callable[[str], str]  # text → what the tokenizer gives back after encoding and decoding it


@dataclass(frozen=True)
class Fragile:
    """A run of the source the model reads otherwise."""

    original: str  # as the source writes it: "10⁶", "м²", "№", "10 000" (no-break space), "«"
    seen: str  # what the model reads instead: "106", "м2", "No", "10 000", "⁇"
    meaningful: bool  # letters or digits change (², ½, №, an unknown character), not only typography (…, ‑)
    joined: tuple[bool, bool] = (False, False)  # a letter or digit touches it before / after ("Bosch™")


def fragile(text: str, roundtrip: RoundTrip) -> list[Fragile]:
    """The runs of ``text`` the tokenizer behind ``roundtrip`` changes, in source order.

    A changed character that is part of a word takes the word with it (``10⁶``, ``CO₂``, ``м²``: the
    model reads and copies the whole token); a changed space between digits takes the digit groups
    (``10 000``); any other changed character stands alone (``№``, ``…``, ``‑``), as does one the
    vocabulary lacks (read as ``⁇``).
    """
    changed = {c: seen for c in set(text) if c != " " and not (c.isascii() and c.isalnum())
               and (seen := roundtrip(c)) != c}
    unknown = {c for c, seen in changed.items() if any(mark in seen for mark in UNKNOWN_MARKS)}
    spaces = {c for c in changed if c.isspace()}
    in_words = {c for c in changed if re.fullmatch(r"\w", c)} - unknown
    alone = set(changed) - spaces - in_words
    alternatives = []
    if spaces:
        alternatives.append(rf"\d+(?:[{_chars(spaces)}]\d+)+")
    if in_words:
        alternatives.append(rf"\w*[{_chars(in_words)}]\w*")
    if alone:
        alternatives.append(f"[{_chars(alone)}]")
    out = []
    for match in re.finditer("|".join(alternatives), text) if alternatives else ():
        original = match.group()
        start, end = match.span()
        joined = (start > 0 and text[start - 1].isalnum(), end < len(text) and text[end].isalnum())
        if original in unknown:
            out.append(Fragile(original, UNKNOWN_MARKS[0], True, joined))
            continue
        seen = roundtrip(original).strip()
        meaningful = any(any(ch.isalnum() for ch in changed[c]) for c in set(original) if c in changed)
        if seen and seen != original:
            out.append(Fragile(original, seen, meaningful, joined))
    return out


def _chars(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


def _pattern(seen: str, joined: tuple[bool, bool]) -> re.Pattern:
    """``seen`` where it stands as a whole: a letter end not beside another letter, a digit end not
    beside another digit (``No`` in ``No 7``, not in ``None``; ``106`` not in ``1060``) -- except on a
    side where a source run touched a letter or digit (``Bosch™`` read ``BoschTM``, ``№7`` read
    ``No7``).  The unknown mark takes the spaces SentencePiece writes around it (`` ⁇ ``)."""
    if seen == UNKNOWN_MARKS[0]:
        return re.compile(f" ?{re.escape(seen)} ?")

    def edge(char: str, side: str, free: bool) -> str:
        cls = r"[^\W\d_]" if char.isalpha() else r"\d" if char.isdigit() else ""
        if not cls or free:
            return ""
        return f"(?<!{cls})" if side == "start" else f"(?!{cls})"
    return re.compile(edge(seen[0], "start", joined[0]) + re.escape(seen) + edge(seen[-1], "end", joined[1]))


def restore(output: str, runs: list[Fragile]) -> tuple[str, list[Fragile]]:
    """``output`` with each run's reading replaced by the original, in order, and the meaningful
    runs that are not in the result.  A reading is replaced only when the output has it exactly as
    often as the source has runs read so (at word boundaries): anything else is not guessed."""
    by_seen: dict[str, list[Fragile]] = {}
    for item in runs:
        by_seen.setdefault(item.seen, []).append(item)
    for seen, items in by_seen.items():
        pattern = _pattern(seen, (any(i.joined[0] for i in items), any(i.joined[1] for i in items)))
        if len(pattern.findall(output)) == len(items):
            originals = iter(item.original for item in items)
            output = pattern.sub(lambda m: next(originals), output)
    wanted: dict[str, int] = {}
    for item in runs:
        wanted[item.original] = wanted.get(item.original, 0) + 1
    lost = [item for item in runs if item.meaningful and output.count(item.original) < wanted[item.original]]
    return output, list(dict.fromkeys(lost))
