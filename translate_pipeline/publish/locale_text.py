"""The words of a published page in its language: interface words from gettext catalogs,
language names and dates from Babel's CLDR data.

Interface words ("Languages", "machine translation, not reviewed", …) are the messages of
the package's own gettext domain ``site``: the templates mark them with Jinja2's ``i18n``
extension (``{% trans %}``), the Python renderers with ``gettext``/``ngettext``/``N_``, and
``python tools/site_catalogs.py`` extracts them with Babel into
``translate_pipeline/templates/locale/site.pot``, updates the catalogs
``locale/<lang>/LC_MESSAGES/site.po`` (ru, en, kk, kk_Latn: the project's gettext
spelling, :attr:`~translate_pipeline.core.langs.Tag.gettext`) and compiles them to the
``site.mo`` files shipped in the package.  A newsroom rewords or adds a language by putting
a ``locale/<lang>/LC_MESSAGES/site.po`` into its ``[publish] templates`` directory (read
as it is, no compiling): its entries come first, the package's fill the rest, English
msgids the remainder.

CLDR has no Kazakh Latin locale, so ``kk-Latn`` names and dates use the Kazakh
(Cyrillic) data, transliterated.
"""
from __future__ import annotations

import datetime
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from babel.support import NullTranslations, Translations

from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.core.langs import Tag
from translate_pipeline.publish.translit_kk import transliterate

DOMAIN = "site"
PACKAGE_LOCALE = Path(__file__).resolve().parent.parent / "templates" / "locale"


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translated where it is shown."""
    return message


def _is_latin_kazakh(tag: Tag) -> bool:
    return (tag.language, tag.iso_script) == ("kk", "Latn")


def _catalog_dirs(lang: str) -> list[str]:
    """``locale/<dir>`` names to try for ``lang``: its gettext spelling, then the bare language when
    that is written in the same script (``en_GB`` → ``en``; never ``kk_Latn`` → ``kk``)."""
    tag = Tag.parse(lang)
    dirs = [tag.gettext]
    if Tag(tag.language).iso_script == tag.iso_script and tag.language not in dirs:
        dirs.append(tag.language)
    return dirs


def _project_catalog(path: Path) -> Translations:
    """A newsroom's ``site.po``, read by the project's strict catalog reader (a malformed one is a
    one-line error with file:line) and compiled in memory by polib (fuzzy entries left out, as msgfmt does)."""
    catalog = read_catalog(path)
    return Translations(io.BytesIO(catalog.to_binary()), domain=DOMAIN)


@functools.lru_cache(maxsize=64)
def _translations(lang: str, project_locale: Path | None, stamp: tuple) -> NullTranslations:
    """The chain for ``lang``: the project's catalog, the package's, then the English msgids.
    ``stamp`` (the project catalog's modification time) makes an edited file be read again."""
    chain: NullTranslations = NullTranslations()
    for directory in _catalog_dirs(lang):
        mo = PACKAGE_LOCALE / directory / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.is_file():
            with mo.open("rb") as handle:
                chain = Translations(handle, domain=DOMAIN)
            break
    if project_locale is not None:
        for directory in _catalog_dirs(lang):
            po = project_locale / directory / "LC_MESSAGES" / f"{DOMAIN}.po"
            if po.is_file():
                own = _project_catalog(po)
                own.add_fallback(chain)
                return own
    return chain


def _stamp(project_locale: Path | None, lang: str) -> tuple:
    if project_locale is None:
        return ()
    files = [project_locale / d / "LC_MESSAGES" / f"{DOMAIN}.po" for d in _catalog_dirs(lang)]
    return tuple(p.stat().st_mtime_ns if p.is_file() else 0 for p in files)


@dataclass(frozen=True)
class SiteText:
    """Everything a page says in language ``lang`` (a BCP 47 tag: ``ru``, ``kk-Latn``).

    ``templates`` is the project's ``[publish] templates`` directory, whose ``locale/`` overrides
    the package's catalogs.  A malformed override is a one-line :class:`PipelineError` naming it.
    """

    lang: str
    templates: Path | None = None

    @functools.cached_property
    def _chain(self) -> NullTranslations:
        project_locale = self.templates / "locale" if self.templates else None
        return _translations(self.lang, project_locale, _stamp(project_locale, self.lang))

    def gettext(self, message: str) -> str:
        return self._chain.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` by the language's plural rule (the catalog's ``Plural-Forms``)."""
        return self._chain.ngettext(singular, plural, n)

    def language_name(self, tag: str) -> str:
        """Name of language ``tag`` in this page's language (its autonym when it is the same)."""
        return _script(self.lang, Tag.parse(tag).display_name(Tag.parse(self.lang)))

    def date(self, date: datetime.date) -> str:
        """``8 марта 2026 г.``, ``March 8, 2026``: CLDR's long date format."""
        return _script(self.lang, format_date(date, format="long", locale=Tag.parse(self.lang).locale))


def _script(tag: str, text: str) -> str:
    """``text`` (CLDR's Kazakh, in Cyrillic) as a ``tag`` page shows it: transliterated for Latin Kazakh."""
    return transliterate(text) if _is_latin_kazakh(Tag.parse(tag)) else text


def autonym(tag: str) -> str:
    """The language's name in itself (``қазақ тілі``, ``qazaq tılı``)."""
    return SiteText(tag).language_name(tag)


# What the marks after unreviewed sentences mean, by sentence status (assemble's constants).
STATUS_NOTES = {
    "mt": N_("machine translation, not reviewed"),
    "tm": N_("translation memory, not reviewed"),
    "fuzzy": N_("draft, not reviewed"),
    "source-fallback": N_("original, not translated"),
}
