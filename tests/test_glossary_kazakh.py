"""Kazakh terms in every inflected form (issue 24), in translations and in Kazakh source text,
and acronyms inside hyphenated compounds."""
from __future__ import annotations

import pytest
from glossary_fixtures import glossary, hits

from translate_pipeline.glossary import Glossary
from translate_pipeline.glossary.kazakh import analyses, forms, izafet_bases
from translate_pipeline.glossary.target_match import find_term
from translate_pipeline.glossary.termbase import parse

# term in its dictionary form, an inflected form in running text
INFLECTED = [
    # vowel elision in the last syllable before a vowel-initial suffix
    ("халық", "Қазақстан халқына Жолдау жарияланды."),
    ("халық", "Ел халқының саны 20 миллионнан асты."),
    ("халық", "Халқымыздың салт-дәстүрі сақталған."),
    ("орын", "Жаңа орны дайын болды."),
    ("орын", "Ол өз орнын тапты."),
    ("ауыз", "Баланың аузы ашылды."),
    ("мұрын", "Мұрны бітіп қалды."),
    ("қауіп", "Су тасқынының қаупі сейілді."),
    # final к/қ/п voiced before a vowel
    ("кітап", "Жазушының жаңа кітабы шықты."),
    ("жүрек", "Қаланың жүрегінде саябақ ашылды."),
    ("тарақ", "Тарағын ұмытып кетті."),
    ("әкімдік", "Облыс әкімдігінің баспасөз қызметі хабарлады."),
    ("министрлік", "Министрліктерге тапсырма берілді."),
    # harmony and assimilation of the suffix consonant
    ("әкім", "Әкімнің орынбасары қатысты."),
    ("әкім", "Аудан әкімдері жиналды."),
    ("облыс", "Облыстағы ахуал тұрақты."),
    ("облыс", "Облыстарымыздың өкілдері келді."),
    ("кеңес", "Кеңестен кейін шешім қабылданды."),
    ("ел", "Елімізге инвестиция келді."),
    ("су", "Судың сапасы тексерілді."),
    ("компания", "Компанияның акциялары өсті."),
    ("банк", "Банкі несие берді."),
    ("президент", "Президентпен кездесу өтті."),
    ("жол", "Жолдарды жөндеу басталды."),
    # loans: u after a consonant is a back vowel, a soft sign and a doubled consonant go before a suffix
    ("институт", "Ол экономикалық институтын бітірген."),
    ("фестиваль", "Театр фестивалы өткізілді."),
    ("процесс", "Компания осы процеске қатысады."),
    ("Назарбаев", "Назарбаевтың төрағалығымен өтті."),
    ("мүлік", "Компаниялар мүлкі мемлекетке өтті."),
    ("сөз", "Сөзбен жеткізу қиын."),
    # multi-word terms: the last word inflects, the others stay
    ("жұмыс орны", "Биыл 500 жұмыс орындары ашылды."),
    ("жұмыс орны", "Жаңа жұмыс орнына орналасты."),
    ("Қостанай облысы", "Қостанай облысындағы зауыт іске қосылды."),
    ("Қостанай облысы", "Қостанай облысының әкімі сөйледі."),
    ("баспасөз қызметі", "Министрліктің баспасөз қызметінен хабарлады."),
    ("Қазақстан Республикасы", "Қазақстан Республикасының Президенті"),
    ("жетекші көпір", "Жетекші көпірлерді шығару басталды."),
    ("шойын құю", "Шойын құюға арналған цех салынды."),
]

# a word that merely starts like the term is not the term
NOT_INFLECTED = [
    ("әкім", "Облыс әкімдігі хабарлады."),  # derivation: the akimat, not the akim
    ("салық", "Ауа райы салқын болады."),  # салық does not elide: салқын is "cool"
    ("ат", "Менің атам келді."),  # ата "grandfather": the dative of ат is атқа
    ("ел", "Елші сенім грамотасын тапсырды."),  # ambassador
    ("ойын", "Балалар ойнады."),  # ойын does not elide
    ("жұмыс орны", "Жұмыс орын алды."),  # the compound keeps its possessive
    ("облыс", "Облысаралық жарыс өтті."),
    ("кітап", "Кітапхана жабылды."),
]


@pytest.mark.parametrize("term, text", INFLECTED)
def test_kazakh_term_found_in_inflected_translation(term, text):
    assert find_term(term, text, "kk"), term


@pytest.mark.parametrize("term, text", NOT_INFLECTED)
def test_kazakh_term_not_found_in_another_word(term, text):
    assert find_term(term, text, "kk") is None


def test_the_issue_example_is_no_longer_a_false_glossary_error():
    g = glossary("id,ru,kk\npeople,народ,халық\nmessage,послание,Жолдау\n")
    checks = {c.concept.id: c for c in g.check("Послание народу Казахстана.", "Қазақстан халқына Жолдау", "kk")}
    assert checks["people"].ok and checks["people"].found == "халқына"
    assert checks["message"].ok


