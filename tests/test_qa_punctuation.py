"""brackets (quotes and parentheses) and end-punctuation."""
from qa_support import problems

from translate_pipeline.review.qa.checks.punctuation import end_mark, unmatched

SIGNED_RU = "Документ подписали председатель правления АО “БРК – Лизинг” Нурлан Байбазаров и ПАО «КАМАЗ»."
QUOTE_RU = (
    '"Проекты являются первыми и стратегически важными шагами в развитии автокомпонентной базы", '
    "– говорится в сообщении."
)


def test_unmatched_counts_each_quote_style():
    assert unmatched("«Казахстан» и “КАМАЗ” и \"Hyundai\" и „вложенные“ (скобки)") == {"quotes": 0, "brackets": 0}
    assert unmatched("«Казахстан и “КАМАЗ” (скобки") == {"quotes": 1, "brackets": 1}
    assert unmatched("Казахстан» и скобки)") == {"quotes": 1, "brackets": 1}


def test_quotes_restyled_in_translation_are_fine():
    target = "The document was signed by the chairman of “DBK-Leasing” JSC Nurlan Baibazarov and \"KAMAZ\" PJSC."
    assert problems("brackets", SIGNED_RU, target) == []
    kk = "Құжатқа «ҚДБ-Лизинг» АҚ басқарма төрағасы Нұрлан Байбазаров және «КАМАЗ» ЖАҚ қол қойды."
    assert problems("brackets", SIGNED_RU, kk, "kk") == []


def test_quote_left_open_in_translation():
    target = '"The projects are the first and strategically important steps, the statement said.'
    assert problems("brackets", QUOTE_RU, target) == ["1 unpaired quotes in the target, 0 in the source"]
    kk = "«КАМАЗ ЖАҚ бас директоры Сергей Когогин қол қойды."
    assert problems("brackets", SIGNED_RU, kk, "kk") == ["1 unpaired quotes in the target, 0 in the source"]


def test_quotation_spanning_segments_matches_the_source():
    source = '"Продукция, производимая на заводах, будет на 100% экспортоориентированной.'
    assert problems("brackets", source, '"The products made at the plants will be 100% export-oriented.') == []
    assert problems("brackets", source, "The products made at the plants will be 100% export-oriented.") == [
        "0 unpaired quotes in the target, 1 in the source"
    ]


def test_bracket_mismatch():
    source = "Министерство индустрии и инфраструктурного развития (МИИР) сообщило об этом."
    assert problems("brackets", source, "The Ministry of Industry and Infrastructural Development (MIID) reported it.") == []
    assert problems("brackets", source, "The Ministry (MIID reported it.") == ["1 unpaired brackets in the target, 0 in the source"]


def test_end_mark_looks_through_closing_quotes():
    assert end_mark("– отметили в МИИР.") == "."
    assert end_mark('He said "it is global."') == "."
    assert end_mark("Куда движется рынок?»") == "?"
    assert end_mark("В Правительстве РК подписали соглашение с КАМАЗ") is None
    assert end_mark("И так далее...") == "…"


def test_end_punctuation_mismatch():
    source = "В ходе реализации соглашения откроют свыше 2,5 тысяч новых рабочих мест."
    assert problems("end-punctuation", source, "Over 2,500 new jobs will be created") == [
        "the source ends with full stop, the target with no end punctuation"
    ]
    assert problems("end-punctuation", source, "Over 2,500 new jobs will be created!") == [
        "the source ends with full stop, the target with exclamation mark"
    ]


def test_end_punctuation_match():
    title = "В Правительстве РК подписали соглашение с КАМАЗ о реализации совместных проектов"
    assert problems("end-punctuation", title, "The Government of Kazakhstan signed an agreement with KAMAZ") == []
    assert problems("end-punctuation", QUOTE_RU, '"The projects are the first steps," the statement said.') == []
    assert problems("end-punctuation", "Что дальше…", "What next...") == []
