"""Language codes, validated with Babel's CLDR data."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError

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
