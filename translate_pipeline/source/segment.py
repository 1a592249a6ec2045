"""Sentence segmentation for Russian and Kazakh news text.

Why not just razdel: it is the best off-the-shelf splitter for Russian, but it
misses sentences glued without a space (``литья.Премьер-министр``), some
abbreviations that end a sentence (``в 1916 г. Самым…``), Kazakh
abbreviations (``ж.``, ``қ.``) and is slower than it needs to be.  This module
is a small rule-based scanner instead: one compiled regex finds candidate
boundaries (terminal punctuation plus closing quotes/brackets, followed by a
space or by a glued capitalised word), and a handful of rules look at the word
on the left and the first characters on the right.  ``bench/segmentation.py``
measures it against razdel on gold-segmented text.

Contract (what the article reader relies on)::

    " ".join(split_sentences(text, lang)) == normalize_paragraph(text, lang)

``normalize_paragraph`` is :func:`normalize_space` (whitespace runs collapsed
to one space, ends stripped) plus one space inserted at each glued sentence
boundary, so ``литья.Премьер-министр`` is stored as ``литья. Премьер-министр``.
Nothing else changes: deleting spaces from both sides gives the same string.
When the text has no glued boundary the two normalizations are equal.
"""
from __future__ import annotations

import re

__all__ = ["ends_with_abbreviation", "normalize_paragraph", "normalize_space", "split_sentences"]

_CYR_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_CYR_LOWER = "а-яёәғқңөұүһі"
_UPPER = "A-Z" + _CYR_UPPER
_LOWER = "a-z" + _CYR_LOWER
# Quotes and brackets, plus Markdown emphasis, strikethrough and code marks the article reader keeps.
_CLOSERS = "»”\"'’)\\]*_~`"
_OPENERS = "«“„\"'‘`([*_~"
_DASHES = "-–—"

# Terminal punctuation, optional closing quotes/brackets, then either a space,
# the end of the text, or a glued capitalised Cyrillic word or acronym
# ("литья.Премьер", "».АО «БРК»"); Latin is left alone ("kapital.KZ").
_CANDIDATE = re.compile(
    rf"[.!?…]+[{_CLOSERS}]*(?=\s|$|[«“]?[{_CYR_UPPER}][{_CYR_UPPER}{_CYR_LOWER}])"
)
# A word of two or more letters: a sentence needs one before it may end on an
# abbreviation ("В 2018 г. Алматы…" is not a sentence of its own).
_CONTENT = re.compile(rf"[{_UPPER}{_LOWER}]{{2,}}")
_ALNUM = re.compile(r"[^\W_]")
# Words of a date adverbial: with numbers and abbreviations they make no sentence.
_DATE_WORDS = frozenset(
    """
    в во с со до по к на от около между начале середине конце году года годов годах лет веке века веков
    гг вв январе января феврале февраля марте марта апреле апреля мае мая июне июня июле июля августе
    августа сентябре сентября октябре октября ноябре ноября декабре декабря
    """.split()
)
# A verb form right before "им" makes it the pronoun ("помогли им."), not
# "имени" ("школа им. Абая", "университет им. аль-Фараби"); endings that
# institution nouns share (-ла, -ло, -ет, -ут, -ал) are left out on purpose.
_VERB_BEFORE = re.compile(r"(?:ли|ил|с[яь]|ть|[юя]т|[еёи]м) $")
# Words that may stand between a number and its unit: scale words and the
# "square"/"cubic" prefixes ("120 тыс. кв. м", "2 млн т", "5 млрд куб. м").
_UNIT_PREFIX = re.compile(r"(?:тыс|млн|млрд|трлн|кв|куб|мың)\.? ?$", re.IGNORECASE)

