"""Issue 23 item 7: QA never crashes a command, compares numbers of any size exactly, and does not
cry wolf (a rendered ellipsis, digit groups, a link localised by the translator, a URL's ``kk``)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run
from qa_project import entry, write_po
from qa_support import problems, severities

from translate_pipeline.review.qa.registry import CHECKS, Check

DIGITS_26 = "12345678901234567890123456"
DIGITS_60 = "123456789012345678901234567890123456789012345678901234567890"


def _article(root: Path, *sentences: str) -> None:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "articles" / "big.ru.txt").write_text("\n\n".join(sentences) + "\n", "utf-8")


# --- numbers of any size ----------------------------------------------------------------------

@pytest.mark.parametrize("digits", [DIGITS_26, DIGITS_60, "9" * 29 + ",75", "1" * 100])
def test_a_number_of_any_size_missing_in_the_target_is_a_finding(digits):
    found = problems("numbers", f"Долг составил {digits} рублей.", "The debt was large.")
    assert len(found) == 1 and "is missing in the target" in found[0]
    expected = found[0].split("(expected ")[1].rstrip(")")
    assert expected.replace(",", "") == digits.replace(",", ".")  # every digit, exactly


@pytest.mark.parametrize("digits", [DIGITS_26, DIGITS_60])
def test_numbers_of_any_size_are_compared_exactly(digits):
    source = f"Долг составил {digits} рублей."
    assert problems("numbers", source, f"The debt was {digits} roubles.") == []
    off_by_one = str(int(digits) + 1)  # differs in the last digit only: a float or a 28-digit context would miss it
    found = problems("numbers", source, f"The debt was {off_by_one} roubles.")
    assert f"number '{digits}' is missing in the target" in found[0]


@pytest.mark.parametrize("lang, scaled", [("en", "billion"), ("kk", "миллиард")])
def test_a_huge_number_with_a_scale_word_is_exact(lang, scaled):
    """26 digits × 10^9 = 35 digits: beyond the default decimal context's 28."""
    source = f"Сумма {DIGITS_26} млрд тенге."
    assert problems("numbers", source, f"The sum is {DIGITS_26} {scaled} tenge.", lang) == []
    grouped = f"{int(DIGITS_26) * 10**9:,}".replace(",", "," if lang == "en" else "\u00a0")
    assert problems("numbers", source, f"Total {grouped} tenge.", lang) == []


# --- a check that raises ------------------------------------------------------------------------

def _raising(monkeypatch) -> None:
    def boom(source, target, ctx):
        if "взорвётся" in source:
            raise ValueError("cannot read this\nsecond line")
        return iter(())

    monkeypatch.setitem(CHECKS, "numbers", Check("numbers", boom, "error", True, "numbers"))


def _project_with(tmp_path: Path, source: str, target: str) -> Path:
    root = tmp_path / "project"
    _article(root, source, "Второе предложение.")
    write_po(root, "en", "big", [entry(source, target, 1), entry("Второе предложение.", "The second sentence.", 3)])
    write_po(root, "kk", "big", [entry(source, target, 1), entry("Второе предложение.", "Екінші сөйлем.", 3)])
    return root


def test_a_check_that_raises_is_a_finding_for_that_entry_only(tmp_path, monkeypatch):
    _raising(monkeypatch)
    root = _project_with(tmp_path, "Это взорвётся.", "This blows up.")
    result = run(root, "check", "--lang", "en", "--format", "json")
    assert result.exit_code == 1  # an entry nobody could check is not passed
    findings = json.loads(result.stdout)["findings"]
    failed = [f for f in findings if f["check"] == "check-failed"]
    assert len(failed) == 1 and failed[0]["msgid"] == "Это взорвётся." and failed[0]["severity"] == "error"
    assert failed[0]["message"] == ("the numbers check failed on this entry (ValueError: cannot read this); "
                                    "check it by hand")
    stats = run(root, "stats", "--lang", "en")
    assert stats.exit_code == 0 and "Traceback" not in stats.stdout + stats.stderr
    published = run(root, "publish", "--check")
    assert "Traceback" not in published.stdout + published.stderr and published.exit_code == 1


def test_check_failed_severity_can_be_set_but_not_disabled(tmp_path, monkeypatch):
    _raising(monkeypatch)
    root = _project_with(tmp_path, "Это взорвётся.", "This blows up.")
    (root / "translate-pipeline.toml").write_text('[qa.severity]\ncheck-failed = "warning"\n', "utf-8")
    assert run(root, "check", "--lang", "en").exit_code == 0
    (root / "translate-pipeline.toml").write_text('[qa]\ndisabled = ["check-failed"]\n', "utf-8")
    refused = run(root, "check", "--lang", "en")
    assert refused.exit_code == 3 and "check-failed cannot be disabled" in refused.stderr  # bad settings


