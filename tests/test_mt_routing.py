"""Route choice (configured model > direct package > pivot) and the service API."""
from __future__ import annotations

import pytest

from translate_pipeline.catalog.provenance import Key, Origin
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import load_config
from translate_pipeline.mt.packages import install_archive
from translate_pipeline.mt.pivot import PivotEngine
from translate_pipeline.mt.service import (
    NoModelError,
    resolve_engine,
    route_for,
)

SENTENCES = ["КАМАЗ построит завод в Казахстане.", "Премьер-министр приветствовал проект.",
             "КАМАЗ построит завод в Казахстане."]


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    return root


def _write_config(root, text):
    (root / "translate-pipeline.toml").write_text(text, encoding="utf-8")
    return load_config(root)


def test_direct_and_pivot_routes(copy_packages, argos_dir, project):
    install_archive(copy_packages["ru_en"], argos_dir)
    install_archive(copy_packages["en_kk"], argos_dir)
    config = load_config(project)
    assert route_for(config, "ru", "en").describe() == "ru→en: direct argos translate-ru_en-copy 1.9"
    route = route_for(config, "ru", "kk")
    assert route.kind == "pivot"
    assert route.describe() == ("ru→kk: pivot ru→en→kk via argos translate-ru_en-copy 1.9 + "
                                "argos translate-en_kk-copy 1.0")
    engine = resolve_engine(config, "ru", "kk")
    assert isinstance(engine, PivotEngine)
    assert engine.provenance == ("pivot ru→en→kk: argos translate-ru_en-copy 1.9 (ru→en) + "
                                 "argos translate-en_kk-copy 1.0 (en→kk)")
    ticks = []
    hyps = engine.translate_batch(SENTENCES, n_best=2, progress=ticks.append)
    assert [h[0].text for h in hyps] == SENTENCES
    assert all(len(h) == 2 and h[0].score >= h[1].score for h in hyps)
    assert sum(ticks) == pytest.approx(len(SENTENCES))


def test_missing_pair_names_the_install_command(copy_packages, argos_dir, project):
    install_archive(copy_packages["ru_en"], argos_dir)
    config = load_config(project)
    with pytest.raises(NoModelError) as caught:
        resolve_engine(config, "en", "ru")
    assert "no MT model for en→ru" in str(caught.value)
    assert "translate-pipeline models install en ru" in str(caught.value)
    with pytest.raises(NoModelError, match=r"ru→kk: Argos has no kk package; .*NLLB-200 \(CC-BY-NC-4.0, "
                       r"non-commercial\): `translate-pipeline models add facebook/nllb-200-distilled-600M`"):
        resolve_engine(config, "ru", "kk")
    with pytest.raises(NoModelError) as kazakh_source:
        resolve_engine(config, "kk", "en")
    assert "kazRush" not in str(kazakh_source.value)  # it translates ru→kk only
    assert "models add facebook/m2m100_418M" in str(kazakh_source.value)
    assert isinstance(caught.value, PipelineError)


@pytest.mark.parametrize("source, target, message", [
    ("ru", "xx-nope", "unknown language code 'xx-nope'"),
    ("russian", "en", "unknown language code 'russian'"),
    ("ru", "ru", "both 'ru'"),
])
def test_wrong_language_codes(project, argos_dir, source, target, message):
    with pytest.raises(PipelineError, match=message):
        resolve_engine(load_config(project), source, target)


def test_configured_nllb_model_wins_over_pivot(copy_packages, argos_dir, project, tmp_path_factory):
    from mt_models import build_copy_ct2_model

    install_archive(copy_packages["ru_en"], argos_dir)
    install_archive(copy_packages["en_kk"], argos_dir)
    model_dir, sp = build_copy_ct2_model(tmp_path_factory.mktemp("nllb"),
                                         extra_tokens=("rus_Cyrl", "kaz_Cyrl", "eng_Latn"))
    config = _write_config(project, f"""
[mt.models.nllb]
kind = "nllb"
path = "{model_dir}"
tokenizer = "{sp}"
version = "copy"
languages = {{ ru = "rus_Cyrl", kk = "kaz_Cyrl" }}
""")
    assert route_for(config, "ru", "kk").describe() == "ru→kk: model ct2 nllb copy"
    assert route_for(config, "ru", "en").kind == "direct"
    engine = resolve_engine(config, "ru", "kk")
    assert engine.provenance == "ct2 nllb copy (ru→kk)"
    assert [h[0].text for h in engine.translate_batch(SENTENCES)] == SENTENCES
    assert engine.encode("Да")[0][0] == "rus_Cyrl" and engine.encode("Да")[1] == ["kaz_Cyrl"]


def test_nllb_language_token_must_exist(project, argos_dir, tmp_path_factory):
    from mt_models import build_copy_ct2_model

    model_dir, sp = build_copy_ct2_model(tmp_path_factory.mktemp("nllb-bad"), extra_tokens=("rus_Cyrl",))
    config = _write_config(project, f"""
[mt.models.nllb]
kind = "nllb"
path = "{model_dir}"
tokenizer = "{sp}"
languages = {{ ru = "rus_Cyrl", kk = "kaz_Cyrl" }}
""")
    with pytest.raises(PipelineError, match="special token 'kaz_Cyrl' is not one entry"):
        resolve_engine(config, "ru", "kk")


def test_t5_kind_with_source_prefix(project, argos_dir, tmp_path_factory):
    from mt_models import build_copy_ct2_model

    model_dir, sp = build_copy_ct2_model(tmp_path_factory.mktemp("t5"))
    config = _write_config(project, f"""
[mt.models.rukk]
kind = "t5"
path = "{model_dir}"
tokenizer = "{sp}"
pairs = ["ru-kk"]
""")
    engine = resolve_engine(config, "ru", "kk")
    assert [h[0].text for h in engine.translate_batch(SENTENCES)] == SENTENCES
    assert engine.encode("Да")[0][-1] == "</s>"


