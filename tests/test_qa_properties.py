"""Properties over generated input: checks never crash, and numbers survive locale formatting."""
from decimal import Context, Decimal, localcontext

from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st
from qa_support import problems

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.registry import CHECK_FAILED, all_checks
from translate_pipeline.review.qa.runner import run_checks

TEXT = st.text(alphabet=st.sampled_from(list("Аб Нy12,.5%«»“”\"()-–#@:/ әқ thewww\n")), max_size=60)


def _flagging(source: str, target: str, ctx: CheckContext) -> set[str]:
    """Names of the checks that find something in the pair."""
    return {check.name for check in all_checks().values() for _ in check.func(source, target, ctx)}


@settings(max_examples=150, deadline=None)
@given(source=TEXT.filter(lambda s: s.strip() and s == s.strip()), target=TEXT.filter(lambda t: t.strip() and t == t.strip()),
       lang=st.sampled_from(["en", "kk"]))
@example(source="11111111111111111111111111", target="Аб", lang="en").via(
    "issue 23: a 26-digit number the target lacks raised decimal.InvalidOperation (Babel format_decimal)")
@example(source="Аб 1111111111111111111111111111,5 #", target="the", lang="kk").via("the same in Kazakh notation")
@example(source="111", target="11111111111111111111111111111", lang="en").via(
    "issue 23: the leading space made a 29-character output 30, over mt-loop's 3 × 3 + 20 length bound")
def test_a_leading_space_changes_only_the_whitespace_finding(source, target, lang):
    """Metamorphic: padding the translation touches no check but the one about padding."""
    ctx = CheckContext(target_lang=lang, glossary=lambda s, t, l: [])
    clean, padded = _flagging(source, target, ctx), _flagging(source, " " + target, ctx)
    assert padded - clean == {"whitespace"} - clean
    assert clean - padded == set()
    assert "whitespace" in padded


AMOUNT = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999999"), places=1)


@settings(max_examples=150, deadline=None)
@given(value=AMOUNT, lang=st.sampled_from(["en", "kk"]))
def test_a_number_formatted_by_the_target_locale_is_accepted(value, lang):
    source = f"Объем составил {format_decimal(value, locale='ru')} тонн, рост – {format_decimal(value, locale='ru')} тысяч."
    target = (
        f"The volume was {format_decimal(value, locale=lang)} tonnes, "
        f"growth {format_decimal(value * 1000, locale=lang)} in all."
    )
    assert problems("numbers", source, target, lang) == []


@settings(max_examples=100, deadline=None)
@given(value=AMOUNT.filter(lambda v: v != v.to_integral_value()))
def test_a_russian_decimal_comma_is_never_english(value):
    ru = format_decimal(value, locale="ru")
    found = problems("numbers", f"Рост составил {ru} %.", f"Growth was {ru}%.")
    assert found and "not English number notation" in found[0]


HUGE = st.integers(min_value=0, max_value=10**100)
WORDS = st.sampled_from(["Долг", "составил", "млрд", "тыс.", "рублей", "%", "–", "и", ",", "."])


@st.composite
def _with_numbers(draw, lang: str) -> str:
    """Text with numbers of any size in ``lang``'s notation (grouped or not, with decimals)."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            with localcontext(Context(prec=400)):  # the test's own formatting must not be the one to fail
                value = Decimal(draw(HUGE)) / 10 ** draw(st.integers(0, 3))
                parts.append(format_decimal(value, locale=lang, decimal_quantization=False,
                                            group_separator=draw(st.booleans())))
        else:
            parts.append(draw(WORDS))
    return " ".join(parts)


@st.composite
def _pairs(draw) -> tuple[str, str, str]:
    lang = draw(st.sampled_from(["en", "kk"]))
    return draw(_with_numbers("ru")), draw(_with_numbers(lang)), lang


@settings(max_examples=100, deadline=None)
@given(case=_pairs())
@example(case=("Долг составил 12345678901234567890123456 рублей.", "The debt was large.", "en")).via(
    "issue 23: the quoted crash, 26 digits")
@example(case=("Сумма 123456789012345678901234567890123456789012345678901234567890 млрд", "Барлығы", "kk")).via(
    "60 digits times a billion")
def test_no_check_raises_on_numbers_of_any_size(case):
    source, target, lang = case
    ctx = CheckContext(source_lang="ru", target_lang=lang, glossary=lambda s, t, l: [])
    failed = [p.message for check, p in run_checks(source, target, ctx, all_checks().values()) if check is CHECK_FAILED]
    assert failed == []
