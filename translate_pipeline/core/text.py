"""Which writing system a letter belongs to, and words that mix two of them.

A word like ``Нyundai`` (Cyrillic Н + Latin yundai) looks right to a reader but
breaks MT, glossary matching and search; :func:`mixed_script_words` finds such
words so both ``check`` and ``extract`` can warn about them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD_RE = re.compile(r"[^\W\d_]+")  # a run of letters; hyphens and digits split words
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# What SentencePiece (``⁇``, its rendering of the unknown piece) and other subword decoders (``<unk>``)
# write for a token an MT model could not produce: the source's character is lost there.
UNKNOWN_MARKS = ("⁇", "<unk>")

# Letters that look the same in both scripts, for suggesting the intended spelling.
_CYR_TO_LAT = dict(zip("АВЕКМНОРСТХУаеорсухіјѕӏԁԛԝ", "ABEKMHOPCTXYaeopcyxijslbqw"))
_LAT_TO_CYR = dict(zip("ABEKMHOPCTXYaeopcyxij", "АВЕКМНОРСТХУаеорсухіј"))


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """``"cyrillic"``, ``"latin"`` or None for a letter of another (or no) script."""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return None


def words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def word_scripts(word: str) -> set[str]:
    return {s for s in map(script_of, word) if s}


def mixed_script_words(text: str) -> list[tuple[str, int, int]]:
    """Words mixing Cyrillic and Latin letters, as ``(word, start, end)`` offsets into ``text``.

    Hyphenated compounds such as ``IT-компания`` are two words and are not reported.
    """
    return [(w, s, e) for w, s, e in words(text) if len(word_scripts(w)) > 1]


def homoglyph_fix(word: str) -> str | None:
    """The word rewritten in its majority script, if every odd letter has a look-alike.

    ``Нyundai`` → ``Hyundai``; None when no such spelling exists.
    """
    latin = sum(script_of(c) == "latin" for c in word)
    cyrillic = sum(script_of(c) == "cyrillic" for c in word)
    table, odd = (_CYR_TO_LAT, "cyrillic") if latin >= cyrillic else (_LAT_TO_CYR, "latin")
    out = []
    for char in word:
        if script_of(char) == odd:
            if char not in table:
                return None
            char = table[char]
        out.append(char)
    return "".join(out)


def describe_mixed(word: str) -> str:
    """One-line explanation for a translator: which letters are foreign, and the likely fix."""
    latin = [c for c in word if script_of(c) == "latin"]
    cyrillic = [c for c in word if script_of(c) == "cyrillic"]
    parts = f"Cyrillic {''.join(cyrillic)!r} + Latin {''.join(latin)!r}"
    fix = homoglyph_fix(word)
    hint = f"; probably {fix!r}" if fix and fix != word else ""
    return f"{word!r} mixes scripts ({parts}){hint}"


def source_notes(text: str) -> list[str]:
    """Extract-time warnings for a source segment, one per homoglyph word (for the ``QA:`` comment)."""
    return [f"{describe_mixed(word)}; MT and glossary matching miss it" for word, _, _ in mixed_script_words(text)]
