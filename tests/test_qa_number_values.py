"""numbers compares values: scale words combined, dates and clock times — true errors stay errors."""
from __future__ import annotations

import pytest
from qa_support import problems

from translate_pipeline.review.qa.dates import find_moments


@pytest.mark.parametrize("source, target, lang", [
    ("Бюджет составил 13 млн 450 тыс. тенге.", "The budget was 13.45 million tenge.", "en"),
    ("Бюджет составил 13 млн 450 тыс. тенге.", "The budget was 13,450,000 tenge.", "en"),
    ("Бюджет составил 13 млн 450 тыс. тенге.", "The budget was 13 million 450 thousand tenge.", "en"),
    ("Бюджет составил 13 млн 450 тыс. тенге.", "Бюджет 13,45 миллион теңге болды.", "kk"),
    ("Выделено 1 млрд 200 млн тенге.", "1.2 billion tenge was allocated.", "en"),
    ("Он родился 12.03.1985.", "He was born on 12 March 1985.", "en"),
    ("Он родился 12.03.1985.", "He was born on March 12, 1985.", "en"),
    ("Он родился 12 марта 1985 года.", "He was born on 12 March 1985.", "en"),
    ("Он родился 12.03.1985.", "Ол 1985 жылғы 12 наурызда дүниеге келген.", "kk"),
    ("Указ подписан 1 сентября.", "The decree was signed on September 1.", "en"),
    ("Встреча начнётся в 15.00.", "The meeting will begin at 3 p.m.", "en"),
    ("Встреча начнётся в 15.00.", "The meeting will begin at 15:00.", "en"),
    ("Встреча начнётся в 15.00.", "Кездесу сағат 15.00-де басталады.", "kk"),
    ("Приём ведётся с 9.00 до 18.00.", "Reception is open from 9 a.m. to 6 p.m.", "en"),
    ("Приём ведётся с 9.00 до 18.00.", "Reception is open from 9:00 to 18:00.", "en"),
    ("Выделено 2,5 тыс. тенге.", "2,500 tenge was allocated.", "en"),
    ("Выделено 2,5 тыс.", "2,500 was allocated.", "en"),
    ("Выделено 2,5 тыс. тенге.", "2.5 thousand tenge was allocated.", "en"),
])
def test_the_same_value_written_another_way(source, target, lang):
    assert problems("numbers", source, target, lang=lang) == []


@pytest.mark.parametrize("source, target, message", [
    ("Рост составил 215,3 млрд тенге.", "Growth was 251.3 billion tenge.", "number '215,3 млрд' is missing"),
    ("Бюджет составил 13 млн 450 тыс. тенге.", "The budget was 13.54 million tenge.", "number '13 млн 450 тыс.' is missing"),
    ("Он родился 12.03.1985.", "He was born on 3 December 1985.", "date '12.03.1985' is missing in the target (expected 12 March 1985)"),
    ("Он родился 12.03.1985.", "He was born on 12 March 1958.", "date '12.03.1985' is missing"),
    ("Встреча начнётся в 15.00.", "The meeting will begin at 5 p.m.", "time '15.00' is missing in the target (expected 15:00)"),
    ("Встреча начнётся в 15.30.", "The meeting will begin at 3 p.m.", "time '15.30' is missing"),
])
def test_true_errors_stay_errors(source, target, message):
    found = problems("numbers", source, target, lang="en")
    assert any(m.startswith(message) for m in found), found


def test_a_decimal_with_a_dot_is_no_time():
    assert [m.kind for m in find_moments("Рост составил 15.30% за год.", "ru")] == []
    assert problems("numbers", "Он получил 5 млн 2 года назад.", "He received 5 million 2 years ago.") == []
