"""Kazakh noun inflection for glossary matching: every form a term word takes, and back.

Kazakh is agglutinative: a noun takes a plural, a possessive, a case and the
attributive ``-ғы``/``-гі`` one after another (``облыс-тар-ы-ндағы``), and only
the last word of a phrase inflects (``жұмыс орн-ы``, ``жұмыс орын-дар-ы-на``).
No kept library does this offline from what pip installs (KazStem is GPL-3.0 and
needs an HFST toolchain and compiled transducers that its wheel does not carry;
apertium-kaz is GPL-3.0 source only; kaznlp is not on PyPI; qaznltk has no
morphology), so the rules are written here, from the grammar:

* **vowel harmony** — suffix vowels follow the stem's last vowel: back
  (а о ұ ы я) take ``а``/``ы``, front (ә е ө ү і э) take ``е``/``і``; ``и``
  reads front, ``у``/``ю`` follow the vowel before them; a borrowed stem that
  mixes back and front vowels (``Назарбаев`` → ``Назарбаевтың``, ``Медведев`` →
  ``Медведевтің``) or has a back vowel but a final ``к`` (``банк`` → ``банкі``) or
  ``ь`` is read both ways; ``у``/``ю`` after a consonant are the vowel u
  (``институт`` → ``институтында``), after a vowel a glide.  A loan's double final
  consonant is written once and its soft sign dropped before a suffix (``процесс`` →
  ``процеске``, ``фестиваль`` → ``фестивалы``).
* **assimilation** of a suffix's first consonant to the sound before it:
  plural ``-лар`` after vowels and р й у и, ``-дар`` after л м н ң ж з,
  ``-тар`` after voiceless consonants (and б в г д of loans, devoiced);
  genitive ``-ның`` / ``-дың`` / ``-тың`` (``-ның`` also after м н ң), accusative
  ``-ны`` / ``-ды`` / ``-ты``, dative ``-ға`` / ``-қа``, locative ``-да`` / ``-та``,
  ablative ``-дан`` / ``-нан`` (after м н ң) / ``-тан``, instrumental
  ``-мен`` / ``-бен`` (after ж з) / ``-пен``; after the 3rd-person possessive
  the pronominal forms ``-ның -н -на -нда -нан -мен``; after ``-ым``/``-ың`` the
  dative is ``-а``/``-е`` (``орныма``).
* **voicing** of a final к, қ, п to г, ғ, б before a vowel-initial suffix
  (``жүрек`` → ``жүрегі``, ``тарақ`` → ``тарағы``, ``кітап`` → ``кітабы``); the
  unvoiced form is accepted too, as loans keep it (``банкі``).
* **vowel elision**: the high vowel ы/і of the last syllable drops before a
  vowel-initial suffix in a closed class of nouns (``халық`` → ``халқы``,
  ``орын`` → ``орны``, ``ауыз`` → ``аузы``, ``мұрын`` → ``мұрны``); the class is
  listed in :data:`ELIDING`, since the same shape without elision is just as
  common (``ойын`` → ``ойыны``, ``салық`` → ``салығы``).

Sources: R. Muhamedowa, *Kazakh: A Comprehensive Grammar* (Routledge, 2016),
chapters on phonology (harmony, assimilation, elision) and on the noun
(plural, possessive, case, ``-ғы``); *Қазақ грамматикасы* (Астана, 2002),
«Фонетика» (дыбыс үндестігі, ықпал, дыбыс түсу) and «Зат есім».  Derivation is
not inflection: ``әкімдік`` is not a form of ``әкім``.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["ELIDING", "analyses", "any_inflection_pattern", "forms", "inflection_pattern", "izafet_bases"]

_BACK = set("аоұыяё")
_FRONT = set("әеөүіэ")
_VOWELS = _BACK | _FRONT | set("иую")
_GLIDE = set("рйуи")  # plural -лар, genitive -дың, possessive -ы (су → суы, ми → миы)
_NASAL = set("мнң")
_VOICED = set("жз")
_KAZAKH = set("әғқңөұүһі")
_VOICING = {"к": "г", "қ": "ғ", "п": "б"}
_UNVOICING = {v: k for k, v in _VOICING.items()}

# Nouns whose last high vowel drops before a vowel-initial suffix (Muhamedowa 2016,
# "vowel elision"; Қазақ грамматикасы 2002, «дыбыс түсу»): base → stem before a vowel.
ELIDING: dict[str, str] = {
    word: word[:-2] + word[-1]
    for word in """
    ауыз мұрын ерін орын қарын мойын қойын халық ерік бөрік көрік құлық нарық парық сұрық
    тұрық ырық қырық әріп ғұрып кейіп қалып қауіп қаріп сабыр қадір мүлік
    """.split()
}
_RESTORE = {stem: base for base, stem in ELIDING.items()}


def _harmonies(stem: str) -> tuple[str, ...]:
    """``("back",)``, ``("front",)`` or both, from the stem's vowels (see module doc)."""
    low = stem.lower()
    rows = []
    for i, c in enumerate(low):
        if c in _BACK:
            rows.append("back")
        elif c in _FRONT or c == "и":
            rows.append("front")
        elif c in "ую" and i and low[i - 1] not in _VOWELS:
            rows.append("back")  # after a consonant у/ю are the vowel u (институт → институты), after a vowel a glide
    if not rows:
        return ("back", "front")
    if len(set(rows)) > 1:
        return ("back", "front")  # a loan mixing both rows (Назарбаевтың, Медведевтің; компанияның)
    if rows[-1] == "back" and low.endswith(("к", "ь", "г")):
        return ("back", "front")  # loans: банк → банкі, парк → паркі
    return (rows[-1],)


