"""PO header repair and validation: what GNU gettext needs to accept a catalog.

A catalog that kept the header of a gettext template (``charset=CHARSET``, an
empty ``Language:``, a ``#, fuzzy`` header) makes ``msgmerge``/``msgcat`` exit 1
and ``pybabel compile`` skip the file.  Every language catalog the project
writes goes through :func:`repair_header`; ``check``/``stats`` report what
:func:`header_problems` still finds in a catalog on disk.

Rules (GNU gettext manual, "Header Entry"): ``Content-Type: text/plain;
charset=UTF-8`` (the project writes UTF-8 only), ``Content-Transfer-Encoding:
8bit``, ``MIME-Version: 1.0``, ``Language`` = the catalog's language and
``Plural-Forms`` from Babel's CLDR data; a fuzzy header is ignored by ``msgfmt``,
so the flag is dropped.  ``Language`` is written as :attr:`Tag.gettext
<translate_pipeline.core.langs.Tag.gettext>` (``kk``, ``kk_Latn``) and read in
any spelling: a region of the catalog's language (``kk_KZ`` in ``locales/kk/``,
``en_US`` in ``locales/en/``, as Poedit writes it) is that language, kept as the
translator wrote it.
"""
from __future__ import annotations

import re

import polib
from babel.messages.plurals import get_plural

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag

_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)
_PLURAL = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")


def babel_plural_forms(lang: str) -> str:
    """``nplurals=2; plural=(n != 1);`` for ``lang`` from Babel's CLDR plural rules."""
    return str(get_plural(Tag.parse(lang).locale))


def _language_problem(field: str, lang: str) -> str | None:
    """Why header ``Language: field`` does not name catalog language ``lang`` (None: it does)."""
    try:
        written = Tag.parse(field)
    except PipelineError as exc:
        return f"header Language {field!r}: {exc.message}"
    if not Tag.parse(lang).covers(written):
        return f"header Language {field!r} is not the catalog's language {lang!r}"
    return None


def repair_header(catalog: polib.POFile, lang: str) -> None:
    """Make ``catalog``'s header valid for ``lang`` in place.

    Repaired: a missing or non-UTF-8 charset (the file is read and written as
    UTF-8), missing MIME fields, an empty ``Language``, a missing or malformed
    ``Plural-Forms``, the fuzzy flag on the header.  A ``Language`` in another
    spelling of the catalog's language (``kk_KZ`` in a ``kk`` catalog) is kept as
    written.  Not repaired: a ``Language`` naming another language than the
    catalog's — which of the two is right is the translator's call, so
    :func:`header_problems` (``check``, ``stats``) reports it.  Translator fields
    (``Last-Translator``, …) are never touched.
    """
    meta = catalog.metadata
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    if not meta.get("Language", "").strip():
        meta["Language"] = Tag.parse(lang).gettext
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
    elif problem := _language_problem(language, lang):
        problems.append(problem)
    plural = meta.get("Plural-Forms")
    if plural is not None and not _PLURAL.match(plural):  # missing is fine while no entry has plurals
        problems.append(f"header Plural-Forms {plural!r} is malformed")
    if "fuzzy" in (catalog.metadata_is_fuzzy or []):
        problems.append("header is marked fuzzy (msgfmt ignores it)")
    return problems
