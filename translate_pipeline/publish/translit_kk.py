"""Kazakh Cyrillic → Kazakh Latin (the 2021 alphabet), for the ``kk-Latn`` edition.

Source of the mapping: the improved Latin-based Kazakh alphabet of 31 letters
presented to the National Commission on the transition of the Kazakh alphabet
to the Latin script on 28 January 2021 (Government of Kazakhstan, chaired by
Prime Minister A. Mamin; work ordered by the 2017 presidential decree No. 569
"On the transition of the Kazakh alphabet from Cyrillic to the Latin script"),
as reported by Kazinform ("New version of Latin-based Kazakh alphabet presented
at Government", 28 Jan 2021) and tabulated in Wikipedia's "Kazakh alphabets"
article (Latin script, 2021 column):

    A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z

ә→ä, ғ→ğ, қ→q, ң→ñ, ө→ö, ұ→ū, ү→ü, ш→ş, і→ı (dotless), и/й→i (dotted, capital
İ), ы→y, у→u, х/һ→h, ж→j.  Letters of Russian loanwords have no letter of their
own and the 31 letters include no C, so they are spelled with letters of the
alphabet, as in the replacements published with the proposal (summarised e.g.
in sports.ru, "Şahter, Şötkin и Aqtöbe. Мы опробовали новый вариант казахской
латиницы", Jan 2021): ё→io, ю→iu, я→ia (й + vowel), ц→ts, ч→tş, щ→şş (щ is a
long ш: ащы → aşşy), э→e; the signs ъ ь are dropped.  The proposal also allows
Kazakh-style respellings of loanwords (щётка → şötke); those are editorial
choices, so this letter-by-letter mapping uses the first variant.

Case: a capital Cyrillic letter that becomes two Latin letters is written in
title case (Чехов → Tşehov) unless its word is all capitals (ЦЕНТР → TSENTR).
Python's ``str.upper`` is not used because it maps i → I, not İ.
"""
from __future__ import annotations

import re

_LOWER = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "tş", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}

# Latin capitals, spelled out where str.upper() would be wrong for Kazakh.
_UPPER_LATIN = {"i": "İ", "ı": "I"}


def _upper(latin: str) -> str:
    return "".join(_UPPER_LATIN.get(ch, ch.upper()) for ch in latin)


def _word_is_caps(text: str, index: int) -> bool:
    """True when the letter at ``index`` sits in an all-capitals word of 2+ letters."""
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = index + 1
    while end < len(text) and text[end].isalpha():
        end += 1
    letters = [c for c in text[start:end] if c.isalpha() and c.lower() in _LOWER]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def transliterate(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet; other characters are kept."""
    out: list[str] = []
    for i, ch in enumerate(text):
        lower = ch.lower()
        latin = _LOWER.get(lower)
        if latin is None:
            out.append(ch)
        elif ch == lower:
            out.append(latin)
        elif len(latin) > 1 and not _word_is_caps(text, i):
            out.append(_upper(latin[0]) + latin[1:])
        else:
            out.append(_upper(latin))
    return "".join(out)


# What is not Kazakh text and must reach the Latin edition byte for byte: a transliterated
# address is a dead link.  Code spans, Markdown link destinations, autolinks and HTML tags
# (with their attributes), URLs and e-mail addresses.
_ADDRESSES = re.compile(
    r"(`+).*?(?<!`)\1(?!`)"  # code span (CommonMark: same-length backtick strings)
    r"|\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"  # [text](destination — the title stays text
    r"|<[^<>\s][^<>]*>"  # <autolink> or <tag attr="…">
    r"|\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>«»“”\"]*[^\s<>«»“”\".,;:!?)\]}']"  # URL (trailing punctuation is text)
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    re.IGNORECASE | re.DOTALL,
)


def transliterate_text(text: str) -> str:
    """:func:`transliterate` the words of ``text`` (plain or Markdown inline) but never its URLs,
    e-mail addresses, code spans, link destinations or HTML tags and attributes."""
    out, end = [], 0
    for match in _ADDRESSES.finditer(text):
        out += [transliterate(text[end:match.start()]), match.group()]
        end = match.end()
    out.append(transliterate(text[end:]))
    return "".join(out)
