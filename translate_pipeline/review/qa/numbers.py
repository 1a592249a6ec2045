"""Numbers as a reader sees them: value, scale word, percent — in each locale's notation.

``2,5 тысяч`` (ru), ``2,500`` and ``2.5 thousand`` (en) and ``2,5 мың`` (kk) all
mean 2500.  Separators come from Babel's CLDR data, so "notation" means exactly
what the target locale writes; the source side is read leniently because
writers mix styles and the source is not ours to fix.

Values are exact whatever their size (a 26- or 60-digit number, a scale word on top): every
computation runs in a decimal context with room for all the digits of its text
(:func:`exact`), never in the default 28-digit one, whose rounding raises in Babel's formatting.
"""
from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from translate_pipeline.core.langs import Tag

_SPACES = " \u00a0\u202f"
_SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?"
_PLAIN = r"\d+(?:[.,]\d+)*"

# Scale words of ru, kk and en, by factor; inflected forms spelled out where a
# bare prefix would also hit other words (тысячелетие is not a thousand).
_SCALES = (
    (Decimal(1000), r"тыс\.|тыс(?![^\W\d_])|тысяч(?:а|и|у|ей|е|ам|ами|ах)?(?![^\W\d_])|мың[^\W\d_]*|thousands?(?![^\W\d_])"),
    (Decimal(10**6), r"млн\.?|миллион[^\W\d_]*|millions?(?![^\W\d_])|mln\.?|mn(?![^\W\d_])"),
    (Decimal(10**9), r"млрд\.?|миллиард[^\W\d_]*|billions?(?![^\W\d_])|bn(?![^\W\d_])|bln\.?"),
    (Decimal(10**12), r"трлн\.?|триллион[^\W\d_]*|trillions?(?![^\W\d_])|tn(?![^\W\d_])|trln\.?"),
)
_SCALE_RE = [(factor, re.compile(r"[ \u00a0\u202f]?(?:" + words + ")", re.I)) for factor, words in _SCALES]
_PERCENT_RE = re.compile(r"[ \u00a0\u202f]?(?:%|-?(?:процент|percent|per cent|pct|пайыз))", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|до|and|or|и|или|мен|бен|және|немесе)\s*$", re.I)

# Small integers that style guides spell out ("three plants"), with ordinals.
NUMBER_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {
        0: ("zero", "no"),
        1: ("one", "first", "a", "an", "single"),
        2: ("two", "second", "both"),
        3: ("three", "third"),
        4: ("four", "fourth"),
        5: ("five", "fifth"),
        6: ("six", "sixth"),
        7: ("seven", "seventh"),
        8: ("eight", "eighth"),
        9: ("nine", "ninth"),
        10: ("ten", "tenth"),
    },
    "kk": {
        1: ("бір", "бірінші"),
        2: ("екі", "екінші", "екеу"),
        3: ("үш", "үшінші", "үшеу"),
        4: ("төрт", "төртінші", "төртеу"),
        5: ("бес", "бесінші", "бесеу"),
        6: ("алты", "алтыншы", "алтау"),
        7: ("жеті", "жетінші", "жетеу"),
        8: ("сегіз", "сегізінші"),
        9: ("тоғыз", "тоғызыншы"),
        10: ("он", "оныншы"),
    },
}
# Kazakh case endings a spelled-out number may carry (екіге, үшінші, оннан …).
_KK_ENDINGS = r"(?:ге|ке|ға|қа|де|те|да|та|ден|тен|нан|нен|дан|тан|ның|нің|ы|і|сы|сі|ншы|нші)?"


@dataclass(frozen=True)
class Number:
    text: str  # as written, with its scale word and percent sign
    raw: Decimal | None  # the digits' value in the locale's notation (None: not that notation)
    values: frozenset  # every value this may stand for (scale applied; a range may inherit one)
    percent: bool
    valid: bool  # written in the locale's notation
    start: int
    end: int


def exact(text: str) -> decimal.Context:
    """A decimal context in which every number of ``text`` and its products with scale words
    (at most 10^12) and their quotients are exact: precision above twice the text's length."""
    return decimal.Context(prec=2 * len(text) + 32, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                           traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])


@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str, re.Pattern]:
    loc = Tag.parse(lang).locale
    point, group = get_decimal_symbol(loc), get_group_symbol(loc)
    g = "[" + _SPACES + "]" if group in _SPACES else re.escape(group)
    shape = re.compile(rf"^(?:\d{{1,3}}(?:{g}\d{{3}})+|\d+)(?:{re.escape(point)}\d+)?$")
    return point, group, shape


@lru_cache(maxsize=None)
def _token_re(lang: str) -> re.Pattern:
    _, group, _ = _symbols(lang)
    body = f"{_SPACE_GROUPED}|{_PLAIN}" if group in _SPACES else _PLAIN
    return re.compile(rf"(?<!\w)(?:{body})")


def parse_number(token: str, lang: str) -> Decimal | None:
    """The value of ``token`` if it is written in ``lang``'s notation (Babel/CLDR), else None."""
    point, group, shape = _symbols(lang)
    if not shape.match(token):
        return None
    if group in _SPACES:
        token = re.sub("[" + _SPACES + "]", group, token)
    try:
        with decimal.localcontext(exact(token)):  # strict parsing formats the value again
            return parse_decimal(token, locale=Tag.parse(lang).locale, strict=True)
    except NumberFormatError:
        return None


