"""Dates and clock times as values, so ``12.03.1985`` = "12 March 1985" and ``в 15.00`` = "at 3 p.m.".

The numbers check compares values, not digit strings; a date or a time is one
value made of several numbers, written differently in each language.  This
module finds them (with their spans, which the numbers check then leaves to
it) and reads them as ``(year, month, day)`` and minutes after midnight.

Dates: ``dd.mm.yyyy`` / ``dd/mm/yyyy`` (day first, as ru, kk and en-GB write
it; a US month-first reading is accepted too when it is a valid date), ISO
``yyyy-mm-dd``, and day–month name–year in any order the three languages use
("12 марта 1985 года", "12 March 1985", "March 12, 1985", "1985 жылғы 12
наурыз").  Month names come from Babel's CLDR data for ru, kk and en, with
Russian and Kazakh case endings.  Times: ``hh:mm`` anywhere, ``hh.mm`` only
where it is clearly a time (after в/с/до/к/около/после/от/at/from/until/сағат,
before ч/час/сағ or a Kazakh case ending, or in a range of times), and English
``3 p.m.``, ``3:30 pm``, ``noon``, ``midnight``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel.dates import get_month_names

from translate_pipeline.core.langs import Tag

_LETTER = r"[^\W\d_]"
_MONTH_LANGS = ("ru", "kk", "en")


@dataclass(frozen=True)
class Moment:
    """A date or time in a text: ``kind`` "date" or "time", its readings, span and text."""

    kind: str
    values: frozenset  # dates: (year or None, month, day); times: minutes after midnight
    start: int
    end: int
    text: str


@lru_cache(maxsize=None)
def _month_stems() -> dict[str, int]:
    stems: dict[str, int] = {}
    for lang in _MONTH_LANGS:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, lang).items():
                    stems[name.lower().rstrip(".")] = number
    return stems


def month_number(word: str) -> int | None:
    """1–12 for a month name in ru, kk or en, inflected forms included (марта, наурызда), else None."""
    low = word.lower().rstrip(".")
    stems = _month_stems()
    if low in stems:
        return stems[low]
    for stem, number in stems.items():
        if len(stem) >= 4 and low.startswith(stem) and len(low) - len(stem) <= 5 and not stem.isascii():
            return number  # наурызда, наурыздағы, мартом
        if len(stem) >= 4 and stem[-1] in "ьй" and low.startswith(stem[:-1]) and len(low) <= len(stem) + 1:
            return number  # январь → января, январе
    return None


_WORD = rf"{_LETTER}+\.?"
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|жылғы|жылы|ж\.))?"
_DATE_PATTERNS = [
    re.compile(r"(?<![\d.,])(?P<a>\d{1,2})([./])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})(?![\d]|[.,]\d)"),
    re.compile(r"(?<![\d.,])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    re.compile(rf"(?<![\d.,])(?P<y>\d{{4}})\s*(?:жылғы|жылы|ж\.)?\s+(?P<d>\d{{1,2}})\s+(?P<mw>{_WORD})"),
    re.compile(rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:-?(?:го|е|th|st|nd|rd))?\s+(?P<mw>{_WORD})(?:\s+(?P<y>\d{{4}}){_YEAR_WORD})?"),
    re.compile(rf"(?P<mw>{_WORD})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?![\d])"),
]

_TIME_BEFORE = r"(?:(?<![^\W\d_])(?:в|во|с|со|до|к|около|после|от|at|from|until|till|by|to|сағат)\s+)"
_KK_ENDING = r"(?:-?(?:де|да|те|та|ге|ке|ға|қа|ден|дан|тен|тан|нен|нан))"
_TIME_AFTER = rf"(?=\s*(?:ч\b|ч\.|час|сағ)|{_KK_ENDING}(?!{_LETTER}))"
_HHMM = r"(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?![\d]|[.,]\d)"
_TIME_PATTERNS = [
    re.compile(r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:]|[.,]\d)(?!\s*[ap]\.?m\b)", re.I),
    re.compile(rf"{_TIME_BEFORE}(?<![\d.,]){_HHMM}", re.I),
    re.compile(rf"(?<![\d.,]){_HHMM}{_TIME_AFTER}", re.I),
    re.compile(rf"(?<![\d.,]){_HHMM}(?=\s*[-–—]\s*(?:[01]?\d|2[0-3])[.:][0-5]\d)"),  # 9.00–18.00
    re.compile(rf"(?<=[-–—])\s*{_HHMM}", re.I),
    re.compile(r"(?<![\d.,:])(?P<h>1[0-2]|0?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?", re.I),
    re.compile(r"(?<![^\W\d_])(?P<word>noon|midnight|полдень|полночь)(?![^\W\d_])", re.I),
]


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        date(y or 2000, m, d)
    except ValueError:
        return False
    return True


def _full_year(text: str) -> int:
    y = int(text)
    return y if len(text) == 4 else (1900 + y if y >= 50 else 2000 + y)


def _date_values(match: re.Match, month_first: bool) -> set[tuple]:
    groups = match.groupdict()
    y = _full_year(groups["y"]) if groups.get("y") else None
    if groups.get("mw") is not None:
        month = month_number(groups["mw"])
        if month is None:
            return set()
        day = int(groups["d"])
        return {(y, month, day)} if _valid(y, month, day) else set()
    if groups.get("m") is not None:
        month, day = int(groups["m"]), int(groups["d"])
        return {(y, month, day)} if _valid(y, month, day) else set()
    a, b = int(groups["a"]), int(groups["b"])
    readings = {(y, b, a)} if _valid(y, b, a) else set()  # day first
    if month_first and _valid(y, a, b):
        readings.add((y, a, b))  # en-US month first
    return readings


def _time_value(match: re.Match) -> int | None:
    groups = match.groupdict()
    if groups.get("word"):
        return 12 * 60 if groups["word"].lower() in ("noon", "полдень") else 0
    hour, minute = int(groups["h"]), int(groups.get("m") or 0)
    if groups.get("ampm"):
        if hour > 12:
            return None
        hour = hour % 12 + (12 if groups["ampm"].lower() == "p" else 0)
    return hour * 60 + minute


def find_moments(text: str, lang: str) -> list[Moment]:
    """Every date and clock time in ``text`` (written in ``lang``), without overlaps, in text order."""
    month_first = Tag.parse(lang).language == "en"
    found: list[Moment] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            values = _date_values(match, month_first)
            if values and free(match.start(), match.end()):
                taken.append((match.start(), match.end()))
                found.append(Moment("date", frozenset(values), match.start(), match.end(), match.group().strip()))
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(text):
            start = match.start("h") if match.groupdict().get("h") else match.start()
            value = _time_value(match)
            if value is not None and free(start, match.end()):
                taken.append((start, match.end()))
                found.append(Moment("time", frozenset({value}), start, match.end(), text[start : match.end()].strip()))
    return sorted(found, key=lambda m: m.start)


def same(source: Moment, target: Moment) -> bool:
    """Whether ``target`` renders ``source``: a date without a year matches the same day and month."""
    if source.kind != target.kind:
        return False
    if source.kind == "time":
        return bool(source.values & target.values)
    for y, m, d in source.values:
        for ty, tm, td in target.values:
            if (m, d) == (tm, td) and (y == ty or y is None or ty is None):
                return True
    return False


def describe(moment: Moment, lang: str) -> str:
    """How ``lang`` would write ``moment``, for messages: "12 March 1985", "15:00"."""
    if moment.kind == "time":
        minutes = min(moment.values)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    y, m, d = sorted(moment.values, key=lambda v: (v[0] or 0, v[1], v[2]))[0]
    language = Tag.parse(lang).language
    names = get_month_names("wide", "format", language if language in _MONTH_LANGS else "en")
    return f"{d} {names[m]}" + (f" {y}" if y else "")


def mask(text: str, moments: list[Moment]) -> str:
    """``text`` with each moment's span blanked (same length), so no number is read from it."""
    chars = list(text)
    for moment in moments:
        for i in range(moment.start, moment.end):
            chars[i] = " " if chars[i].isspace() else "·"
    return "".join(chars)
