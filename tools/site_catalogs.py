"""Update the site's interface catalogs after changing a message in a template or renderer.

    python tools/site_catalogs.py          # extract, merge, fill kk_Latn, compile
    python tools/site_catalogs.py --check  # exit 1 when a catalog is out of date (the tests do this too)

1. Babel extracts the messages of the ``site`` domain — ``{% trans %}``/``_()`` in
   ``translate_pipeline/templates/*.j2`` (Jinja2's extractor) and ``gettext``/``ngettext``/``N_`` in
   ``translate_pipeline/publish/*.py`` — into ``translate_pipeline/templates/locale/site.pot``.
2. Each ``locale/<lang>/LC_MESSAGES/site.po`` (ru, en, kk, kk_Latn) is updated from it (Babel's
   ``Catalog.update``: new messages untranslated, removed ones obsolete, changed ones fuzzy).
3. ``kk_Latn`` is made from ``kk``: every entry is the ``kk`` translation in the Latin alphabet
   (``publish/translit_kk.py``, the rule of the kk-Latn edition), so edit ``kk`` and run this; ``en``
   gets the msgid where it has no wording of its own.
4. Every catalog is compiled to ``site.mo`` beside it (fuzzy entries left out, as msgfmt does).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translate_pipeline.publish.locale_text import DOMAIN, PACKAGE_LOCALE  # noqa: E402
from translate_pipeline.publish.translit_kk import transliterate_text  # noqa: E402

PACKAGE = ROOT / "translate_pipeline"
METHODS = [("publish/**.py", "python"), ("templates/**.j2", "jinja2")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
LANGS = {"ru": "ru", "en": "en", "kk": "kk", "kk_Latn": "kk@latin"}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def _creation_date(path: Path):
    """The template's creation date as recorded (so that an unchanged template is byte for byte the same)."""
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle).creation_date
    return None


def template() -> Catalog:
    pot = Catalog(project="translate-pipeline", version="", domain=DOMAIN, fuzzy=False, msgid_bugs_address="",
                  creation_date=_creation_date(PACKAGE_LOCALE / f"{DOMAIN}.pot"),
                  copyright_holder="translate-pipeline contributors", header_comment="# The site's interface words.")
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, METHODS, OPTIONS, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
        pot.add(message, None, [(f"translate_pipeline/{filename}", lineno)], auto_comments=comments, context=context)
    return pot


def _read(path: Path, locale: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _po_bytes(catalog: Catalog, **options) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, include_lineno=False, **options)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def build() -> dict[Path, bytes]:
    """Every file the catalogs should be, by path."""
    pot = template()
    files = {PACKAGE_LOCALE / f"{DOMAIN}.pot": _po_bytes(pot, sort_by_file=True)}
    catalogs = {}
    for directory, locale in LANGS.items():
        path = PACKAGE_LOCALE / directory / "LC_MESSAGES" / f"{DOMAIN}.po"
        language = locale.split("@")[0]  # CLDR has no Kazakh Latin locale: kk's plural rule, kk@latin header
        catalog = _read(path, language) if path.exists() else Catalog(locale=language, domain=DOMAIN)
        catalog.update(pot, update_header_comment=False, update_creation_date=False)
        catalog.fuzzy = False  # msgfmt and Babel leave a fuzzy header (and its Plural-Forms) out of the MO file
        catalog.project, catalog.version = "translate-pipeline", ""
        catalog.copyright_holder = "translate-pipeline contributors"
        catalog.last_translator = catalog.language_team = "translate-pipeline contributors"
        catalog.revision_date = pot.creation_date
        catalog.header_comment = f"# The site's interface words in {LANGS[directory]}."
        catalogs[directory] = catalog
    for message in catalogs["en"]:
        if message.id and not message.string or message.string == ("",) * len(message.string or ()):
            message.string = message.id if isinstance(message.id, str) else tuple(message.id[min(i, 1)] for i in
                                                                                    range(len(message.string)))
    kk = catalogs["kk"]
    for message in catalogs["kk_Latn"]:
        source = kk.get(message.id, message.context)
        if message.id and source is not None:
            message.string = (transliterate_text(source.string) if isinstance(source.string, str)
                              else tuple(transliterate_text(s) for s in source.string))
            message.flags = set(source.flags)
    for directory, catalog in catalogs.items():
        catalog.obsolete.clear()
        path = PACKAGE_LOCALE / directory / "LC_MESSAGES" / f"{DOMAIN}.po"
        data = _po_bytes(catalog)
        if LANGS[directory] != str(catalog.locale):  # the Language header GNU gettext expects: kk@latin
            header = f'"Language: {{}}\\n"'
            data = data.replace(header.format(catalog.locale).encode(), header.format(LANGS[directory]).encode())
        files[path] = data
        files[path.with_suffix(".mo")] = _mo_bytes(catalog)
    return files


def main() -> int:
    files = build()
    stale = [path for path, data in files.items() if not path.exists() or path.read_bytes() != data]
    if "--check" in sys.argv[1:]:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run python tools/site_catalogs.py)")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
