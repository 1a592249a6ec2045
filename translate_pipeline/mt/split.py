"""Cut a segment whose source or translation is too long for the model into clauses it can take.

Only at linguistic boundaries, never inside a word or between two words of one clause: ``;``,
then ``:``, then a dash between spaces, then a comma followed by a conjunction or a relative
word (``, и``, ``, который``, ``, but``, ``, және`` …) -- the places where a sentence's clauses
meet, as the punctuation rules of compound and complex sentences place them (*Правила русской
орфографии и пунктуации*, 2006: the comma before a conjunction or relative word; the same joints
in English and Kazakh).  Consecutive
clauses are packed greedily up to the limit, so each piece keeps as much context as it can.  A
clause longer than the limit that has no such boundary cannot be cut: :func:`split_to_fit` says
so (None) and the segment is left to a person rather than translated in fragments.
"""
from __future__ import annotations

import re
from typing import Callable

# Words that open a clause after a comma: coordinating and subordinating conjunctions and relative
# words of Russian, English and Kazakh (the languages of the project and of its pivots).
CLAUSE_OPENERS = (
    "и", "а", "но", "или", "либо", "да", "однако", "зато", "причём", "причем", "что", "чтобы", "когда", "если",
    "хотя", "пока", "как", "поскольку", "потому", "так", "ибо", "будто", "словно", "где", "куда", "откуда",
    r"котор\w*", r"чей\w*", r"чь\w+",
    "and", "but", "or", "nor", "yet", "so", "which", "who", "whom", "whose", "that", "while", "whereas",
    "because", "although", "though", "when", "where", "if", "unless",
    "және", "бірақ", "алайда", "немесе", "әрі", "өйткені", "себебі", "сондықтан", "ал", "егер", "яғни",
)
BOUNDARIES = (
    re.compile(r"(?<=[;；])\s+"),
    re.compile(r"(?<=:)\s+"),
    re.compile(r"\s+(?=[—–-]\s)"),  # the dash starts the next piece
    re.compile(r"(?<=,)\s+(?=(?:" + "|".join(CLAUSE_OPENERS) + r")(?!\w))", re.IGNORECASE),
)


def split_to_fit(text: str, length: Callable[[str], int], limit: int) -> list[tuple[str, str]] | None:
    """``(joiner, piece)`` pairs with ``length(piece) <= limit`` each, or None when ``text`` has a
    clause longer than ``limit`` and no boundary inside it.

    ``length(piece)`` is the model's token count of a piece.  ``"".join(j + p)`` is ``text`` with
    the whitespace runs at the cuts as single spaces; the joiner is ``""`` before the first piece,
    else ``" "``.  The text is cut at its loosest boundaries first (a clause that is still too long
    at the next kind), then the clauses are packed greedily, as many per piece as fit.
    """
    if length(text) <= limit:
        return [("", text)]
    units = _clauses(text.strip(), length, limit)
    if units is None:
        return None
    packed: list[str] = []
    for unit in units:
        if packed and length(f"{packed[-1]} {unit}") <= limit:
            packed[-1] = f"{packed[-1]} {unit}"
        else:
            packed.append(unit)
    return [("" if i == 0 else " ", piece) for i, piece in enumerate(packed)]


def _clauses(text: str, length: Callable[[str], int], limit: int) -> list[str] | None:
    """``text`` cut at the first kind of boundary it has, each part longer than ``limit`` cut further."""
    if length(text) <= limit:
        return [text]
    for boundary in BOUNDARIES:
        parts = [p for p in boundary.split(text) if p]
        if len(parts) < 2:
            continue
        units: list[str] = []
        for part in parts:
            cut = _clauses(part, length, limit)
            if cut is None:
                return None
            units.extend(cut)
        return units
    return None
