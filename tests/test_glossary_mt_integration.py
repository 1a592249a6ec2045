"""Enforcement through a real (tiny) Argos copy model: what the copy copies, the check must see.

Needs the MT stage (``translate_pipeline.mt.argos_engine``) and the tests'
copy-package builder (``tests/mt_models.py``); skipped until both are present.
"""
import pytest

argos_engine = pytest.importorskip("translate_pipeline.mt.argos_engine")
mt_models = pytest.importorskip("mt_models")
packages = pytest.importorskip("translate_pipeline.mt.packages")
settings = pytest.importorskip("translate_pipeline.mt.settings")

from glossary_fixtures import starter  # noqa: E402

from translate_pipeline.catalog.provenance import Key  # noqa: E402
from translate_pipeline.pretranslate.enforce import enforce  # noqa: E402

SENTENCES = [
    "Аким Костанайской области посетил завод КАМАЗ.",
    "Об этом сообщили в МИИР.",
    "Автомобили Нyundai соберут в Алматы.",
    "Погода хорошая.",
]


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    work = tmp_path_factory.mktemp("glossary-copy")
    result = {}
    for lang in ("en", "kk"):
        archive = mt_models.build_copy_package(work / "build", "ru", lang)
        package = packages.install_archive(archive, work / "argos")
        result[lang] = argos_engine.ArgosEngine(package, settings.decode_options(settings.DecodeOptions(beam_size=4)))
    return result


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_enforcement_claims_hold_on_a_real_copy_model(engines, lang):
    glossary = starter()
    suggestions = enforce(engines[lang], SENTENCES, glossary, n_best=2)
    outcomes = []
    for source, s in zip(SENTENCES, suggestions):
        checks = glossary.check(source, s.text, lang)
        outcome = s.provenance.first(Key.GLOSSARY)
        outcomes.append(outcome)
        assert s.text == s.provenance.mt_raw and s.provenance.first(Key.ORIGIN) == f"MT {engines[lang].provenance}"
        if outcome is None:
            assert checks == [] and s.text == source  # no terms: the copy is left alone
        elif outcome == "satisfied" or outcome.startswith("enforced"):
            assert all(c.ok for c in checks), (source, s.text)
        else:
            assert s.fuzzy and all(c.concept.preferred("ru") in outcome for c in checks if not c.ok)
    assert outcomes.count("enforced (code-switch)") >= 2  # the copy model copies the target terms through
