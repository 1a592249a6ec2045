"""The 'markup' QA check: a msgstr whose inline Markdown does not balance or differs from the msgid's."""
from __future__ import annotations

import polib
import pytest

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.registry import all_checks
from translate_pipeline.review.qa.runner import check_catalog

CHECK = all_checks()["markup"]
CTX = CheckContext(source_lang="ru", target_lang="en")


def problems(source, target, ctx=CTX):
    return [(p.severity or CHECK.severity, p.message) for p in CHECK.func(source, target, ctx)]


@pytest.mark.parametrize("source, target", [
    ("**Соглашение подписали. Завод откроют.**", "**The agreement was signed. The plant will open.**"),
    ("Подробнее [на сайте. Там договор](https://gov.kz/a).", "More [on the website. The contract is there](https://gov.kz/a)."),
    ("*Фото: А. Беков.*", "_Photo: A. Bekov._"),  # another delimiter, the same emphasis
    ("Формула 5 \\* 3.", "Formula 5 \\* 3."),  # an escaped star stays text in both
    ("Код `git log` и **итог**.", "The **result** and `git log`."),  # order may change in translation
    ("Две ссылки: [А](https://a.kz) и [Б](https://b.kz).", "Two links: [B](https://b.kz) and [A](https://a.kz)."),
    ("Без разметки.", "No markup."),
])
def test_markup_kept(source, target):
    assert problems(source, target) == []


@pytest.mark.parametrize("source, target, severity, words", [
    ("**Соглашение подписали. Завод откроют.**", "**The agreement was signed. The plant will open.", "error", "'**'"),
    ("**Завод откроют.**", "The plant will **open.", "error", "'**'"),
    ("Подробнее [на сайте](https://gov.kz/a).", "More [on the website] (https://gov.kz/a).", "error", "https://gov.kz/a"),
    ("Подробнее [на сайте](https://gov.kz/a).", "More on the website.", "error", "https://gov.kz/a"),
    ("Подробнее [на сайте](https://gov.kz/a).", "More [on the website](https://gov.kz/b).", "error", "https://gov.kz/b"),
    ("Код `git log` важен.", "The `git log command matters.", "error", "'`'"),
    ("*Фото: А. Беков.*", "Photo: A. Bekov.", "warning", "italic"),
    ("Это **важно**.", "This is important.", "warning", "bold"),
    ("Это важно.", "This is **important**.", "warning", "bold"),
    ("Цена ~~старая~~ новая.", "The price is new.", "warning", "strikethrough"),
])
def test_markup_broken(source, target, severity, words):
    found = problems(source, target)
    assert any(sev == severity and words in message for sev, message in found), found


def test_plain_text_articles_are_not_checked():
    assert problems("Текст *со звездой.", "Text with a star.", CheckContext(markdown=False)) == []


def test_the_runner_knows_markdown_entries_by_their_reference():
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for ref in ("articles/a.ru.md", "articles/b.ru.txt"):
        po.append(polib.POEntry(msgid="**Завод откроют.**", msgstr="**The plant will open.", occurrences=[(ref, "3")]))
    found = [f for f in check_catalog(po, article="a", lang="en", path="a.po", context=CTX) if f.check == "markup"]
    assert {f.reference for f in found} == {"articles/a.ru.md:3"} and "error" in {f.severity for f in found}