def _kind(last: str) -> str:
    if last in _VOWELS and last not in "уи":
        return "vowel"
    if last in _GLIDE:
        return "glide"
    if last == "л":
        return "l"
    if last in _NASAL:
        return "nasal"
    if last in _VOICED:
        return "voiced"
    return "voiceless"


def _case(kind: str, a: str, y: str) -> list[str]:
    """Case endings after a stem or suffix ending in a sound of ``kind``."""
    if kind == "p3":  # pronominal n after the 3rd-person possessive
        return [f"н{y}ң", "н", f"н{a}", f"нд{a}", f"н{a}н", "мен", f"нд{a}й"]
    gen = {"vowel": "н", "nasal": "н", "voiceless": "т"}.get(kind, "д")
    acc = {"vowel": "н", "voiceless": "т"}.get(kind, "д")
    dat = "қ" if kind == "voiceless" else "ғ"
    loc = "т" if kind == "voiceless" else "д"
    abl = {"nasal": "н", "voiceless": "т"}.get(kind, "д")
    ins = {"voiced": "б", "voiceless": "п"}.get(kind, "м")
    if a == "е":
        dat = {"қ": "к", "ғ": "г"}[dat]
    return [f"{gen}{y}ң", f"{acc}{y}", f"{dat}{a}", f"{loc}{a}", f"{abl}{a}н", f"{ins}ен", f"{loc}{a}й"]


def _attributive(kind: str, a: str, y: str) -> list[str]:
    """Locative + ``-ғы``/``-гі`` (``облыстағы``, ``облысындағы``), then an optional case."""
    loc = {"p3": "нд", "voiceless": "т"}.get(kind, "д")
    gy = "ғы" if a == "а" else "гі"
    base = f"{loc}{a}{gy}"
    return [base] + [base + c for c in _case("vowel", a, y)]


def _possessives(kind: str, y: str) -> list[tuple[str, str]]:
    """(suffix, what follows) for the possessives: 1sg, 2sg, 2sg polite, 1pl, 3rd."""
    if kind == "vowel":
        return [("м", "p12"), ("ң", "p12"), (f"ң{y}з", "voiced"), (f"м{y}з", "voiced"), (f"с{y}", "p3")]
    return [(f"{y}м", "p12"), (f"{y}ң", "p12"), (f"{y}ң{y}з", "voiced"), (f"{y}м{y}з", "voiced"), (y, "p3")]


@lru_cache(maxsize=64)
def _chains(kind: str, harmony: str) -> tuple[frozenset[str], frozenset[str]]:
    """All suffix chains after a stem ending in a sound of ``kind``: (every chain, those with the 3rd possessive)."""
    a, y = ("а", "ы") if harmony == "back" else ("е", "і")

    def after_possessive(suffix: str, state: str) -> list[tuple[str, bool]]:
        third = state == "p3"
        if state == "p12":
            tails = [c for c in _case("nasal", a, y) if not c.startswith(("ғ", "г"))] + [a]
        else:
            tails = _case(state, a, y)
        out = [(suffix, third)] + [(suffix + c, third) for c in tails]
        out += [(suffix + t, third) for t in _attributive(state if third else "nasal", a, y)]
        return out

    def after_noun(kind: str) -> list[tuple[str, bool]]:
        out = [("", False)] + [(c, False) for c in _case(kind, a, y) + _attributive(kind, a, y)]
        for suffix, state in _possessives(kind, y):
            out += after_possessive(suffix, state)
        return out

    chains = after_noun(kind)
    plural = {"vowel": "л", "glide": "л", "voiceless": "т"}.get(kind, "д") + a + "р"
    chains += [(plural + rest, third) for rest, third in after_noun("glide")]
    return frozenset(c for c, _ in chains), frozenset(c for c, third in chains if third)


