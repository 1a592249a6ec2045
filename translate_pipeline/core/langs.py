"""Language tags: the one place a language code is parsed, compared or mapped to a script.

A :class:`Tag` is read from any spelling users, tools and files write — BCP 47
(``kk``, ``kk-KZ``, ``kk-Latn``, ``kk-Cyrl-KZ``, RFC 5646), gettext/POSIX
(``kk_KZ``, ``kk_KZ@latin``, ``kk_KZ.UTF-8``) and any letter case (``EN``) —
with Babel's :func:`~babel.core.parse_locale`, and checked against Babel's CLDR
data: the language must have CLDR locale data, the script be an ISO 15924 code
CLDR names, the region an ISO 3166-1 / UN M.49 code CLDR names.  A script that
is the language's usual one (CLDR likely subtags: Kazakh in Kazakhstan is
written in Cyrillic) adds nothing, so ``kk-Cyrl-KZ`` and ``kk-KZ`` are one
language; ``kk-Latn`` is another orthography, hence another catalog, term-base
language and set of checks.

Every CLI option, PO ``Language`` header, TMX/TBX ``xml:lang``, QA check and
published page goes through :class:`Tag`; :func:`resolve_languages` maps what a
user typed to the project's configured languages (``kk-KZ`` → ``kk``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Sequence

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global, parse_locale

from translate_pipeline.core.errors import PipelineError

_ENGLISH = Locale("en")
# ISO 15924 codes CLDR names (Latn, Cyrl, Arab, …) but Zyyy/Zzzz/Zxxx ("common", "unknown", "unwritten").
_SCRIPTS = frozenset(code for code in _ENGLISH.scripts if not code.startswith("Z"))
_REGIONS = frozenset(code for code in _ENGLISH.territories if code != "ZZ")  # ZZ: "Unknown Region"
# gettext/glibc modifiers that name a script (sr@latin, uz@cyrillic): CLDR's English script names.
_MODIFIER_SCRIPTS = {name.lower(): code for code, name in _ENGLISH.scripts.items() if code in _SCRIPTS}
# The coarse script of core.text.script_of (the letters QA checks and `models check` count), by ISO 15924.
_COARSE = {"Latn": "latin", "Cyrl": "cyrillic"}


def _likely_script(language: str, region: str | None) -> str | None:
    """The script CLDR's likely subtags give ``language`` (in ``region``): ``kk`` → Cyrl, ``kk_CN`` → Arab."""
    likely = get_global("likely_subtags")
    found = (region and likely.get(f"{language}_{region}")) or likely.get(language)
    return parse_locale(found)[2] if found else None


