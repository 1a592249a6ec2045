"""Language codes, validated with Babel's CLDR data."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

from translate_pipeline.core.errors import PipelineError


def validate_lang(code: str) -> str:
    """Return ``code`` if Babel knows it as a locale, else raise a one-line error."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise PipelineError(f"unknown language code {code!r} (expected e.g. en, kk, ru)") from exc
    return code


def locale(code: str) -> Locale:
    return Locale.parse(validate_lang(code).replace("-", "_"))


_ISO_15924 = frozenset(Locale("en").scripts)  # script codes CLDR names (Latn, Cyrl, Arab, …)


def term_lang(code: str) -> str:
    """A BCP 47 tag as a language of the term base: language plus script, region dropped.

    ``kk-KZ`` → ``kk``, ``kk-Cyrl-KZ`` → ``kk`` (Cyrillic is Kazakh's default
    script in CLDR's likely subtags), ``kk-Latn-KZ`` → ``kk-Latn``, ``en-GB`` →
    ``en``.  A script variant is its own language: its terms are a different
    spelling, never a replacement for the default script's.  Raises a
    one-line :class:`PipelineError` for an unknown language or script
    (BCP 47 / RFC 5646 subtags; languages and scripts from Babel's CLDR data).
    """
    try:
        language, _, script, _ = parse_locale(code.strip().replace("-", "_"))
        Locale.parse(language)
    except (UnknownLocaleError, ValueError) as exc:
        raise PipelineError(f"unknown language code {code!r} (expected e.g. en, kk, kk-Latn)") from exc
    if script is None:
        return language
    script = script.title()
    if script not in _ISO_15924 or script.startswith("Z"):  # Zyyy, Zzzz: "common", "unknown"
        raise PipelineError(f"unknown script {script!r} in language code {code!r} (expected e.g. Latn, Cyrl)")
    likely = get_global("likely_subtags").get(language, "")
    return language if likely.split("_")[1:2] == [script] else f"{language}-{script}"