# Abbreviations after which a sentence never ends: titles, addresses, initials
# of pairs, references ("им. М. Горького", "ст. 212.1", "ул. Абая").
_HEAD = frozenset(
    """
    им ул просп пер пл наб ш стр корп кв оф пос д дер с ст г р оз о мкр
    обл ауд көш даң тұрғ сағ мыс
    т см ср напр рис табл гл ч разд п пп подп абз прим прил ред изд сб вып
    журн газ илл сост авт
    дж ок куб прибл мин род ум реж засл нар худ мөлш
    акад проф доц ген адм кап полк лейт серж тов гр св кн рук зам пред зав нач
    корр спецкорр тел факс моб
    англ нем франц фр лат рус каз греч ит исп кит яп араб
    mr mrs ms dr prof st jr sr no vs vol fig ed eds
    """.split()
)
# Abbreviations that often end a sentence ("… и т. д. Затем", "… и др. В");
# "пр." only after "и" ("и пр."), elsewhere it is "проспект" ("пр. Абая").
_END = frozenset("др проч etc".split())
# Words after a number ("1916 г.", "XIX в.", "2007 ж.", "5 млн.") that may end
# a sentence; without a number before them they are heads ("г. Алматы").
_NUMERIC_END = frozenset("г гг в вв ж жж ғ ғғ м км кг т ц га л мм см ч мин сек".split())
# Kazakh is verb-final: a sentence practically never ends on a year or century
# abbreviation, so "б.з.б. 330 ж. Александр Македонский талқандады" runs on.
_KK_RUN_ON = frozenset("ж жж ғ ғғ".split())
# Quantities and currencies: end a sentence only before a capitalised word,
# not before an acronym ("1 млрд. АҚШ долларына", "млн. долл. США").
_QUANTITY = frozenset(
    "тыс млн млрд трлн руб долл коп тг шт чел экз ед".split()
)
# A number that goes on measuring after a unit or scale word: "12 т. 500 кг", "1 млн. 300 мың".
_MEASURE_GOES_ON = re.compile(
    r"\d[\d\s,.]*\s?(?:тыс|млн|млрд|трлн|мың|т|ц|кг|г|га|км|м|см|мм|л|ч|мин|сек|сағ|тиын)\.?(?![^\W\d_])")
_CAPS_WORD = re.compile(r"[«\"„“(]*\w*")
# Acronyms that belong to an amount: "2 млрд. АҚШ долларын", "5 млн. USD".
_CURRENCY_CAPS = frozenset("АҚШ США USD EUR РФ".split())
# Two-part abbreviations written "т. д." or "т.д.": (first, second).
_PAIR_END = frozenset(
    {("т", "д"), ("т", "п"), ("н", "э"), ("т", "б"), ("с", "с"), ("т", "с"), ("п", "п"), ("а", "е")}
)
_PAIR_HEAD = frozenset(
    {("т", "е"), ("т", "к"), ("т", "н"), ("т", "ч"), ("и", "о"), ("в", "т"),
     ("e", "g"), ("i", "e"), ("к", "т"), ("д", "т"), ("ғ", "д"), ("т", "ғ")}
)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends."""
    return " ".join(text.split())


def normalize_paragraph(text: str, lang: str) -> str:
    """The paragraph text the splitter's pieces join back to (see module doc)."""
    return " ".join(split_sentences(text, lang))


def split_sentences(text: str, lang: str) -> list[str]:
    """Split a paragraph into sentences; joined with spaces they give
    :func:`normalize_paragraph`.  ``lang`` is "ru" or "kk"; the rules are
    mostly script-driven and shared, Kazakh only adds that a year or century
    abbreviation never ends a sentence.  Any other code gets the Russian rules."""
    t = normalize_space(text)
    if not t:
        return []
    pieces: list[str] = []
    start = 0
    size = len(t)
    pairs = _bracket_pairs(t)
    for match in _CANDIDATE.finditer(t):
        end = match.end()
        if end >= size:
            break
        glued = t[end] != " "
        nxt = end if glued else end + 1
        if _is_boundary(t, start, match.start(), end, nxt, glued, lang) and all(
                _sentence_run(t, start, opened, closed) for opened, closed in pairs if opened < match.start() and closed >= end):
            pieces.append(t[start:end])
            start = nxt
    pieces.append(t[start:])
    return pieces


# Paired brackets and quotes: Russian «…„…“…», English “…”, straight "…", (…), […].
_CLOSING = {"»": "«", ")": "(", "]": "[", "”": "“„"}
_PAIRED_MARK = re.compile(r'[«»„“”"()\[\]]')


