import pytest
from glossary_fixtures import ROOT, glossary, hits, starter

G = starter()


@pytest.mark.parametrize("form", ["аким", "акима", "акиму", "акимом", "акиме", "акимы", "акимов", "акимам", "акимами", "акимах"])
def test_every_case_of_a_noun_hits(form):
    assert hits(G, f"Об этом сообщили {form} и депутаты.") == [(form, "akim")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("аким Костанайской области", [("аким", "akim"), ("Костанайской области", "kostanay-region")]),
        ("в Костанайскую область", [("Костанайскую область", "kostanay-region")]),
        ("по Костанайской области", [("Костанайской области", "kostanay-region")]),
        ("выпуск ведущих мостов", [("ведущих мостов", "drive-axle")]),
        ("сообщает пресс-служба Министерства индустрии и инфраструктурного развития",
         [("пресс-служба", "press-service"), ("Министерства индустрии и инфраструктурного развития", "miid-full")]),
        ("встреча с Премьер-министром", [("Премьер-министром", "prime-minister")]),
    ],
)
def test_multi_word_terms_match_on_lemmas(text, expected):
    assert hits(G, text) == expected


@pytest.mark.parametrize(
    "text, surface, concept",
    [
        ("сообщили в МИИРе", "МИИРе", "miid"),
        ("данные МИИРа", "МИИРа", "miid"),
        ("вместе с МИИРом", "МИИРом", "miid"),
        ("акционер КАМАЗа", "КАМАЗа", "kamaz"),
        ("с компанией КамАЗ", "КамАЗ", "kamaz"),
        ("у БРК-Лизинга", "БРК-Лизинга", "dbk-leasing"),
        ("с БРК-Лизингом", "БРК-Лизингом", "dbk-leasing"),
    ],
)
def test_acronyms_take_russian_case_endings(text, surface, concept):
    assert hits(G, text) == [(surface, concept)]


@pytest.mark.parametrize("text", ["АО «БРК-Лизинг»", "АО “БРК – Лизинг”", "АО \"БРК—Лизинг\"", "АО БРК - Лизинг", "АО «БРК‑Лизинг»"])
def test_dash_space_and_quote_variants_are_one_term(text):
    found = hits(G, text)
    assert [c for _, c in found] == ["jsc", "dbk-leasing"]
    assert found[1][0].startswith("БРК") and found[1][0].endswith("Лизинг")


@pytest.mark.parametrize(
    "text",
    [
        "ПАОЛО приехал",  # АО/ПАО inside a longer word
        "рк и ао строчными",  # acronyms are case-sensitive
        "министерство финансов",  # only part of a multi-word term
        "областная больница",  # different word from the same root
        "в акиматах работают",  # акимат is not аким
        "лизинговая компания",
        "Костанайская, область",  # a comma breaks a multi-word term
        "Заявление сделал Акимов.",  # a surname, not the plural of аким
        "МИИРовский отчёт",  # long derived word, not the acronym
    ],
)
def test_no_false_hits(text):
    hits_ = hits(G, text)
    assert all(c not in ("akim", "miid", "jsc", "pjsc", "rk", "kostanay-region", "dbk-leasing") for _, c in hits_), hits_


def test_word_inside_a_hyphenated_compound_is_not_a_term():
    g = glossary("ru,en\nминистр,minister\nБРК,DBK\n")
    assert hits(g, "Премьер-министр и министр") == [("министр", "министр")]
    assert hits(g, "БРК-Лизинг и БРК") == [("БРК", "БРК")]


def test_longest_term_wins_over_its_prefix():
    g = glossary("ru,en\nБРК,DBK\nБРК-Лизинг,DBK-Leasing\n")
    assert hits(g, "АО БРК-Лизинг") == [("БРК-Лизинг", "БРК-Лизинг")]


def test_spans_are_character_offsets_into_the_segment():
    text = "Документ подписал аким Костанайской области А. Мухамбетов."
    for occ in G.find(text):
        assert text[occ.start : occ.end] == occ.text


def test_sentence_glued_to_the_previous_one_and_homoglyphs():
    assert ("Премьер-министр", "prime-minister") in hits(G, "литья.Премьер-министр Аскар Мамин")
    assert hits(G, "автомобили марки Нyundai") == [("Нyundai", "hyundai")]  # Cyrillic Н


def test_case_sensitive_concept_checks_capitals():
    g = glossary("ru,en,case_sensitive\nРоза,Roza,yes\n")
    assert hits(g, "Розой назвали сорт") == [("Розой", "Роза")]
    assert hits(g, "купил розу") == []


def test_sample_article_occurrences():
    article = ROOT / "articles" / "kamaz-kazakhstan.ru.txt"
    if not article.exists():
        pytest.skip("sample article not in this checkout")
    found = {c for line in article.read_text(encoding="utf-8").splitlines() for _, c in hits(G, line)}
    assert {"kamaz", "rk", "pjsc", "jsc", "dbk-leasing", "akim", "kostanay-region", "miid", "daimler", "hyundai"} <= found


def test_concepts_and_terms_note():
    text = "Аким Костанайской области встретился с представителями МИИР и акимата."
    assert [c.id for c in G.concepts(text)] == ["akim", "kostanay-region", "miid", "akimat"]
    assert G.terms_note(text, "en") == "аким → akim; Костанайская область → Kostanay region; МИИР → MIID; акимат → akimat"
    assert G.terms_note(text, "kk") == "аким → әкім; Костанайская область → Қостанай облысы; МИИР → ИИДМ; акимат → әкімдік"
    assert G.terms_note("Ничего особенного.", "en") is None
    # a concept without a Kazakh term imposes nothing in Kazakh
    assert G.terms_note("редуктор главной передачи", "kk") is None
    assert G.terms_note("редуктор главной передачи", "en") == "главная передача → final drive"