def parse_lenient(token: str, langs: tuple[str, ...]) -> Decimal | None:
    """The first reading of ``token`` in any of ``langs`` (writers mix notations)."""
    for lang in langs:
        value = parse_number(token, lang)
        if value is not None:
            return value
    return None


def format_number(value: Decimal, lang: str, grouped: bool = True) -> str:
    """``value`` as ``lang`` writes it, with plain spaces for readability in messages.

    ``grouped=False`` for years and codes: 2018 stays 2018, never 2,018.
    """
    with decimal.localcontext(exact(str(value))):
        text = format_decimal(value, locale=Tag.parse(lang).locale, decimal_quantization=False,
                              group_separator=grouped)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _scale_after(text: str, pos: int) -> tuple[Decimal, int]:
    for factor, pattern in _SCALE_RE:
        m = pattern.match(text, pos)
        if m:
            return factor, m.end()
    return Decimal(1), pos


def extract_numbers(text: str, lang: str, lenient_langs: tuple[str, ...] = ()) -> list[Number]:
    """Every number in ``text`` read in ``lang``'s notation.

    Tokens that are not ``lang`` notation get ``valid=False`` and, if one of
    ``lenient_langs`` reads them, that reading as ``raw``.  Dotted dates
    (``26.11.2020``) split into their parts.  Exact for numbers of any length.
    """
    with decimal.localcontext(exact(text)):
        return _extract(text, lang, lenient_langs)


def _extract(text: str, lang: str, lenient_langs: tuple[str, ...]) -> list[Number]:
    found: list[tuple[str, Decimal | None, bool, int, int]] = []
    for m in _token_re(lang).finditer(text):
        token = m.group()
        raw = parse_number(token, lang)
        valid = raw is not None
        if raw is None:
            raw = parse_lenient(token, lenient_langs)
        if raw is None and token.count(".") + token.count(",") > 1:
            pos = m.start()
            for part in re.split(r"[.,]", token):
                found.append((part, Decimal(part), True, pos, pos + len(part)))
                pos += len(part) + 1
            continue
        found.append((token, raw, valid, m.start(), m.end()))

    numbers: list[Number] = []
    factors: list[Decimal] = []
    for token, raw, valid, start, end in found:
        factor, end_scale = _scale_after(text, end)
        pm = _PERCENT_RE.match(text, end_scale)
        end_all = pm.end() if pm else end_scale
        numbers.append(
            Number(
                text=text[start:end_all].strip(),
                raw=raw,
                values=frozenset({raw * factor}) if raw is not None else frozenset(),
                percent=bool(pm),
                valid=valid,
                start=start,
                end=end_all,
            )
        )
        factors.append(factor)
    return _inherit_ranges(text, _combine_scales(text, numbers, factors))


def _combine_scales(text: str, numbers: list[Number], factors: list[Decimal]) -> list[Number]:
    """``13 млн 450 тыс.`` is one amount, 13,450,000: a scaled number directly followed
    by a number with a smaller scale word, worth less than one unit of the first
    scale, joins it (``1 млрд 200 млн``; not ``5 млн 2 года``)."""
    out: list[Number] = []
    last_factor = Decimal(0)
    for number, factor in zip(numbers, factors):
        if out and last_factor > 1 and number.raw is not None and out[-1].raw is not None and len(out[-1].values) == 1 \
                and not out[-1].percent and not text[out[-1].end : number.start].strip() \
                and 1 < factor < last_factor and number.raw * factor < last_factor:
            left = out[-1]
            total = next(iter(left.values)) + number.raw * factor
            out[-1] = Number(text[left.start : number.end].strip(), total, frozenset({total}), number.percent,
                             left.valid and number.valid, left.start, number.end)
            last_factor = factor
            continue
        out.append(number)
        last_factor = factor
    return out


def _inherit_ranges(text: str, numbers: list[Number]) -> list[Number]:
    """``2–3 тысячи``, ``10–15%``: the first end of a range takes the second's scale and sign."""
    out = list(numbers)
    for i in range(len(out) - 2, -1, -1):
        left, right = out[i], out[i + 1]
        if left.raw is None or left.values != {left.raw} or not _RANGE_JOIN.match(text[left.end : right.start]):
            continue
        scaled = {v for v in right.values if right.raw and v != right.raw}
        factors = {v / right.raw for v in scaled} if scaled else set()
        values = set(left.values) | {left.raw * f for f in factors}
        out[i] = Number(left.text, left.raw, frozenset(values), left.percent or right.percent, left.valid, left.start, left.end)
    return out


def spelled_out(value: Decimal, text: str, lang: str) -> bool:
    """Whether a small integer appears in ``text`` as a word (``three``, ``екінші``)."""
    if value != value.to_integral_value():
        return False
    language = Tag.parse(lang).language
    forms = NUMBER_WORDS.get(language, {}).get(int(value))
    if not forms:
        return False
    endings = _KK_ENDINGS if language == "kk" else ""
    pattern = r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, forms)) + ")" + endings + r"(?![^\W\d_])"
    return re.search(pattern, text, re.I) is not None