def _bracket_pairs(t: str) -> list[tuple[int, int]]:
    """(opening index, closing index) of every matched bracket or quote pair.

    ``“`` closes an open ``„`` (Russian inner quotes) and opens otherwise; a
    straight ``"`` opens after a space, an opener or the start and closes an
    open ``"`` elsewhere.  Unmatched marks (``1)``, a quotation that runs on
    into the next paragraph) make no pair, so they restrict nothing.
    """
    stack: list[tuple[str, int]] = []
    pairs = []
    for mark in _PAIRED_MARK.finditer(t):
        i, c = mark.start(), mark.group()
        top = stack[-1][0] if stack else ""
        if c == '"':
            if top == '"' and i > 0 and t[i - 1] != " ":
                pairs.append((stack.pop()[1], i))
            elif i == 0 or t[i - 1] == " " or t[i - 1] in _OPENERS:
                stack.append((c, i))
        elif c == "“" and top != "„":
            stack.append((c, i))
        elif c in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] in _CLOSING[c]:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
        else:
            stack.append((c, i))
    return pairs


def _sentence_run(t: str, seg: int, opened: int, closed: int) -> bool:
    """May a sentence end inside the brackets ``t[opened]…t[closed]``?

    Only when the bracketed text is itself a run of full sentences that closes
    before the next one starts: it begins like a sentence (capital or digit),
    ends with terminal punctuation, and after the closing mark a new sentence
    starts or the paragraph ends — «(Первое. Второе.) Далее», not «(… в РК.
    Регистрационный номер 3333) …» nor «Завод построят. Он заработает в мае», —
    сказал министр».
    """
    inner_end = closed
    while inner_end > opened + 1 and t[inner_end - 1] in _CLOSERS:
        inner_end -= 1
    if t[inner_end - 1] not in ".!?…" or _right_kind(t, opened + 1) not in ("upper", "caps", "digit"):
        return False
    after = closed + 1
    while after < len(t) and t[after] in _CLOSERS:
        after += 1
    if after >= len(t):
        return True
    return t[after] == " " and _right_kind(t, after + 1) in ("upper", "caps", "digit")


def ends_with_abbreviation(text: str) -> bool:
    """True when the final period belongs to an abbreviation that may end a
    sentence: "Итоги 2026 г.", "… 120 тыс. кв. м.", "… 2 млн т.", "… и т. д.",
    "… и др.".  Such a period is the abbreviation's, so a title or sentence
    may end there without a full stop of its own (the QA end-punctuation check
    then accepts a target with or without one)."""
    t = normalize_space(text).rstrip(_CLOSERS)
    if not t.endswith(".") or t.endswith(".."):
        return False
    k = len(t) - 1
    while k > 0 and t[k - 1].isalpha():
        k -= 1
    low = t[k:-1].lower()
    if not low:
        return False
    prev = _previous_abbreviation(t, 0, k)
    if prev is not None and (prev, low) in _PAIR_END:
        return True
    return low in _END or low in _QUANTITY or (low in _NUMERIC_END and _follows_number(t, 0, k))


def _right_kind(t: str, i: int) -> str:
    """Classify what follows a candidate: "lower", "upper", "caps", "digit" or "stop"."""
    size = len(t)
    while i < size and t[i] in _OPENERS:
        i += 1
    j = i
    while j < size and t[j] in _DASHES:
        j += 1
    if j > i and j < size and t[j] == " ":
        i = j + 1  # dialogue dash ("–", "—", or "--" typed): judge the word after it
    if i >= size:
        return "stop"
    c = t[i]
    if c.isalpha():
        if c.islower():
            return "lower"
        if i + 1 < size and t[i + 1].isalpha() and t[i + 1].isupper():
            return "caps"
        return "upper"
    if c.isdigit():
        return "digit"
    if c in ",;:.…!?/" or c in _CLOSERS:  # "13 чел. / км2" continues
        return "stop"
    if _ALNUM.search(t, i) is None:
        return "stop"  # only symbols left ("Безумно красиво! 😍😍😍"): no sentence of their own
    return "upper"  # "№ 5…", "$5 млн…": a symbol that can open a sentence


