"""Sentences ending on a unit or date abbreviation; titles ending in «2026 г.» (issue: real news text)."""
from __future__ import annotations

import pytest
from qa_support import problems

from translate_pipeline.source.segment import ends_with_abbreviation, split_sentences


@pytest.mark.parametrize("text, sentences", [
    ("Комплекс площадью 120 тыс. кв. м. Строительство начнётся в мае.",
     ["Комплекс площадью 120 тыс. кв. м.", "Строительство начнётся в мае."]),
    ("Урожай составил 2 млн т. Экспорт вырос на 5%.", ["Урожай составил 2 млн т.", "Экспорт вырос на 5%."]),
    ("Добыча достигла 5 млрд куб. м. Газ идёт на экспорт.", ["Добыча достигла 5 млрд куб. м.", "Газ идёт на экспорт."]),
    ("Ввели 1,2 млн кв. м. Жилья стало больше.", ["Ввели 1,2 млн кв. м.", "Жилья стало больше."]),
    ("Собрали 2,5 тыс. т. Это рекорд.", ["Собрали 2,5 тыс. т.", "Это рекорд."]),
    ("Самыми яркими были фото из 1970-х. Мне нравится играть с этим.",
     ["Самыми яркими были фото из 1970-х.", "Мне нравится играть с этим."]),
    ("Комета прошла на расстоянии 6,2 а. е. В октябре её снова увидят.",
     ["Комета прошла на расстоянии 6,2 а. е.", "В октябре её снова увидят."]),
    ("Это пример класса на языке Objective-C. Композиция проста.",
     ["Это пример класса на языке Objective-C.", "Композиция проста."]),
    ("Он принимал витамин C. Затем стал здоровее.", ["Он принимал витамин C.", "Затем стал здоровее."]),
    ("Звезда принадлежит к спектральному классу S. В каталоге она одна.",
     ["Звезда принадлежит к спектральному классу S.", "В каталоге она одна."]),
])
def test_unit_and_word_endings_end_a_sentence(text, sentences):
    assert split_sentences(text, "ru") == sentences


@pytest.mark.parametrize("text", [
    "Площадь составила 120 тыс. кв. м. АО «КазМунайГаз» сообщило об этом.",  # before an acronym: runs on
    "Продано 2 млн т. е. вдвое больше, чем год назад.",
    "В 8 веке до н. э. Греция начала выходить из темных веков.",  # a date adverbial is no sentence
    "1 января 49 года до н. э. Марк Антоний прочел заявление Цезаря.",
    "В 2018 г. Алматы принял гостей.",
    "Плотность населения составляет 13 чел. / км2.",
    "Барри Гордон (род. 21 декабря 1948 г.) -- американский актёр.",
    "Писатель J. K. Rowling приехала в Москву.",
    "Безумно красиво! 😍😍😍",
])
def test_runs_on(text):
    assert split_sentences(text, "ru") == [text]


def test_kazakh_year_abbreviation_after_a_hyphen_still_runs_on():
    assert split_sentences("Бұл 1970-ж. Алматыда болды.", "kk") == ["Бұл 1970-ж. Алматыда болды."]
    assert split_sentences("Это было в 90-е. Затем всё изменилось.", "ru") == ["Это было в 90-е.", "Затем всё изменилось."]


@pytest.mark.parametrize("title, ends", [
    ("Итоги 2026 г.", True), ("Планы на 2026–2027 гг.", True), ("Площадь 120 тыс. кв. м.", True),
    ("Экспорт 2 млн т.", True), ("Города, сёла и т. д.", True), ("Завод открыт.", False), ("Аким А. Б.", False),
    ("Встреча прошла в г.", False),
])
def test_ends_with_abbreviation(title, ends):
    assert ends_with_abbreviation(title) is ends


def test_title_ending_on_year_abbreviation_needs_no_full_stop():
    assert problems("end-punctuation", "Инвестиции в экономику Казахстана в 2026 г.", "Investment in Kazakhstan in 2026") == []
    assert problems("end-punctuation", "Экспорт зерна превысил 2 млн т.", "Grain exports topped 2 million tonnes.") == []
    assert problems("end-punctuation", "Экспорт зерна превысил 2 млн т.", "Grain exports topped 2 million tonnes") == []
    # an ordinary full stop is still required, and another mark is still a finding
    assert problems("end-punctuation", "Завод открыт в 2026 году.", "The plant opened in 2026") != []
    assert problems("end-punctuation", "Итоги 2026 г.", "Results of 2026!") != []