def test_forms_and_analyses_agree():
    """Generation and analysis are one morphology: every form analyses back to its base."""
    for base in ["халық", "орын", "кітап", "әкім", "облыс", "компания", "су", "ауыз", "банк", "жол"]:
        for form in forms(base):
            assert base in {b for b, _ in analyses(form)}, (base, form)


def test_izafet_bases():
    assert izafet_bases("орны") == {"орын"}
    assert "облыс" in izafet_bases("облысы")
    assert izafet_bases("министрлігі") == {"министрлік"}
    assert "республика" in izafet_bases("Республикасы")
    assert izafet_bases("облыс") == set()


KK_SOURCE = Glossary(parse(
    "id,kk,en\npeople,халық,people\nplace,жұмыс орны,job\nregion,Қостанай облысы,Kostanay region\n"
    "book,кітап,book\nakim,әкім,akim\nrk,ҚР,RK\nfood,азық-түлік,food\ncustom,дәстүр,tradition\n"
    "persian,парсы,Persian\nminister,министр,minister\n", source_lang="kk"))


@pytest.mark.parametrize("text, expected", [
    ("Қазақстан халқына Жолдау.", [("халқына", "people")]),
    ("Биыл 500 жұмыс орындары ашылды.", [("жұмыс орындары", "place")]),
    ("Жаңа жұмыс орнына орналасты.", [("жұмыс орнына", "place")]),
    ("Қостанай облысындағы зауыт.", [("Қостанай облысындағы", "region")]),
    ("Жазушының кітабы шықты.", [("кітабы", "book")]),
    ("Әкімнің орынбасары.", [("Әкімнің", "akim")]),
    ("ҚР-ның Үкіметі.", [("ҚР", "rk")]),
    ("Облыс әкімдігі хабарлады.", []),
    ("Жұмыс орын алды.", []),
    ("Кітапхана жабылды.", []),
    # a paired word (қос сөз) of two lower-case words: each part is a word, a hyphenated term wins
    ("Халықтық салт-дәстүрлерде жатыр.", [("дәстүрлерде", "custom")]),
    ("Бірлескен ағылшын-парсы компаниясы құрылды.", [("парсы", "persian")]),
    ("Азық-түлік бағасы өсті.", [("Азық-түлік", "food")]),
    ("Премьер-Министрге есеп береді.", []),  # a capitalised part: one name
])
def test_kazakh_source_matching(text, expected):
    """A Kazakh source (source_lang = "kk") finds its terms in every form too."""
    assert [(t, c) for t, c in hits(KK_SOURCE, text)] == expected


ACRONYMS = glossary(
    "id,ru,en,kk\ncis,СНГ,CIS,ТМД\nmiid,МИИР,MIID,ИИДМ\ndbk,БРК,DBK,ҚДБ\njsc,АО,JSC,АҚ\nsk,СК,SK,СК\n")


@pytest.mark.parametrize("text, expected", [
    ("Заседание СНГ-комиссии прошло в Астане.", [("СНГ", "cis")]),
    ("МИИР-овский проект одобрен.", [("МИИР", "miid")]),
    ("Эксперты обсудили МИИР-овские инициативы.", [("МИИР", "miid")]),
    ("БРК-овская программа продлена.", [("БРК", "dbk")]),
    ("Сотрудник АО-банка уволен.", [("АО", "jsc")]),
    ("Состоялась встреча СНГ–экспертов.", [("СНГ", "cis")]),
    ("СК-Фармация закупит лекарства.", []),  # a capitalised second part: a company's name
    ("Проект «Казахстан–СК» одобрен.", []),  # the acronym ends a compound
])
def test_acronym_in_hyphenated_compound_is_the_term(text, expected):
    assert hits(ACRONYMS, text) == expected


@pytest.mark.parametrize("source, translation, lang, ok", [
    ("Заседание СНГ-комиссии прошло.", "The CIS commission met.", "en", True),
    ("Заседание СНГ-комиссии прошло.", "The commission met.", "en", False),
    ("Заседание СНГ-комиссии прошло.", "ТМД комиссиясының отырысы өтті.", "kk", True),
    ("МИИР-овский проект одобрен.", "The MIID-led project was approved.", "en", True),
    ("МИИР-овский проект одобрен.", "ИИДМ-нің жобасы мақұлданды.", "kk", True),
    ("БРК-овская программа продлена.", "ҚДБ бағдарламасы ұзартылды.", "kk", True),
    ("БРК-овская программа продлена.", "Бағдарлама ұзартылды.", "kk", False),
])
def test_acronym_in_hyphenated_compound_is_checked_in_the_target(source, translation, lang, ok):
    (check,) = ACRONYMS.check(source, translation, lang)
    assert check.ok is ok
