"""glossary: the check adapts a verifier; the adapter runs the project's term base."""
from dataclasses import dataclass, field

from qa_project import entry, write_po
from qa_support import problems

from translate_pipeline.core.settings import load_config
from translate_pipeline.review.qa import catalog_findings
from translate_pipeline.review.qa.glossary_adapter import describe

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


TERMS_CSV = """id,ru,en,en_forbidden,kk,do_not_translate
miid,МИИР,MIID,MIIR,ИИДМ,
akim,аким,akim,governor,әкім,
daimler,Daimler AG,,,,yes
"""


def project_findings(tmp_path, lang, pairs):
    (tmp_path / "glossary").mkdir(exist_ok=True)
    (tmp_path / "glossary" / "terms.csv").write_text(TERMS_CSV, encoding="utf-8")
    write_po(tmp_path, lang, "a", [entry(s, t, n) for n, (s, t) in enumerate(pairs, 1)])
    return [(f.reference[-1], f.message) for f in catalog_findings(load_config(tmp_path), "a", lang) if f.check == "glossary"]


def test_project_glossary_true_positives(tmp_path):
    assert project_findings(tmp_path, "en", [
        ("Об этом сообщили в МИИР.", "The ministry reported this."),
        ("Об этом сообщили в МИИРе.", "MIIR reported this."),
        ("Продукция поступит в немецкий концерн Daimler AG.", "The products will go to the German concern Daimler."),
        ("Аким области принял участие.", "The regional governor took part."),
    ]) == [
        ("1", "glossary term missing: МИИР → MIID"),
        ("2", "glossary term missing: МИИР → MIID"),
        ("2", "forbidden variant 'MIIR' used (glossary: МИИР → MIID)"),
        ("3", "do-not-translate term 'Daimler AG' is not kept unchanged"),
        ("4", "glossary term missing: аким → akim"),
        ("4", "forbidden variant 'governor' used (glossary: аким → akim)"),
    ]


def test_project_glossary_inflected_terms_are_not_false_positives(tmp_path):
    assert project_findings(tmp_path, "kk", [
        ("Об этом сообщили в МИИРе.", "Бұл туралы ИИДМ-де хабарлады."),
        ("Акиму области доложили.", "Облыс әкіміне баяндалды."),
        ("Продукция поступит в Daimler AG.", "Өнім Daimler AG концерніне түседі."),
    ]) == []
    assert project_findings(tmp_path, "en", [("Об этом сообщили акимы МИИРа.", "MIID's akims said so.")]) == []


def test_project_without_glossary_terms_skips_the_check(tmp_path):
    write_po(tmp_path, "en", "a", [entry("Об этом сообщили в МИИР.", "The ministry reported this.")])
    assert catalog_findings(load_config(tmp_path), "a", "en") == []