@pytest.mark.parametrize("toml, message", [
    ('[mt]\nbeam = 4', "\\[mt\\] unknown setting 'beam' \\(known: backend, beam_size, "),
    ('[mt]\nbeam_size = "four"', "beam_size must be an integer"),
    ('[mt.models.x]\nkind = "gpt"\npath = "a"\ntokenizer = "b"', "kind must be one of"),
    ('[mt.models.x]\nkind = "nllb"\npath = "a"\ntokenizer = "b"', "needs languages"),
    ('[mt.models.x]\nkind = "t5"\npath = "a"\ntokenizer = "b"\npairs = ["rukk"]', "pairs must look like"),
    ('[mt.models.x]\nkind = "t5"\npath = "missing"\ntokenizer = "b"\npairs = ["ru-kk"]', "has no model.bin"),
])
def test_config_errors_are_one_line(project, argos_dir, toml, message):
    with pytest.raises(PipelineError, match=message) as caught:  # settings errors come at load time
        resolve_engine(_write_config(project, toml), "ru", "kk")
    assert "\n" not in str(caught.value)


def test_mt_suggestions_are_fuzzy_with_provenance_and_truncation_note(copy_packages, argos_dir, project):
    from dataclasses import replace

    from translate_pipeline.mt.settings import load_settings
    from translate_pipeline.pretranslate.mt_source import mt_suggestions

    install_archive(copy_packages["ru_en"], argos_dir)
    config = load_config(project)
    settings = load_settings(config)
    engine = resolve_engine(config, "ru", "en", replace(settings, decode=replace(settings.decode,
                                                                                max_decoding_length=8)))
    long = "Очень длинное предложение о строительстве завода."
    first, second, empty = mt_suggestions(engine, ["Да", long, ""])
    assert (first.text, first.origin, first.fuzzy) == ("Да", Origin.MT, True)
    assert first.provenance.lines == ((Key.ORIGIN, "MT argos translate-ru_en-copy 1.9 (ru→en)"), (Key.MT_RAW, "Да"))
    assert second.provenance.values(Key.QA) == ("MT output truncated at the decoding length limit",)
    assert empty is None


def test_an_engine_must_implement_translate_batch_and_pivots_pass_progress_through():
    from translate_pipeline.mt.engine import Engine, Hypothesis
    from translate_pipeline.mt.pivot import PivotEngine

    class Incomplete(Engine):
        provenance = "fake"

    with pytest.raises(TypeError):
        Incomplete()

    class Upper(Engine):
        def __init__(self, source, target):
            self.source, self.target = source, target

        @property
        def provenance(self):
            return f"fake {self.source}→{self.target}"

        def translate_batch(self, texts, n_best=1, progress=None):
            if progress:
                progress(len(texts))
            return [[Hypothesis(t.upper(), -1.0)] for t in texts]

    ticks = []
    pivot = PivotEngine(Upper("ru", "en"), Upper("en", "kk"))
    assert pivot.translate_batch(["да", "нет"], progress=ticks.append) == [[Hypothesis("ДА", -2.0)],
                                                                          [Hypothesis("НЕТ", -2.0)]]
    assert sum(ticks) == 2  # each leg reports half of every segment


def test_plain_kind_with_separate_target_tokenizer(project, argos_dir, tmp_path_factory):
    from mt_models import build_copy_ct2_model

    model_dir, sp = build_copy_ct2_model(tmp_path_factory.mktemp("marian"), add_source_eos=True)
    config = _write_config(project, f"""
[mt.models.opus]
kind = "plain"
path = "{model_dir}"
tokenizer = "{sp}"
target_tokenizer = "{sp}"
pairs = ["ru-kk"]
""")
    engine = resolve_engine(config, "ru", "kk")
    assert engine.encode("Да")[0][-1] != "</s>"
    assert [h[0].text for h in engine.translate_batch(SENTENCES)] == SENTENCES
    assert route_for(config, "ru", "en").kind == "none"


def test_source_over_max_input_length_is_translated_in_clauses_never_cut(project, argos_dir, tmp_path_factory):
    """Issue 23: the tokenizer's model_max_length is an input limit like the position table's -- a longer
    segment is translated in clauses that fit, or fails with the reason; nothing is dropped."""
    from mt_models import build_copy_ct2_model

    model_dir, sp = build_copy_ct2_model(tmp_path_factory.mktemp("cut"), add_source_eos=True)
    config = _write_config(project, f"""
[mt.models.copy]
path = "{model_dir}"
tokenizer = "{sp}"
pairs = ["ru-kk"]
max_input_length = 30
""")
    engine = resolve_engine(config, "ru", "kk")
    short = "Банк"
    clauses = "Компания объявил о запуске завода, и банк утвердил программу."
    uncut = "Компания объявил о запуске нового завода в Казахстане."
    assert engine.max_input == 30 and engine.length(clauses) > 30 and engine.length(uncut) > 30
    short_hyp, clauses_hyp, uncut_hyp = (hyps[0] for hyps in engine.translate_batch([short, clauses, uncut]))
    assert short_hyp.text == short and not short_hyp.truncated and short_hyp.notes == ()
    assert clauses_hyp.text == clauses and not clauses_hyp.truncated
    assert clauses_hyp.notes[0].startswith("MT translated this segment in ") and "30-token input" in clauses_hyp.notes[0]
    assert uncut_hyp.text == "" and "no clause boundary" in uncut_hyp.error
