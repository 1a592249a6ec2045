"""Language names, dates and the few interface words of a published page, per language.

Names and dates come from Babel's CLDR data (through :class:`~translate_pipeline.core.langs.Tag`).
CLDR has no Kazakh Latin locale, so ``kk-Latn`` uses the Kazakh (Cyrillic) data, transliterated.
"""
from __future__ import annotations

import datetime

from babel.dates import format_date

from translate_pipeline.core.langs import Tag
from translate_pipeline.publish.translit_kk import transliterate

_LABELS = {
    "en": {
        "languages": "Languages",
        "articles": "Articles",
        "index": "All articles",
        "published": "Published",
        "unreviewed": "Sentences marked as machine translation have not been reviewed by a translator.",
        "fallback": "Sentences marked as original are not translated yet and are shown in the original language.",
        "skipped": "Untranslated sentences are left out of this version.",
        "mt": "machine translation, not reviewed",
        "tm": "translation memory, not reviewed",
        "fuzzy": "draft, not reviewed",
        "source-fallback": "original, not translated",
        "preview": "Preview for editors: not for publication. Sentences show where they come from.",
        "not_published": "Not published yet:",
        "not_ready": "{n} sentence(s) not ready",
        "derived": "made from {lang}, which is not ready",
        "no_catalog": "no catalog",
    },
    "ru": {
        "languages": "Языки",
        "articles": "Статьи",
        "index": "Все статьи",
        "published": "Опубликовано",
        "unreviewed": "Предложения, отмеченные как машинный перевод, не проверены переводчиком.",
        "fallback": "Предложения, отмеченные как оригинал, ещё не переведены и показаны на языке оригинала.",
        "skipped": "Непереведённые предложения в эту версию не вошли.",
        "mt": "машинный перевод, не проверен",
        "tm": "память переводов, не проверено",
        "fuzzy": "черновик, не проверен",
        "source-fallback": "оригинал, не переведено",
        "preview": "Предпросмотр для редакции, не для публикации. У предложений указано происхождение.",
        "not_published": "Ещё не опубликовано:",
        "not_ready": "не готово предложений: {n}",
        "derived": "делается из {lang}, а он не готов",
        "no_catalog": "нет каталога",
    },
    "kk": {
        "languages": "Тілдер",
        "articles": "Мақалалар",
        "index": "Барлық мақалалар",
        "published": "Жарияланды",
        "unreviewed": "Машиналық аударма деп белгіленген сөйлемдерді аудармашы тексермеген.",
        "fallback": "Түпнұсқа деп белгіленген сөйлемдер әлі аударылмаған, түпнұсқа тілінде берілген.",
        "skipped": "Аударылмаған сөйлемдер бұл нұсқаға енгізілмеген.",
        "mt": "машиналық аударма, тексерілмеген",
        "tm": "аударма жады, тексерілмеген",
        "fuzzy": "жоба, тексерілмеген",
        "source-fallback": "түпнұсқа, аударылмаған",
        "preview": "Редакцияға арналған алдын ала қарау, жариялауға емес. Сөйлемдердің шығу тегі көрсетілген.",
        "not_published": "Әлі жарияланбаған:",
        "not_ready": "дайын емес сөйлемдер: {n}",
        "derived": "{lang} нұсқасынан жасалады, ол дайын емес",
        "no_catalog": "каталог жоқ",
    },
}


def _script(tag: str, text: str) -> str:
    """``text`` (CLDR's Kazakh, in Cyrillic) as a ``tag`` page shows it: transliterated for Latin Kazakh."""
    parsed = Tag.parse(tag)
    return transliterate(text) if (parsed.language, parsed.iso_script) == ("kk", "Latn") else text


def language_name(tag: str, in_lang: str) -> str:
    """Name of language ``tag`` written in language ``in_lang`` (autonym when equal)."""
    return _script(in_lang, Tag.parse(tag).display_name(Tag.parse(in_lang)))


def autonym(tag: str) -> str:
    return language_name(tag, tag)


def date_text(date: datetime.date, tag: str) -> str:
    return _script(tag, format_date(date, format="long", locale=Tag.parse(tag).locale))


def label(key: str, tag: str) -> str:
    """An interface word in ``tag``; English when the language has no wording."""
    return _script(tag, _LABELS.get(Tag.parse(tag).language, _LABELS["en"]).get(key, _LABELS["en"][key]))