def _is_boundary(
    t: str, seg: int, pstart: int, pend: int, nxt: int, glued: bool, lang: str
) -> bool:
    """Decide one candidate: punctuation t[pstart:pend], next piece at t[nxt]."""
    right = _right_kind(t, nxt)
    if right in ("lower", "stop") or _ALNUM.search(t, seg, pstart) is None:
        return False  # lower-case continuation, or nothing but punctuation so far
    if t[pstart] != "." or (pstart + 1 < pend and t[pstart + 1] == "."):
        return True  # "?", "!", "…", "..." before a capital, digit or quote
    # A single period: look at the word on its left.
    k = pstart
    while k > seg and t[k - 1].isalpha():
        k -= 1
    word = t[k:pstart]
    if not word:
        if k > seg and t[k - 1].isdigit():
            # "… в 2018. В…" ends a sentence; a bare list number "1." does not, nor an
            # item number in running text ("Приоритеты: 1. Дороги; 2. Энергетика").
            return _CONTENT.search(t, seg, pstart) is not None and not _item_number(t, seg, k)
        return True  # after ")", "»", "%": an ordinary sentence end
    low = word.lower()
    if _ROMAN.fullmatch(word) and _opens_item(t, seg, k):
        return False  # "Разделы: I. Общие положения; II. Права сторон."
    if k > seg and t[k - 1] in "°/0123456789":
        return not glued  # a unit glued to a number or a slash ("32,5°С.", "г/г.") is a word
    after_hyphen = k - 1 > seg and t[k - 1] == "-"
    if after_hyphen and t[k - 2].isdigit() and low not in _NUMERIC_END and low not in _QUANTITY:
        return not glued  # a case ending, not an abbreviation: "из 1970-х. Мне…", "в 90-е."
    if len(word) == 1 and word.isupper():
        # "С. Когогин", "Е.С. Елтүзеров" are initials; not the end of "Objective-C."
        # nor a Latin letter after Cyrillic before a Cyrillic word ("классу S. В …"):
        # Russian and Kazakh initials are Cyrillic.
        return not glued and (after_hyphen or _latin_letter_ends(t, k, nxt))
    prev = _previous_abbreviation(t, seg, k)
    # Kazakh sentences often open with a number ("2024 жылы …", "30 түрлі тауар …"):
    # after a closing abbreviation a number starts one unless it goes on measuring
    # ("12 т. 500 кг", "1 млн. 300 мың").
    number_starts = right == "digit" and lang == "kk" and not _MEASURE_GOES_ON.match(t, nxt)
    if prev is not None and len(low) == 1:
        if (prev, low) in _PAIR_HEAD:
            return False
        if (prev, low) in _PAIR_END:
            return (right != "digit" or number_starts) and _has_content(t, seg, k - 2, glued)
    if low in _END or (low == "пр" and t[max(seg, k - 3) : k] in (" и ", "и ")):
        return (right != "digit" or number_starts) and _has_content(t, seg, k, glued)
    if lang == "kk" and low in _KK_RUN_ON:
        return False
    if low in _QUANTITY or (low in _NUMERIC_END and _follows_number(t, seg, k)):
        # "1979 ж. 11 ақпанда", "1955 ж. АҚШ-пен", "1 млрд. АҚШ": dates and
        # amounts run on; only a capitalised word starts a new sentence — in Kazakh
        # also a number or an acronym other than a currency's country ("12 млрд. ҚР Үкіметі").
        starts = right == "upper" or number_starts or (
            lang == "kk" and right == "caps" and _CAPS_WORD.match(t, nxt).group() not in _CURRENCY_CAPS)
        return starts and _has_content(t, seg, k, glued)
    if low == "им" and _VERB_BEFORE.search(t, max(seg, k - 12), k):
        return not glued  # the pronoun: "…помогли им. Затем"
    if low in _HEAD or low == "пр" or (len(low) == 1 and low.islower()):
        return False
    if glued:
        # "литья.Премьер", "РК.Документ" are sentences run together; a
        # capitalised word before the dot is a brand ("Яндекс.Такси").
        return len(word) >= 2 and (word.islower() or word.isupper())
    return True


