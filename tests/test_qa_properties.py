"""Properties over generated input: checks never crash, and numbers survive locale formatting."""
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st
from qa_support import problems

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.registry import all_checks

TEXT = st.text(alphabet=st.sampled_from(list("Аб Нy12,.5%«»“”\"()-–#@:/ әқ thewww\n")), max_size=60)


def _flagging(source: str, target: str, ctx: CheckContext) -> set[str]:
    """Names of the checks that find something in the pair."""
    return {check.name for check in all_checks().values() for _ in check.func(source, target, ctx)}


@settings(max_examples=150, deadline=None)
@given(source=TEXT.filter(lambda s: s.strip() and s == s.strip()), target=TEXT.filter(lambda t: t.strip() and t == t.strip()),
       lang=st.sampled_from(["en", "kk"]))
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