def _stems(base: str) -> list[tuple[str, str]]:
    """(surface of the stem, what may follow it: "any", "suffix" or "vowel") for a base form."""
    low = base.lower()
    out = [(low, "any")]
    if len(low) > 2 and (low[-1] == "ь" or (low[-1] == low[-2] and low[-1] not in _VOWELS)):
        # a loan's soft sign or double final consonant goes before a suffix: фестивалы, процеске
        out.append((low[:-1], "suffix"))
    if low in ELIDING:
        out.append((ELIDING[low], "vowel"))
    if low[-1:] in _VOICING:
        out.append((low[:-1] + _VOICING[low[-1]], "vowel"))
    return out


def _may_follow(rest: str, what: str) -> bool:
    return what == "any" or (what == "suffix" and rest != "") or (what == "vowel" and _vowel_initial(rest))


def _kind_of(stem: str) -> str:
    return _kind(stem.lower().rstrip("ь")[-1:] or "а")


def _vowel_initial(chain: str) -> bool:
    return chain[:1] in _VOWELS and chain[:1] not in "уи"


@lru_cache(maxsize=50_000)
def forms(base: str, izafet: bool = False) -> frozenset[str]:
    """Every inflected form of ``base`` (lower case), e.g. ``forms("халық")`` ∋ ``халқына``.

    ``izafet``: only forms that keep the 3rd-person possessive — the last word of a
    compound such as ``жұмыс орны`` is ``орын`` + ``-ы`` and stays possessive
    (``жұмыс орындары``, ``жұмыс орнына``).
    """
    kind = _kind_of(base)
    out = set()
    for harmony in _harmonies(base):
        every, third = _chains(kind, harmony)
        chains = third if izafet else every
        for stem, what in _stems(base):
            out.update(stem + chain for chain in chains if _may_follow(chain, what))
    return frozenset(out)


def _fits(base: str, stem: str, rest: str) -> tuple[bool, bool]:
    """Is ``stem + rest`` a form of ``base`` (``stem`` its surface before ``rest``)? And possessive?"""
    if not any(surface == stem and _may_follow(rest, what) for surface, what in _stems(base)):
        return False, False
    kind = _kind_of(base)
    found = third = False
    for harmony in _harmonies(base):
        every, thirds = _chains(kind, harmony)
        found = found or rest in every
        third = third or rest in thirds
    return found, third


@lru_cache(maxsize=20_000)
def izafet_bases(word: str) -> frozenset[str]:
    """``орны`` → {``орын``}, ``облысы`` → {``облыс``, ``облы``}, ``министрлігі`` → {``министрлік``}:
    the nouns ``word`` can be under a 3rd-person possessive ending (empty when it has none)."""
    low = word.lower()
    out = set()
    for ending in ("сы", "сі", "ы", "і"):
        stem = low[: -len(ending)]
        if not low.endswith(ending) or len(stem) < 2:
            continue
        if ending.startswith("с") != (_kind(stem[-1]) == "vowel"):
            continue  # -сы/-сі after a vowel, -ы/-і after a consonant
        if stem in _RESTORE:
            out.add(_RESTORE[stem])
        elif stem[-1] in _UNVOICING:
            out.add(stem[:-1] + _UNVOICING[stem[-1]])
        else:
            out.add(stem)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def analyses(word: str) -> frozenset[tuple[str, bool]]:
    """(base, keeps the 3rd-person possessive) for every way ``word`` is a base plus an inflection.

    The word itself is always a reading (``(word, False)``); a base has at least two letters.
    ``analyses("халқына")`` ∋ ``("халық", True)``; ``analyses("орындары")`` ∋ ``("орын", True)``.
    """
    low = word.lower()
    out = {(low, False)}
    for cut in range(2, len(low)):
        stem, rest = low[:cut], low[cut:]
        bases = {stem, stem + stem[-1], stem + "ь"}
        if stem in _RESTORE:
            bases.add(_RESTORE[stem])
        if stem[-1] in _UNVOICING:
            bases.add(stem[:-1] + _UNVOICING[stem[-1]])
        for base in bases:
            found, third = _fits(base, stem, rest)
            if found:
                out.add((base, third))
    return frozenset(out)


def inflection_pattern(base: str, izafet: bool = False) -> str:
    """A regex (no groups, lower case) matching exactly :func:`forms` of ``base``."""
    return _alternation(sorted(forms(base, izafet)))


@lru_cache(maxsize=1)
def any_inflection_pattern() -> str:
    """Every suffix chain of any stem in either harmony (the empty one included): what an
    acronym or a Latin name may take, as it is read by its letters' names (``ҚР-ның``, ``Hyundai-дың``)."""
    chains: set[str] = set()
    for kind in ("vowel", "glide", "l", "nasal", "voiced", "voiceless"):
        for harmony in ("back", "front"):
            chains |= _chains(kind, harmony)[0]
    return _alternation(sorted(chains))


def _alternation(words: list[str]) -> str:
    """A compact regex for a set of strings: a trie of common prefixes."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return emit(trie)