_ROMAN = re.compile(r"[IVXLC]+")
_ITEM_BEFORE = re.compile(r"[:;,] (?:№ ?)?$")


def _opens_item(t: str, seg: int, k: int) -> bool:
    """``t[k:]`` starts a list item in running text: after ``: `` / ``; `` / ``, `` (``№`` allowed)."""
    return _ITEM_BEFORE.search(t, max(seg, k - 4), k) is not None


def _item_number(t: str, seg: int, k: int) -> bool:
    """The digits before ``t[k]`` (its period) number a list item inside a running sentence.

    The list opens with 1 after a colon (``Приоритеты: 1. Развитие дорог``) and goes on
    after a semicolon or comma with the next number (``…; 2. Энергетика``, ``…, 2.
    Узбекистан``).  Only one- or two-digit numbers: ``Год основания: 1995. Штат…`` ends a
    sentence, and so does a document number (``приказ № 5. Документ…``).
    """
    d = k
    while d > seg and (t[d - 1].isdigit() or (t[d - 1] == "." and d - 2 >= seg and t[d - 2].isdigit())):
        d -= 1  # "1.2." numbers sub-items
    parts = t[d:k].split(".")
    if any(len(part) > 2 for part in parts) or not _opens_item(t, seg, d):
        return False
    number = int(parts[-1])
    if _ITEM_BEFORE.search(t, max(seg, d - 4), d).group().startswith(":"):
        return number == 1
    previous = re.escape(".".join(parts[:-1] + [str(number - 1)]))
    return re.search(rf"(?<![\w.,]){previous}[.)] ", t[seg:d]) is not None


def _latin_letter_ends(t: str, k: int, nxt: int) -> bool:
    """``t[k]`` is one Latin capital between a Cyrillic word and a Cyrillic capitalised word."""
    if not ("A" <= t[k] <= "Z") or nxt >= len(t) or not _is_cyrillic(t[nxt]):
        return False
    j = k - 1
    while j >= 0 and t[j] == " ":
        j -= 1
    return j >= 0 and _is_cyrillic(t[j])


def _is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u04ff"


def _has_content(t: str, seg: int, k: int, glued: bool) -> bool:
    """An abbreviation ends a sentence only if the sentence so far has a word
    of its own before it — a date adverbial is none: "В 2018 г. Алматы…",
    "1 января 49 года до н. э. Марк Антоний…", "В 8 веке до н. э. Греция…"
    do not end at the abbreviation — and the next word is not glued to it
    ("г.Алматы")."""
    if glued:
        return False
    return any(w.group().lower() not in _DATE_WORDS for w in _CONTENT.finditer(t, seg, max(seg, k)))


def _previous_abbreviation(t: str, seg: int, k: int) -> str | None:
    """For "т. д" / "т.д" return "т" (the one-letter abbreviation before k)."""
    j = k - 1
    if j > seg and t[j] == " ":
        j -= 1
    if j > seg and t[j] == "." and t[j - 1].isalpha() and (j - 1 == seg or not t[j - 2].isalpha()):
        return t[j - 1].lower()
    return None


def _follows_number(t: str, seg: int, k: int) -> bool:
    """True for "1916 г", "1970-х гг", "XIX в", "2,5 млн", "45 кв. м", "120 тыс. кв. м",
    "2 млн т" (a number before the word at k, scale words and кв./куб. between)."""
    while True:  # step back over "тыс. кв." in "120 тыс. кв. м"
        prefix = _UNIT_PREFIX.search(t, max(seg, k - 6), k)
        if prefix is None or (prefix.start() > seg and t[prefix.start() - 1].isalpha()):
            break
        k = prefix.start()
    j = k - 1
    if j >= seg and t[j] == " ":
        j -= 1
    if j < seg:
        return False
    c = t[j]
    if c.isdigit():
        return True
    if c.isalpha():
        i = j
        while i > seg and t[i - 1].isalpha():
            i -= 1
        token = t[i : j + 1]
        if set(token) <= set("IVXLC"):
            return True  # roman numeral
        if len(token) <= 2 and i - 1 > seg and t[i - 1] == "-" and t[i - 2].isdigit():
            return True  # "1970-х", "90-х"
    return False
