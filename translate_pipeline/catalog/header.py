"""PO header repair and validation: what GNU gettext needs to accept a catalog.

A catalog that kept the header of a gettext template (``charset=CHARSET``, an
empty ``Language:``, a ``#, fuzzy`` header) makes ``msgmerge``/``msgcat`` exit 1
and ``pybabel compile`` skip the file.  Every language catalog the project
writes goes through :func:`repair_header`; ``check``/``stats`` report what
:func:`header_problems` still finds in a catalog on disk.

Rules (GNU gettext manual, "Header Entry"): ``Content-Type: text/plain;
charset=UTF-8`` (the project writes UTF-8 only), ``Content-Transfer-Encoding:
8bit``, ``MIME-Version: 1.0``, ``Language`` = the catalog's language (POSIX
form ``kk_Latn``) and ``Plural-Forms`` from Babel's CLDR data; a fuzzy header
is ignored by ``msgfmt``, so the flag is dropped.
"""
from __future__ import annotations

import re

import polib
from babel.messages.plurals import get_plural

_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)
_PLURAL = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")


def posix_lang(lang: str) -> str:
    """``kk-Latn`` → ``kk_Latn``: the form gettext's ``Language`` field uses."""
    return lang.replace("-", "_")


def babel_plural_forms(lang: str) -> str:
    """``nplurals=2; plural=(n != 1);`` for ``lang`` from Babel's CLDR plural rules."""
    return str(get_plural(posix_lang(lang)))


def _same_lang(field: str, lang: str) -> bool:
    return field.replace("-", "_").lower() == posix_lang(lang).lower()


def repair_header(catalog: polib.POFile, lang: str) -> None:
    """Make ``catalog``'s header valid for ``lang`` in place.

    Repaired: a missing or non-UTF-8 charset (the file is read and written as
    UTF-8), missing MIME fields, an empty ``Language``, a missing or malformed
    ``Plural-Forms``, the fuzzy flag on the header.  Not repaired: a
    ``Language`` naming another language than the catalog's — which of the two
    is right is the translator's call, so :func:`header_problems` (``check``,
    ``stats``) reports it.  Translator fields (``Last-Translator``, …) are never
    touched.
    """
    meta = catalog.metadata
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    if not meta.get("Language", "").strip():
        meta["Language"] = posix_lang(lang)
    if not _PLURAL.match(meta.get("Plural-Forms", "")):
        meta["Plural-Forms"] = babel_plural_forms(lang)
    catalog.metadata_is_fuzzy = [f for f in (catalog.metadata_is_fuzzy or []) if f != "fuzzy"]


def header_problems(catalog: polib.POFile, lang: str) -> list[str]:
    """Why gettext tools would reject or mis-read the header of ``catalog`` (a ``lang`` catalog)."""
    meta = catalog.metadata
    problems = []
    found = _CHARSET.search(meta.get("Content-Type", ""))
    if not found or found.group(1).upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        charset = found.group(1) if found else "none"
        problems.append(f"header Content-Type charset is {charset}, not UTF-8")
    language = meta.get("Language", "").strip()
    if not language:
        problems.append("header has no Language")
    elif not _same_lang(language, lang):
        problems.append(f"header Language {language!r} is not the catalog's language {lang!r}")
    plural = meta.get("Plural-Forms")
    if plural is not None and not _PLURAL.match(plural):  # missing is fine while no entry has plurals
        problems.append(f"header Plural-Forms {plural!r} is malformed")
    if "fuzzy" in (catalog.metadata_is_fuzzy or []):
        problems.append("header is marked fuzzy (msgfmt ignores it)")
    return problems
