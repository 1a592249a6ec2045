import pytest
from glossary_fixtures import glossary, starter

from translate_pipeline.glossary.target_match import check_target, find_term

G = starter()


@pytest.mark.parametrize(
    "term, text",
    [
        ("akim", "The akim said"),
        ("akim", "Akims of the regions"),
        ("akim", "the akim's office"),
        ("akim", "the akims’ meeting"),
        ("MIID", "MIID's press service"),
        ("Republic of Kazakhstan", "the republic of Kazakhstan"),
        ("Kostanay region", "Kostanay Region"),
        ("DBK-Leasing", "DBK – Leasing JSC"),
        ("drive axle", "drive axles for trucks"),
        ("Ministry of Industry", "the ministry of industry"),
        ("special machinery", "Special Machinery"),
        ("final drive", "final drives"),
        ("CIS", "CIS countries"),
    ],
)
def test_english_inflection_and_case(term, text):
    assert find_term(term, text, "en")


@pytest.mark.parametrize(
    "term, text",
    [
        ("akim", "the akimat said"),  # another word
        ("MIID", "Miid said"),  # acronym case
        ("Kostanay region", "Kostanay regional"),
        ("CIS", "CISCO"),
    ],
)
def test_english_non_matches(term, text):
    assert not find_term(term, text, "en")


@pytest.mark.parametrize(
    "term, text",
    [
        ("әкім", "облыс әкімі"),
        ("әкім", "әкімнің айтуынша"),
        ("әкім", "әкімдер"),
        ("әкім", "әкімге"),
        ("әкімдік", "облыс әкімдігі"),
        ("әкімдік", "әкімдікте"),
        ("ҚДБ-Лизинг", "ҚДБ-Лизингтің басшысы"),
        ("ҚДБ-Лизинг", "«ҚДБ-Лизинг» АҚ"),
        ("ҚР", "ҚР-ның Үкіметі"),
        ("ИИДМ", "ИИДМ-нің мәліметінше"),
        ("Қостанай облысы", "Қостанай облысының әкімі"),
        ("Қостанай облысы", "Қостанай облысындағы зауыт"),
        ("Үкімет", "Үкіметтің отырысы"),
        ("жетекші көпір", "жетекші көпірлерін"),
    ],
)
def test_kazakh_suffixes_on_the_last_word(term, text):
    assert find_term(term, text, "kk")


@pytest.mark.parametrize(
    "term, text",
    [
        ("әкім", "облыс әкімдігі"),  # akimat, not akim
        ("ҚР", "ҚРМ"),
        ("Қостанай облысы", "Қостанай қаласы"),
        ("ТМД", "тмд"),
    ],
)
def test_kazakh_non_matches(term, text):
    assert not find_term(term, text, "kk")


def test_do_not_translate_terms_must_stay_unchanged():
    source = "Автомобили Нyundai и Daimler AG"
    assert all(c.ok for c in G.check(source, "Hyundai and Daimler AG cars", "en"))
    checks = {c.concept.id: c for c in G.check(source, "Нyundai and daimler ag cars", "en")}
    assert checks["hyundai"].found is None  # homoglyph copied through is not the brand
    assert checks["daimler"].found is None  # case changed
    assert all(c.ok for c in G.check(source, "Hyundai мен Daimler AG-дің көліктері", "kk"))
    # a listed source spelling of a do-not-translate name is accepted too
    assert [c.ok for c in G.check("концерн Daimler", "the Daimler group", "en")] == [True]


def test_forbidden_variants_are_flagged_even_beside_the_right_term():
    source = "производство ведущих мостов"
    (check,) = G.check(source, "production of drive axles (leading bridges)", "en")
    assert check.found == "drive axles" and check.forbidden == ("leading bridge",) and not check.ok
    (check,) = G.check(source, "production of leading bridges", "en")
    assert check.found is None and not check.ok


def test_variants_are_accepted():
    (check,) = G.check("МИИР сообщил", "The Ministry of Industry and Infrastructure Development reported", "en")
    assert check.ok


def test_check_target_skips_concepts_without_a_term_in_the_language():
    g = glossary("ru,en,kk\nглавная передача,final drive,\nаким,akim,әкім\n")
    concepts = g.concepts("аким и главная передача")
    assert [c.concept.id for c in check_target(concepts, "әкім", "kk")] == ["аким"]
    assert [c.ok for c in check_target(concepts, "akim and the main gear", "en")] == [True, False]
