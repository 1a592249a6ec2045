"""Cut a segment that is too long for the model into pieces it can take.

Pieces part at the loosest boundary that works, so each keeps as much
context as the limit allows: ``;`` first, then ``:``, ``,``, a dash between
spaces, then any space; consecutive parts are packed greedily up to the
limit.  A single run of characters without spaces longer than the limit (a
pasted table, a URL list) is cut into token windows.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

BOUNDARIES = (
    re.compile(r"(?<=[;；])\s+"),
    re.compile(r"(?<=:)\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+(?=[—–-]\s)"),  # the dash starts the next piece
    re.compile(r"\s+"),
)


def split_to_fit(text: str, length: Callable[[str], int], limit: int,
                 windows: Callable[[str, int], Sequence[str]]) -> list[tuple[str, str]]:
    """``(joiner, piece)`` pairs: ``"".join(j + p)`` is ``text`` with its whitespace runs as single spaces.

    ``length(piece)`` is the model's token count of a piece, never above ``limit`` for a returned
    piece unless ``windows(text, limit)`` (token windows of a word with no space in it) cannot do
    better.  The joiner is ``""`` before the first piece and between windows of one word, else ``" "``.
    """
    if length(text) <= limit:
        return [("", text)]
    for boundary in BOUNDARIES:
        parts = [p for p in boundary.split(text.strip()) if p]
        if len(parts) < 2:
            continue
        packed: list[str] = []
        for part in parts:
            if packed and length(f"{packed[-1]} {part}") <= limit:
                packed[-1] = f"{packed[-1]} {part}"
            else:
                packed.append(part)
        out: list[tuple[str, str]] = []
        for piece in packed:
            for k, (joiner, sub) in enumerate(split_to_fit(piece, length, limit, windows)):
                out.append((" " if out and k == 0 else joiner, sub))
        return out
    return [("", w) for w in windows(text, limit) if w]
