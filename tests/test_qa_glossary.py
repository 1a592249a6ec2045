"""glossary: the check adapts a verifier; the adapter turns glossary outcomes into messages."""
from dataclasses import dataclass, field

from qa_support import problems

from translate_pipeline.qa.glossary_adapter import describe

SOURCE = "Об этом сообщили в МИИР."


def fake_verifier(source: str, target: str, lang: str) -> list[str]:
    """A provider with one rule: МИИР → MIID in English."""
    return [] if "МИИР" not in source or "MIID" in target else ["glossary term missing: МИИР → MIID"]


def test_verifier_problems_become_findings():
    assert problems("glossary", SOURCE, "The ministry reported this.", glossary=fake_verifier) == [
        "glossary term missing: МИИР → MIID"
    ]
    assert problems("glossary", SOURCE, "MIID reported this.", glossary=fake_verifier) == []


def test_no_glossary_no_findings():
    assert problems("glossary", SOURCE, "The ministry reported this.") == []


@dataclass
class FakeConcept:
    terms: dict
    do_not_translate: bool = False
    source_lang: str = "ru"

    def preferred(self, lang):
        return self.terms.get(lang, self.terms["ru"])


@dataclass
class FakeOutcome:
    concept: FakeConcept
    found: str | None
    forbidden: tuple = field(default_factory=tuple)


def test_describe_glossary_outcomes():
    miid = FakeConcept({"ru": "МИИР", "en": "MIID"})
    daimler = FakeConcept({"ru": "Daimler AG"}, do_not_translate=True)
    akim = FakeConcept({"ru": "аким", "en": "akim"})
    outcomes = [
        FakeOutcome(miid, None),
        FakeOutcome(daimler, None),
        FakeOutcome(akim, "akim", ("governor",)),
        FakeOutcome(miid, "MIID"),
    ]
    assert describe(outcomes, "en") == [
        "glossary term missing: МИИР → MIID",
        "do-not-translate term 'Daimler AG' is not kept unchanged",
        "forbidden variant 'governor' used (glossary: аким → akim)",
    ]
