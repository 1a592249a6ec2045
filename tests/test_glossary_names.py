"""Surnames and patronymics formed from a term, and acronyms inside hyphenated compounds, are not the term."""
from __future__ import annotations

import pytest

from translate_pipeline.pretranslate.enforce import enforce
from translate_pipeline.mt.engine import Engine, Hypothesis

from glossary_fixtures import glossary, hits

G = glossary("id,ru,en,kk\nabai,Абай,Abai,Абай\nakim,аким,akim,әкім\njsc,АО,JSC,АҚ\nsk,СК,SK,СК\nmiid,МИИР,MIID,ИИДМ\n")


@pytest.mark.parametrize("text", [
    "Об этом сообщил Абаев.",  # the example: pymorphy3 reads it only as "of the Abais"
    "Абаев сообщил об этом журналистам.",
    "Об этом сообщил А. Абаев.",  # next to initials
    "Об этом сообщил Абаев А. Б.",
    "Об этом сообщил Ерлан Абаев.",  # next to a first name
    "Об этом сообщила Абаева.",
    "Письмо направлено Абаеву.",
    "Выступил Серик Абаевич Ахметов.",  # patronymic
    "Выступила Айгуль Абаевна.",
    "Сообщил Ержан Акимов.",  # a surname formed from a common noun term
    "Сообщил Е. Акимов.",
    "Акимов А. выступил на брифинге.",
])
def test_surnames_and_patronymics_are_not_the_term(text):
    assert hits(G, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Памятник Абаю открыли в Семее.", [("Абаю", "abai")]),
    ("Стихи Абая читают все.", [("Абая", "abai")]),
    ("Абай Кунанбаев — великий поэт.", [("Абай", "abai")]),
    ("Назначен новый аким.", [("аким", "akim")]),
    ("Акимы районов собрались.", [("Акимы", "akim")]),
])
def test_the_term_itself_still_matches(text, expected):
    assert hits(G, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("СК-Фармация закупит лекарства.", []),  # a company name, not the acronym СК
    ("Проект «Казахстан–СК» одобрен.", []),  # joined by a dash without spaces: one compound
    ("АО «КАМАЗ» и СК подписали договор.", [("АО", "jsc"), ("СК", "sk")]),
    ("Представители МИИРа приехали.", [("МИИРа", "miid")]),
])
def test_acronyms_inside_names_are_not_the_term(text, expected):
    # an acronym joined to a lower-case word keeps its meaning (АО-банк, СНГ-комиссия):
    # see test_glossary_kazakh.py
    assert hits(G, text) == expected


def test_qa_accepts_the_correct_surname_translation():
    assert G.check("Об этом сообщил Абаев.", "This was reported by Abayev.", "en") == []
    assert G.check("Об этом сообщил А. Абаев.", "This was reported by A. Abayev.", "en") == []
    (check,) = G.check("Памятник Абаю открыли.", "A monument to Abay was opened.", "en")
    assert not check.ok  # the poet himself still needs the glossary's "Abai"


class Scripted(Engine):
    source, target = "ru", "en"
    provenance = "scripted (ru→en)"

    def translate_batch(self, texts, n_best=1, progress=None):
        return [[Hypothesis("This was reported by Abayev.", -0.1)] for _ in texts]


def test_mt_enforcement_leaves_the_surname_alone():
    (suggestion,) = enforce(Scripted(), ["Об этом сообщил Абаев."], G)
    assert suggestion.text == "This was reported by Abayev."
    assert "Abai" not in suggestion.text and not any("missing" in note.lower() for _, note in suggestion.provenance.lines)