@dataclass(frozen=True)
class Tag:
    """A language tag: ISO 639 ``language`` (lower case), ISO 15924 ``script`` as written (title case,
    None if not written), ISO 3166-1 / UN M.49 ``region`` (upper case) and ``variant`` (upper case).

    Build it with :meth:`parse`; ``str(tag)`` is the BCP 47 spelling.
    """

    language: str
    script: str | None = None
    region: str | None = None
    variant: str | None = None

    @classmethod
    def parse(cls, code: str) -> Tag:
        """``code`` in any BCP 47 or gettext spelling; a one-line :class:`PipelineError` if it is not a
        language Babel's CLDR data knows (``kz``, ``english``, ``xx-bogus``), names an unknown script
        (``kk-Latx``), region (``en-XX``) or gettext modifier (``de_DE@euro``), or has BCP 47
        extensions (``en-US-u-ca-gregory``)."""
        return _parse(code)

    @cached_property
    def iso_script(self) -> str | None:
        """The script the text is written in, ISO 15924: as written, else CLDR's likely script (``kk`` →
        ``Cyrl``, ``kk-Latn`` → ``Latn``); None where CLDR has none."""
        return self.script or _likely_script(self.language, self.region)

    @property
    def coarse_script(self) -> str | None:
        """``"latin"``, ``"cyrillic"`` (the names :func:`translate_pipeline.core.text.script_of` gives
        letters) or None for a language written in another script: what QA script checks compare."""
        return _COARSE.get(self.iso_script or "")

    @cached_property
    def _marked_script(self) -> str | None:
        """The script when it is not the language's usual one (what sets an orthography apart)."""
        script = self.iso_script
        return script if script and script != _likely_script(self.language, None) else None

    @property
    def base(self) -> str:
        """Language plus an unusual script, region and variant dropped: ``kk-KZ``, ``kk-Cyrl-KZ`` → ``kk``,
        ``kk-Latn-KZ`` → ``kk-Latn``, ``en-GB`` → ``en``.  The language of a term base and of TM units:
        a region's terms are the language's; another script's terms are a different spelling."""
        return "-".join(p for p in (self.language, self._marked_script) if p)

    @property
    def catalog(self) -> str:
        """The catalog directory name ``locales/<catalog>/``: BCP 47 with a script the language (in its
        region) is usually written in left out (RFC 5646 §4.1 on suppressed scripts), so that one language
        has one directory: ``EN`` → ``en``, ``kk-Cyrl`` → ``kk``, ``kk_latn`` → ``kk-Latn``, ``pt-BR``
        stays ``pt-BR``."""
        script = None if self.script == _likely_script(self.language, self.region) else self.script
        return "-".join(p for p in (self.language, script, self.region, self.variant and self.variant.lower()) if p)

    @property
    def bcp47(self) -> str:
        """BCP 47 spelling with every subtag as given (canonical case): ``kk-Cyrl-KZ``, ``kk-Latn``."""
        return "-".join(p for p in (self.language, self.script, self.region, self.variant and self.variant.lower()) if p)

    @property
    def gettext(self) -> str:
        """The PO header ``Language`` value the project writes: Babel's locale identifier of the catalog
        spelling (``kk``, ``kk_Latn``, ``pt_BR``), as ``pybabel init`` writes it; GNU's ``kk@latin``
        and Poedit's ``kk_KZ`` are read as tags all the same."""
        return self.catalog.replace("-", "_")

    @cached_property
    def locale(self) -> Locale:
        """The Babel locale whose CLDR data (number symbols, month names, plural rules) this language uses:
        the most specific one CLDR has.  CLDR has no data for some orthographies (Kazakh in Latin script);
        they use the language's usual one, as the transliterated ``kk-Latn`` edition does."""
        scripts = ([self.script] if self.script else []) + [None]
        for script in scripts:
            for region in ([self.region] if self.region else []) + [None]:
                identifier = "_".join(p for p in (self.language, script, region) if p)
                if localedata.exists(identifier):
                    return Locale.parse(identifier)
        return Locale.parse(self.language)

    def display_name(self, in_lang: Tag | None = None) -> str:
        """The language's name in ``in_lang`` (default English), from CLDR, unusual script and region in
        parentheses as Babel's ``Locale.get_display_name`` writes them: ``Kazakh``, ``Kazakh (Latin)``,
        ``English (United Kingdom)``, ``қазақ тілі`` (in ``kk``)."""
        where = in_lang.locale if in_lang else _ENGLISH
        details = [where.scripts.get(self._marked_script), where.territories.get(self.region),
                   where.variants.get(self.variant)] if (self._marked_script or self.region or self.variant) else []
        name = where.languages.get(self.language) or self.language
        shown = ", ".join(d for d in details if d)
        return f"{name} ({shown})" if shown else name

    def same_language(self, other: Tag) -> bool:
        """One language in one script: ``kk``, ``kk-KZ``, ``kk-Cyrl-KZ`` — but not ``kk-Latn``, ``en``."""
        return (self.language, self.iso_script) == (other.language, other.iso_script)

    def covers(self, other: Tag) -> bool:
        """Whether ``other`` is this language or one of its regions or variants: ``kk`` covers ``kk_KZ``,
        ``en`` covers ``en-US``; ``en-GB`` does not cover ``en-US`` nor ``en``."""
        return (self.same_language(other) and self.region in (None, other.region)
                and self.variant in (None, other.variant))

    def resolve(self, configured: Iterable[str]) -> str | None:
        """The configured language (a catalog spelling) this tag stands for — itself, else the one that
        covers it (``kk-KZ`` → ``kk``) — or None."""
        tags = [(code, Tag.parse(code)) for code in configured]
        exact = [code for code, tag in tags if tag.catalog == self.catalog]
        return next(iter(exact + [code for code, tag in tags if tag.covers(self)]), None)

    def __str__(self) -> str:
        return self.bcp47