@pytest.mark.parametrize("digits", [DIGITS_26, DIGITS_60])
def test_check_stats_and_publish_survive_a_huge_number(tmp_path, digits):
    """The quoted crash: a 26-digit number the translation lacks raised decimal.InvalidOperation in
    check, stats and publish alike."""
    source = f"Долг составил {digits} рублей."
    root = _project_with(tmp_path, source, "The debt was large.")
    result = run(root, "check", "--lang", "en")
    assert result.exit_code == 1 and f"number '{digits}' is missing in the target" in result.stdout
    assert "check-failed" not in result.stdout
    stats = run(root, "stats", "--lang", "en")
    assert stats.exit_code == 0 and "big" in stats.stdout
    published = run(root, "publish", "--check")
    assert published.exit_code == 1 and "Traceback" not in published.stderr


# --- loops that are not loops -------------------------------------------------------------------

@pytest.mark.parametrize("source, target", [
    ("Мы ждём…", "We are waiting..."),
    ("Мы ждём…", "We are waiting . . ."),
    ("Что?!", "What?!!"),
    ("Итого 1 млрд тенге.", "Total 1 000 000 000 tenge."),
    ("Итого 1 млрд тенге.", "Total 1,000,000,000 tenge."),
    ("Итого 1 трлн тенге.", "Total 1.000.000.000.000 tenge."),
    ("Код 2020 2020.", "Code 2020 2020 2020."),
    ("Счёт 1:1:1.", "Score 1 1 1 1."),
])
def test_digits_and_punctuation_the_source_has_are_not_a_loop(source, target):
    assert problems("mt-loop", source, target) == []


@pytest.mark.parametrize("source, target", [
    ("Да.", "Yes yes yes yes."),
    ("Да.", "Yes 7 7 7 7 7."),  # digits the source lacks still loop
    ("Кто?", "Who? Who? Who? Who?"),
])
def test_real_loops_are_still_found(source, target):
    assert problems("mt-loop", source, target)


# --- localised links ----------------------------------------------------------------------------

@pytest.mark.parametrize("source, target, lang", [
    ("Статья: https://ru.wikipedia.org/wiki/Казахстан.", "Мақала: https://kk.wikipedia.org/wiki/Қазақстан.", "kk"),
    ("См. https://www.gov.kz/ru/news/1", "See https://www.gov.kz/en/news/1", "en"),
    ("См. https://site.kz/news?lang=ru", "See https://site.kz/news?lang=en", "en"),
    ("См. https://site.kz/news", "See https://site.kz/en/news", "en"),
    ("См. https://site.kz/ru-RU/news", "Қараңыз: https://site.kz/kk-KZ/news", "kk"),
])
def test_a_localised_url_is_a_warning(source, target, lang):
    assert severities("urls", source, target, lang) == ["warning"]
    assert "was localised to" in problems("urls", source, target, lang)[0]


@pytest.mark.parametrize("source, target, lang", [
    ("См. https://site.kz/a", "See https://site.kz/en/b", "en"),  # another page, no language in the source
    ("См. https://ru.site.kz/a", "See https://other.kz/en/a", "en"),  # another site
    ("См. https://site.kz/ru/a", "See https://site.kz/de/a", "en"),  # not the target's language
    ("См. https://site.kz/ru/a", "See https://site.kz/ru/b", "en"),  # altered, not localised
])
def test_an_altered_url_is_still_an_error(source, target, lang):
    assert severities("urls", source, target, lang) == ["error"]


def test_a_localised_markdown_link_is_a_warning():
    source, target = "Смотрите [расписание](/ru/schedule).", "[Кестені](/kk/schedule) қараңыз."
    assert problems("markup", source, target, "kk") == [
        "link to '/ru/schedule' was localised to '/kk/schedule': check that the page exists"]
    assert severities("markup", source, target, "kk") == ["warning"]
    wrong = problems("markup", source, "[Кестені](/de/schedule) қараңыз.", "kk")
    assert wrong == ["link to '/ru/schedule' is missing or altered in the target",
                     "link to '/de/schedule' is not in the source"]


@pytest.mark.parametrize("source, target", [
    ("Статья: https://ru.wikipedia.org/wiki/Казахстан.", "Мақала: https://kk.wikipedia.org/wiki/Қазақстан."),
    ("Смотрите [расписание](/ru/schedule).", "[Кестені](/kk/schedule) қараңыз."),
    ("Пишите на press@miid.gov.kz.", "press@miid.gov.kz мекенжайына жазыңыз."),
    ("Сайт www.kamaz.kz/ru/", "Сайт www.kamaz.kz/kk/"),
])
def test_addresses_are_not_words_for_the_script_check(source, target):
    assert problems("script", source, target, "kk") == []
    assert problems("script", source, target + " see", "kk")  # a Latin word outside the address still counts
