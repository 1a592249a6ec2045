"""Issue 23 item 6: settings that say what they do -- compute type from the conversion, the beam
stopping rule and Marian's forced end token as documented options checked against generate(), a
warning for a non-zero decoder start embedding, and MT-raw as the engine wrote it."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest
from helpers import needs_extra, run

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.core.settings import DecodeOptions

needs_extra("transformers", "convert")

from hf_models import SENTENCES, build_marian  # noqa: E402
from test_mt_hf_equivalence import _project, reference  # noqa: E402


def _catalog(project: Path, lang: str = "kk") -> dict[str, str]:
    catalog = polib.pofile(str(project / "locales" / lang / "LC_MESSAGES" / "news.po"))
    return {e.msgid: e.msgstr for e in catalog if e.msgid}


def _config(project: Path, old: str, new: str) -> None:
    path = project / "translate-pipeline.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


# --- compute type ------------------------------------------------------------------------------

def test_a_float32_conversion_runs_as_float32_unless_set(hf_snapshots, tmp_path):
    from translate_pipeline.mt.decoding import load_translator
    from translate_pipeline.mt.settings import decode_options

    project = tmp_path / "p"
    project.mkdir()
    assert run(project, "models", "add", str(hf_snapshots["t5"]), "--quantization", "float32").exit_code == 0
    model = project / "models" / "tiny-kazrush-ru-kk"
    assert DecodeOptions().compute_type == "default"
    assert load_translator(model, decode_options(DecodeOptions(), 1)).compute_type == "float32"
    assert load_translator(model, decode_options(DecodeOptions(compute_type="int8_float32"), 1)).compute_type == \
        "int8_float32"  # what the user sets wins


def test_an_unknown_compute_type_is_a_config_error(tmp_path):
    (tmp_path / "translate-pipeline.toml").write_text('[mt]\ncompute_type = "int3"\n', "utf-8")
    result = run(tmp_path, "models", "list")
    assert result.exit_code == 3  # bad configuration
    assert "[mt] compute_type must be one of default, auto, int8" in result.stderr and "float32, not 'int3'" in result.stderr


# --- beam stopping rule ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("patience, early_stopping", [(1, True), (2, False)])
def test_beam_patience_matches_generate_stopping_rules(patience, early_stopping, hf_snapshots, tmp_path):
    """patience 1 stops as generate(early_stopping=True); 2 here as its default (early_stopping=False),
    the two giving different output for some sentence: the rule matters."""
    project = _project(tmp_path)
    _config(project, "beam_size = 1             # greedy, as the reference", f"beam_size = 4\npatience = {patience}")
    assert run(project, "models", "add", str(hf_snapshots["nllb"]), "--quantization", "float32").exit_code == 0
    assert run(project, "translate", "articles", "--to", "kk").exit_code == 0
    ours = _catalog(project)
    expected = dict(zip(SENTENCES, reference(hf_snapshots["nllb"], "nllb", "kk", num_beams=4,
                                             early_stopping=early_stopping)))
    other = dict(zip(SENTENCES, reference(hf_snapshots["nllb"], "nllb", "kk", num_beams=4,
                                          early_stopping=not early_stopping)))
    assert expected != other
    assert [s for s in SENTENCES if ours[s] != expected[s]] == []


# --- Marian: forced end token, decoder start embedding -----------------------------------------

@pytest.mark.slow
def test_forced_eos_of_the_snapshot_is_recorded_and_matches_generate(tmp_path_factory, tmp_path):
    snapshot = build_marian(tmp_path_factory.mktemp("forced") / "tiny-opus-mt-ru-mul", forced_eos=True)
    project = _project(tmp_path)
    added = run(project, "models", "add", str(snapshot), "--quantization", "float32")
    assert added.exit_code == 0, added.stderr
    assert "forced_eos = true" in (project / "translate-pipeline.toml").read_text("utf-8")
    assert run(project, "translate", "articles", "--to", "kk").exit_code == 0
    expected = dict(zip(SENTENCES, reference(snapshot, "marian", "kk")))  # generate() forces </s> at the limit
    ours = _catalog(project)
    assert [s for s in SENTENCES if ours[s] != expected[s]] == []
    # without it every output that reaches the limit has one token more than generate()'s
    _config(project, "forced_eos = true", "forced_eos = false")
    assert run(project, "translate", "articles", "--to", "kk", "--refresh-mt").exit_code == 0
    unforced = _catalog(project)
    assert [s for s in SENTENCES if unforced[s] != expected[s]]


def test_a_non_zero_decoder_start_embedding_is_a_warning_at_add(tmp_path_factory, tmp_path, hf_snapshots):
    snapshot = build_marian(tmp_path_factory.mktemp("pad") / "tiny-opus-mt-ru-mul", zero_pad=False)
    project = _project(tmp_path)
    added = run(project, "models", "add", str(snapshot), "--quantization", "float32")
    assert added.exit_code == 0
    warning = next(line for line in added.stderr.splitlines() if "decoder start embedding" in line)
    assert warning.startswith("warning: tiny-opus-mt-ru-mul: the decoder start embedding (token ")
    assert warning.endswith("CTranslate2 starts decoding from a zero vector, transformers from this embedding, "
                            "so translations will differ from generate()")
    clean = _project(tmp_path / "clean")
    assert "decoder start embedding" not in run(clean, "models", "add", str(hf_snapshots["marian"])).stderr


# --- MT-raw ------------------------------------------------------------------------------------

def test_mt_raw_is_the_output_as_the_engine_wrote_it(tmp_path):
    """Spaces at the end and runs of spaces are the model's output too: MT-raw keeps them (the draft
    in msgstr has none at its ends), through the PO file and back."""
    from mt_models import build_copy_ct2_model

    from translate_pipeline.catalog.io import read_catalog, replace_catalog
    from translate_pipeline.core.settings import load_config
    from translate_pipeline.mt.decoding import Decoded
    from translate_pipeline.mt.service import resolve_engine
    from translate_pipeline.pretranslate import apply_suggestion
    from translate_pipeline.pretranslate.suggestion import suggestion_from

    model_dir, sp = build_copy_ct2_model(tmp_path / "copy", add_source_eos=True)
    (tmp_path / "translate-pipeline.toml").write_text(
        f'[mt.models.copy]\npath = "{model_dir}"\ntokenizer = "{sp}"\npairs = ["ru-kk"]\n', "utf-8")
    engine = resolve_engine(load_config(tmp_path), "ru", "kk")
    pieces = engine.tokenizer.encode("Банк открыт") + ["▁", "▁", "▁"]
    (best,) = engine._hypotheses([Decoded(pieces, -1.0, False)])
    assert best.text.startswith("Банк открыт") and best.text.endswith(" ") and best.text != best.text.strip()
    suggestion = suggestion_from(engine, best)
    assert suggestion.text == "Банк открыт" and suggestion.provenance.mt_raw == best.text
    entry = polib.POEntry(msgid="Банк открыт", msgstr="", occurrences=[("a.ru.txt", "1")])
    apply_suggestion(entry, suggestion)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(entry)
    replace_catalog(tmp_path / "a.po", catalog, None)
    back = read_catalog(tmp_path / "a.po")[0]
    assert Provenance.of(back).mt_raw == best.text and back.msgstr == "Банк открыт"
    assert '#. MT-raw: "Банк открыт' in (tmp_path / "a.po").read_text("utf-8")
    assert Key.MT_RAW in Provenance.of(back).keys