def _unknown(code: str) -> PipelineError:
    return PipelineError(f"unknown language code {code!r} (expected e.g. en, kk, kk-Latn)")


@lru_cache(maxsize=1024)
def _parse(code: str) -> Tag:
    text = code.strip()
    try:
        language, region, script, variant, *modifier = parse_locale(text.replace("-", "_"))
        if language in ("und", "root"):  # CLDR's "undetermined" and its root data are no language
            raise UnknownLocaleError(language)
        Locale.parse(language)
    except (UnknownLocaleError, ValueError) as exc:
        raise _unknown(code) from exc
    if modifier:
        named = _MODIFIER_SCRIPTS.get(modifier[0].lower())
        if named is None:
            raise PipelineError(f"unknown modifier '@{modifier[0]}' in language code {code!r} "
                                f"(expected a script, e.g. @latin, @cyrillic)")
        if script not in (None, named):
            raise PipelineError(f"language code {code!r} names two scripts, {script} and @{modifier[0]}")
        script = named
    if script is not None and script not in _SCRIPTS:
        raise PipelineError(f"unknown script {script!r} in language code {code!r} (expected e.g. Latn, Cyrl)")
    if region is not None and region not in _REGIONS:
        raise PipelineError(f"unknown region {region!r} in language code {code!r} (expected e.g. KZ, GB)")
    return Tag(language, script, region, variant)


def taken_as(code: str, lang: str, configured: Sequence[str] = ()) -> str | None:
    """The note for a language code as a user typed it that stands for another language code:
    ``kk-KZ is taken as kk, the project's Kazakh`` (``configured``: the project's languages; any
    other is named without "the project's"); None when ``code`` is ``lang`` in another spelling
    (``KK``, ``kk_Latn``).  Every command that takes a language code says it this way."""
    if Tag.parse(code).catalog == Tag.parse(lang).catalog:
        return None
    name = Tag.parse(lang).display_name()
    return f"{code} is taken as {lang}, " + (f"the project's {name}" if lang in configured else name)


def resolve_languages(codes: Iterable[str], configured: Sequence[str], *,
                      source: str | None = None) -> tuple[list[str], list[str]]:
    """The languages ``codes`` (as a user typed them) stand for, in order and without repeats, and one
    note per code taken as another configured language (``kk-KZ is taken as kk, …``).

    A code that one of ``configured`` covers becomes that language (``kk-KZ``, ``kk_KZ``,
    ``kk-Cyrl-KZ`` → ``kk``; ``en-GB`` → ``en``); any other is kept in its catalog spelling
    (``de``, ``kk-Latn``).  With ``source`` given the codes are targets, and the source
    language (or one of its regions: ``ru-RU``) is a one-line :class:`PipelineError`.
    """
    source_tag = Tag.parse(source) if source else None
    langs: list[str] = []
    notes: list[str] = []
    for code in codes:
        tag = Tag.parse(code)
        if source_tag and source_tag.covers(tag):
            targets = ", ".join(configured) or "none configured"
            raise PipelineError(f"{code} is the source language ({source}), not a target "
                                f"(target languages: {targets})")
        lang = tag.resolve(configured) or tag.catalog
        note = taken_as(code, lang, configured)
        if note and note not in notes:
            notes.append(note)
        if lang not in langs:
            langs.append(lang)
    return langs, notes
