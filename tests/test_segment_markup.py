"""Issue 24: segments that keep their inline Markdown; item numbers, brackets and quotes in running text."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from translate_pipeline.publish.inline import to_html
from translate_pipeline.source.readers import read_article
from translate_pipeline.source.segment import normalize_paragraph, split_sentences
from translate_pipeline.source.spans import inline_markup, keep_spans


def md_segments(text: str, lang: str = "ru") -> list[str]:
    return keep_spans(split_sentences(text, lang))


@pytest.mark.parametrize("text, expected", [
    # the bold lead
    ("**Соглашение подписали в Астане. Завод откроют в 2026 году.** Об этом сообщили в министерстве.",
     ["**Соглашение подписали в Астане. Завод откроют в 2026 году.**", "Об этом сообщили в министерстве."]),
    # a link whose text holds two sentences
    ("Текст размещён [на сайте министерства. Там же опубликован договор](https://gov.kz/doc). Далее новости.",
     ["Текст размещён [на сайте министерства. Там же опубликован договор](https://gov.kz/doc).", "Далее новости."]),
    # an italic two-sentence photo credit, with underscores and with stars
    ("_Фото: Айдар Беков. Источник: пресс-служба акимата._ Завод открыт.",
     ["_Фото: Айдар Беков. Источник: пресс-служба акимата._", "Завод открыт."]),
    ("*Фото: Айдар Беков. Источник: пресс-служба.* Завод открыт.",
     ["*Фото: Айдар Беков. Источник: пресс-служба.*", "Завод открыт."]),
    # strong with underscores, strikethrough, a code span, an image's alt text
    ("__Важно. Прочтите до конца.__ Текст.", ["__Важно. Прочтите до конца.__", "Текст."]),
    ("~~Старая цена. Новая цена.~~ Цены обновлены.", ["~~Старая цена. Новая цена.~~", "Цены обновлены."]),
    ("Команда `git log. Затем push` выводит историю. Готово.",
     ["Команда `git log. Затем push` выводит историю.", "Готово."]),
    ("Схема ![Завод. Вид сверху](plan.png) приложена. Далее.", ["Схема ![Завод. Вид сверху](plan.png) приложена.", "Далее."]),
    # spans nested in spans, and a span that starts mid-sentence and ends in the next
    ("**Итоги года. [Отчёт. Полная версия](https://x.kz/r)** опубликованы. Далее.",
     ["**Итоги года. [Отчёт. Полная версия](https://x.kz/r)** опубликованы.", "Далее."]),
    ("Он сказал *это важно. Очень важно* и ушёл. Конец.", ["Он сказал *это важно. Очень важно* и ушёл.", "Конец."]),
    # spans within one sentence change nothing; boundaries outside spans stay
    ("Первое *слово*. Второе **слово**. Третье.", ["Первое *слово*.", "Второе **слово**.", "Третье."]),
    # literal stars and brackets that make no span are text
    ("Оценка 5 * 3 = 15. Далее [без ссылки. Текст.", ["Оценка 5 * 3 = 15.", "Далее [без ссылки.", "Текст."]),
    ("Экранированная \\*звезда. Дальше\\* текст.", ["Экранированная \\*звезда.", "Дальше\\* текст."]),
])
def test_no_boundary_inside_an_inline_span(text, expected):
    assert md_segments(text) == expected


def test_every_segment_renders_its_own_markup(tmp_path):
    """Each segment, rendered on its own as publishing does, shows no literal markup."""
    path = tmp_path / "lead.ru.md"
    path.write_text(
        "# Итоги\n\n"
        "**Соглашение подписали в Астане. Завод откроют в 2026 году.** Об этом сообщили в министерстве.\n\n"
        "Подробнее [на сайте министерства. Там же опубликован договор](https://gov.kz/doc).\n\n"
        "*Фото: Айдар Беков. Источник: пресс-служба.*\n", encoding="utf-8")
    article = read_article(path)
    for segment in article.segments:
        assert not inline_markup(segment.text).literal, segment.text
        html = str(to_html(segment.text, "md"))
        assert "**" not in html and "](" not in html and "*" not in html
    texts = [s.text for s in article.segments]
    assert "**Соглашение подписали в Астане. Завод откроют в 2026 году.**" in texts


SENTENCE = st.sampled_from([
    "Завод откроют в 2026 году.", "Соглашение подписали в Астане.", "Об этом сообщили в министерстве!",
    "Работы начнутся весной?", "Проект стоит 2,5 млрд тенге.", "Аким области встретился с жителями.",
])
WRAP = st.sampled_from([("**", "**"), ("*", "*"), ("_", "_"), ("__", "__"), ("~~", "~~"), ("`", "`"),
                        ("[", "](https://gov.kz/a)"), ("", "")])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(SENTENCE, min_size=1, max_size=3), WRAP), min_size=1, max_size=4))
@example([(["Завод откроют в 2026 году.", "Соглашение подписали в Астане."], ("**", "**"))])
def test_spans_survive_segmentation(runs):
    """Sentences wrapped run by run in any span: every segment holds whole spans, none cut."""
    paragraph = " ".join(f"{left}{' '.join(run)}{right}" for run, (left, right) in runs)
    segments = md_segments(paragraph)
    assert " ".join(segments) == normalize_paragraph(paragraph, "ru")
    whole = inline_markup(paragraph)
    assert not whole.literal
    for segment in segments:
        assert not inline_markup(segment).literal, segment
    assert sum((inline_markup(s).spans for s in segments), start=whole.spans.__class__()) == whole.spans


# ---------------------------------------------------------------- lists and brackets
@pytest.mark.parametrize("lang, text, expected", [
    # item numbers inside a running sentence: no boundary after the number
    ("ru", "Приоритеты: 1. Развитие дорог; 2. Энергетика; 3. Цифровизация.", None),
    ("ru", "Места распределились так: 1. Казахстан, 2. Узбекистан, 3. Кыргызстан.", None),
    ("ru", "Этапы: 1.1. Проектирование; 1.2. Строительство.", None),
    ("ru", "Лоты: № 1. Поставка труб; № 2. Поставка насосов.", None),
    ("ru", "Разделы: I. Общие положения; II. Права сторон; III. Ответственность.", None),
    ("ru", "Задачи: 1) Построить дороги; 2) Открыть школы.", None),
    ("ru", "Задачи: а) Построить дороги; б) Открыть школы.", None),
    ("ru", "Варианты: А. Оставить как есть; Б. Перестроить.", None),
    ("kk", "Басымдықтар: 1. Жол құрылысы; 2. Энергетика; 3. Цифрландыру.", None),
    # … while a number, numeral or document number that ends a sentence still ends it
    ("ru", "Год основания: 1995. Штат: 300 человек.", ["Год основания: 1995.", "Штат: 300 человек."]),
    ("ru", "Об этом говорится в приказе № 5. Документ вступает в силу.",
     ["Об этом говорится в приказе № 5.", "Документ вступает в силу."]),
    ("ru", "Это произошло при Николае II. Затем началась война.",
     ["Это произошло при Николае II.", "Затем началась война."]),
    ("ru", "Итоги: 1. Дороги построены. 2. Школы открыты.", ["Итоги: 1. Дороги построены.", "2. Школы открыты."]),
    ("ru", "Счёт матча 2:1. Следующая игра в мае.", ["Счёт матча 2:1.", "Следующая игра в мае."]),
    # brackets: no boundary inside unless the bracketed text is a run of full sentences
    ("ru", "Препарат зарегистрирован (свидетельство выдано в РК. Регистрационный номер 3333) и поступит в аптеки.", None),
    ("ru", "Заявку подали (подробнее на сайте. Срок — до мая), её рассмотрят.", None),
    ("ru", "Сделка закрыта. (Сумма не раскрывается. Стороны довольны.) Акции выросли.",
     ["Сделка закрыта.", "(Сумма не раскрывается.", "Стороны довольны.)", "Акции выросли."]),
    ("ru", "Проект одобрен [см. приложение. Раздел 2] и опубликован.", None),
    # quotes, nested «„“», English and straight quotes
    ("ru", "«Мы построим завод. Он откроется в мае», — сказал министр.", None),
    ("ru", "«Он сказал: „Работа идёт. Сроки соблюдены“, и ушёл», — пишет газета.", None),
    ("ru", "“Завод построен. Он работает”, — отметили в компании.", None),
    ('ru', '"Продукция уйдёт в концерн. В 2018 году он стал акционером", – отметили в МИИР.', None),
    ("ru", "Министр заявил: «Завод построен. Он работает.» Затем ответил на вопросы.",
     ["Министр заявил: «Завод построен.", "Он работает.»", "Затем ответил на вопросы."]),
    ("kk", "«Зауыт салынды. Ол мамырда ашылады», – деді министр.", None),
    # an unclosed quotation (it runs on into the next paragraph) restricts nothing
    ("ru", "«Мы начали работу. Закончим в срок.", ["«Мы начали работу.", "Закончим в срок."]),
    # an enumeration's lone closing bracket restricts nothing either
    ("ru", "1) Дороги построены. 2) Школы открыты.", ["1) Дороги построены.", "2) Школы открыты."]),
])
def test_item_numbers_brackets_and_quotes(lang, text, expected):
    assert split_sentences(text, lang) == (expected or [text])


# ---------------------------------------------------------------- Kazakh boundaries
@pytest.mark.parametrize("text, expected", [
    ("Былтырғы экспорт көлемі – 4 млн. 2024 жылы ол 5 млн тоннаға жетті.",
     ["Былтырғы экспорт көлемі – 4 млн.", "2024 жылы ол 5 млн тоннаға жетті."]),
    ("Дүкенде ұн, қант, май т.б. 30 түрлі тауар арзандатылды.", ["Дүкенде ұн, қант, май т.б.", "30 түрлі тауар арзандатылды."]),
    ("Жобаға бөлінген қаржы – 12 млрд. ҚР Үкіметі қосымша қаржы бөлуді ұсынды.",
     ["Жобаға бөлінген қаржы – 12 млрд.", "ҚР Үкіметі қосымша қаржы бөлуді ұсынды."]),
    ("Қарыз сомасы 2 млрд. АҚШ долларын құрады.", None),
    ("Кеме жүгі 12 т. 500 кг болды.", None),
    ("Бағасы 1 млн. 300 мың теңге.", None),
    ("Кездесу сағ. 15.00-де өтеді.", None),
    ("Құжаттарды мыс. электронды түрде тапсыруға болады.", None),
    ("Қорымдағы обалар б.з.б. V–III ғғ. жатады.", None),
    ("Археологтар 1998–2002 жж. қазба жүргізді.", None),
    ("Іс-шараға ғалымдар т.с.с. қатысты. – Жоспар орындалды, – деді әкім.",
     ["Іс-шараға ғалымдар т.с.с. қатысты.", "– Жоспар орындалды, – деді әкім."]),
])
def test_kazakh_abbreviations_digits_and_dashes(text, expected):
    assert split_sentences(text, "kk") == (expected or [text])
