"""numbers: values, notation, scale words, percentages, years and ranges across ru/en/kk."""
from decimal import Decimal

import pytest
from qa_support import problems, severities

from translate_pipeline.review.qa.numbers import extract_numbers, parse_number

JOBS_RU = "В ходе реализации соглашения откроют свыше 2,5 тысяч новых высококвалифицированных рабочих мест."
CARS_RU = "На первоначальном этапе планируют выпускать 30 тысяч машин в год."
EXPORT_RU = "Продукция, производимая на заводах, будет на 100% экспортоориентированной."
YEAR_RU = "В 2018 году немецкий концерн стал акционером компании."


@pytest.mark.parametrize(
    "token, lang, value",
    [("2,5", "ru", "2.5"), ("2.5", "en", "2.5"), ("2,5", "kk", "2.5"), ("2,500", "en", "2500"),
     ("2 500", "kk", "2500"), ("2\u00a0500", "ru", "2500"), ("2018", "en", "2018"), ("1,000.5", "en", "1000.5")],
)
def test_parse_number_in_locale_notation(token, lang, value):
    assert parse_number(token, lang) == Decimal(value)


@pytest.mark.parametrize("token, lang", [("2,5", "en"), ("2.5", "kk"), ("2.5", "ru"), ("2 500", "en"), ("25,00", "en")])
def test_parse_number_rejects_other_notation(token, lang):
    assert parse_number(token, lang) is None


def test_scaled_source_number_has_its_full_value():
    [number] = extract_numbers(JOBS_RU, "ru")
    assert number.text == "2,5 тысяч" and number.values == {Decimal(2500)}


@pytest.mark.parametrize(
    "target, lang",
    [
        ("More than 2,500 new highly skilled jobs will be created under the agreement.", "en"),
        ("More than 2.5 thousand new highly skilled jobs will be created under the agreement.", "en"),
        ("Келісімді іске асыру барысында 2,5 мыңнан астам жаңа жұмыс орны ашылады.", "kk"),
        ("Келісімді іске асыру барысында 2 500-ден астам жаңа жұмыс орны ашылады.", "kk"),
    ],
)
def test_scaled_number_accepted_in_target_notation(target, lang):
    assert problems("numbers", JOBS_RU, target, lang) == []


def test_russian_decimal_comma_in_english_is_a_notation_error():
    found = problems("numbers", JOBS_RU, "More than 2,5 thousand new highly skilled jobs will be created.")
    assert found == ["'2,5' is not English number notation; English writes '2.5'"]


def test_english_decimal_point_in_kazakh_is_a_notation_error():
    found = problems("numbers", JOBS_RU, "Келісім бойынша 2.5 мыңнан астам жаңа жұмыс орны ашылады.", "kk")
    assert found == ["'2.5' is not Kazakh number notation; Kazakh writes '2,5'"]


def test_scale_word_dropped_is_a_missing_number():
    found = problems("numbers", JOBS_RU, "More than 2.5 new highly skilled jobs will be created.")
    assert found[0] == "number '2,5 тысяч' is missing in the target (expected 2,500)"
    assert severities("numbers", JOBS_RU, "More than 2.5 new highly skilled jobs will be created.") == [None, "warning"]


@pytest.mark.parametrize(
    "target",
    ["At the initial stage, they plan to produce 30,000 vehicles a year.",
     "At the initial stage, they plan to produce 30 thousand vehicles a year."],
)
def test_thirty_thousand_true_negatives(target):
    assert problems("numbers", CARS_RU, target) == []


def test_thirty_thousand_with_space_grouping_is_not_english():
    found = problems("numbers", CARS_RU, "At the initial stage, they plan to produce 30 000 vehicles a year.")
    assert "number '30 тысяч' is missing in the target (expected 30,000)" in found


def test_wrong_magnitude_is_caught():
    found = problems("numbers", CARS_RU, "At first they plan to produce 3,000 vehicles a year.")
    assert found == [
        "number '30 тысяч' is missing in the target (expected 30,000)",
        "number '3,000' in the target is not in the source",
    ]


def test_percentage_kept_as_sign_or_word():
    assert problems("numbers", EXPORT_RU, "The products made at the plants will be 100% export-oriented.") == []
    assert problems("numbers", EXPORT_RU, "The products will be 100 percent export-oriented.") == []
    assert problems("numbers", EXPORT_RU, "Зауыттарда шығарылатын өнім 100 пайыз экспортқа бағытталады.", "kk") == []


def test_percentage_sign_lost():
    found = problems("numbers", EXPORT_RU, "The products will be 100 export-oriented.")
    assert found == ["'100%': the target has the number but not as a percentage"]


def test_year_kept_and_year_changed():
    assert problems("numbers", YEAR_RU, "In 2018, the German concern became a shareholder of the company.") == []
    assert problems("numbers", YEAR_RU, "2018 жылы неміс концерні компанияның акционері болды.", "kk") == []
    found = problems("numbers", YEAR_RU, "In 2019, the German concern became a shareholder of the company.")
    assert "number '2018' is missing in the target (expected 2018)" in found


def test_ranges_with_shared_scale_and_percent():
    source = "Зарплаты вырастут на 10–15%, а штат – до 2–3 тысяч человек."
    assert problems("numbers", source, "Salaries will rise by 10-15%, and the staff to 2-3 thousand people.") == []
    assert problems("numbers", source, "Salaries will rise by 10% to 15%, and staff to 2,000–3,000 people.") == []
    found = problems("numbers", source, "Salaries will rise by 10-15%, and the staff to 2-3 people.")
    assert found == ["number '3 тысяч' is missing in the target (expected 3,000)"]


def test_small_numbers_may_be_spelled_out():
    source = "В регионе построят 3 завода и 2 инженерных центра."
    assert problems("numbers", source, "Three plants and two engineering centres will be built in the region.") == []
    assert problems("numbers", source, "Өңірде үш зауыт пен екі инжиниринг орталығы салынады.", "kk") == []
    assert problems("numbers", source, "Plants and centres will be built in the region.") == [
        "number '3' is missing in the target (expected 3)",
        "number '2' is missing in the target (expected 2)",
    ]


def test_billions_and_millions():
    source = "Стоимость проекта составит 1,5 млрд тенге, из них 300 млн – частные инвестиции."
    assert problems("numbers", source, "The project will cost 1.5 billion tenge, of which 300 million is private investment.") == []
    assert problems("numbers", source, "Жобаның құны 1,5 млрд теңге, оның 300 миллионы – жеке инвестиция.", "kk") == []


def test_dates_times_and_model_names():
    source = "Самолет Ил-76 вылетел 26.11.2020 в 10:30."
    assert problems("numbers", source, "The Il-76 plane took off on 26.11.2020 at 10:30.") == []
    assert "number '76' is missing in the target (expected 76)" in problems("numbers", source, "The plane took off on 26.11.2020 at 10:30.")


def test_no_numbers_no_findings():
    source = "Документ подписали министр индустрии и аким Костанайской области."
    assert problems("numbers", source, "The document was signed by the minister of industry and the akim.") == []
