"""Issue 18: model families live in one registry (mt/families.py) that every MT module reads."""
from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from helpers import new_project, run

from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.core.settings import ModelKind, load_config
from translate_pipeline.mt.families import (
    EOS,
    FAMILIES,
    PRESETS,
    SOURCE,
    TARGET,
    Framing,
    detect_family,
    read_vocabulary,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_registry_and_the_schema_name_the_same_families():
    assert list(FAMILIES) == list(typing.get_args(ModelKind))
    assert PRESETS == ("nllb", "m2m100", "t5", "madlad", "marian")  # the PRESET names of `models add`
    for name in PRESETS:
        family = FAMILIES[name]
        assert family.name == name and family.tokenizer_files and family.model_types
        assert not family.tokens_required or (family.token_pattern and family.token_forms), name


def test_family_knowledge_is_nowhere_else():
    """The other MT modules ask the registry: no family name literal, token pattern or tokenizer file name."""
    literals = ['"nllb"', '"m2m100"', '"madlad"', '"marian"', "spiece.model", "sentencepiece.bpe.model",
                "__[a-z]", ">>[a-z]", "<2[a-z]", "madeupword", "lang_token_to_id", "Nllb"]
    offenders = {}
    for path in sorted((ROOT / "translate_pipeline").rglob("*.py")):
        if path.name == "families.py":
            continue
        # the schema's ModelKind names them (checked at load, before any MT code is imported)
        lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("ModelKind = ")]
        found = [literal for literal in literals if any(literal in line for line in lines)]
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert not offenders, f"family knowledge outside mt/families.py: {offenders}"


@pytest.mark.parametrize("tokens, before, prefix", [
    ({SOURCE: "rus_Cyrl", TARGET: "kaz_Cyrl"}, ("rus_Cyrl",), ("kaz_Cyrl",)),
    ({SOURCE: "", TARGET: "kaz_Cyrl"}, (), ("kaz_Cyrl",)),  # a placeholder without a token is left out
    ({}, (), ()),
])
def test_framing_resolves_placeholders(tokens, before, prefix):
    framing = Framing((SOURCE,), (EOS,), (TARGET,))
    assert framing.placeholders() == [TARGET, SOURCE]
    assert framing.resolve(tokens) == Framing(before, (EOS,), prefix)
    assert Framing((), (EOS,)).placeholders() == []


@pytest.mark.parametrize("family, lang, expected", [
    ("nllb", "kk", "kaz_Cyrl"), ("nllb", "zh", "zho_Hant"), ("nllb", "xx", None),
    ("m2m100", "kk", "__kk__"), ("madlad", "kk", "<2kk>"),
    ("marian", "kk", ">>kaz_Cyrl<<"), ("marian", "en", ">>eng<<"), ("marian", "xx", ">>xx<<"),
])
def test_language_token_for_a_project_code(family, lang, expected):
    vocabulary = ["▁a", "kaz_Cyrl", "zho_Hant", "__kk__", "<2kk>", ">>kaz_Cyrl<<", ">>eng<<", ">>xx<<", "</s>"]
    tokens = FAMILIES[family].language_tokens(vocabulary)
    assert "▁a" not in tokens and "</s>" not in tokens
    assert FAMILIES[family].token(lang, tokens) == expected


def test_snapshots_are_recognised(hf_snapshots, tmp_path):
    assert {name: detect_family(path).name for name, path in hf_snapshots.items()} == {
        name: name for name in hf_snapshots}
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    with pytest.raises(PipelineError, match="unsupported architecture 'bert' in config.json "
                       r"\(supported: NLLB-200, M2M-100, T5, MADLAD-400, Marian/OPUS-MT\)"):
        detect_family(tmp_path)


@pytest.mark.parametrize("files, source, target", [
    ({"shared_vocabulary.json": ["a", "b"]}, ["a", "b"], ["a", "b"]),
    ({"source_vocabulary.txt": "a\nb\n", "target_vocabulary.json": ["c"]}, ["a", "b"], ["c"]),
    ({"target_vocabulary.txt": "c\n"}, ["c"], ["c"]),
])
def test_one_vocabulary_reader(tmp_path, files, source, target):
    for name, content in files.items():
        (tmp_path / name).write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    vocabulary = read_vocabulary(tmp_path)
    assert (vocabulary.source, vocabulary.target) == (source, target)


def test_vocabulary_missing_or_damaged(tmp_path):
    assert read_vocabulary(tmp_path) is None
    (tmp_path / "shared_vocabulary.json").write_text('["a", ', "utf-8")
    with pytest.raises(PipelineError, match="unreadable vocabulary") as caught:
        read_vocabulary(tmp_path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("kind, example", [
    ("nllb", '{ ru = "rus_Cyrl", kk = "kaz_Cyrl" }'), ("m2m100", '{ ru = "__ru__", kk = "__kk__" }'),
    ("madlad", '{ ru = "<2ru>", kk = "<2kk>" }'),
])
def test_a_family_that_frames_with_language_tokens_needs_languages(tmp_path, kind, example):
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text(
        f'[mt.models.x]\nkind = "{kind}"\npath = "m"\ntokenizer = "t"\npairs = ["ru-kk"]\n', "utf-8")
    result = run(project, "models", "route", "ru", "kk")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (f"error: translate-pipeline.toml: [mt.models.x] kind {kind} needs languages, "
                             f"e.g. {example}\n")
    config = load_config(project)
    assert config.mt.models["x"].kind == kind  # the Literal kind reaches the stage as the schema typed it


def test_separate_vocabularies_check_the_target_prefix_against_the_target_side(tmp_path):
    """NLLB-style framing: the source token must be a source entry, the target prefix a target entry."""
    from mt_models import build_copy_ct2_model

    from translate_pipeline.mt.service import resolve_engine

    model_dir, sp = build_copy_ct2_model(tmp_path / "copy", extra_tokens=("rus_Cyrl", "kaz_Cyrl"))
    vocabulary = json.loads((model_dir / "shared_vocabulary.json").read_text("utf-8"))
    (model_dir / "shared_vocabulary.json").unlink()
    (model_dir / "source_vocabulary.json").write_text(json.dumps([t for t in vocabulary if t != "kaz_Cyrl"]))
    (model_dir / "target_vocabulary.json").write_text(json.dumps([t for t in vocabulary if t != "rus_Cyrl"]))
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text(
        f'[mt.models.copy]\nkind = "nllb"\npath = "{model_dir}"\ntokenizer = "{sp}"\n'
        'languages = { ru = "rus_Cyrl", kk = "kaz_Cyrl", en = "eng_Latn" }\n', "utf-8")
    engine = resolve_engine(load_config(project), "ru", "kk")
    assert engine.encode("Да")[0][0] == "rus_Cyrl" and engine.encode("Да")[1] == ["kaz_Cyrl"]
    with pytest.raises(PipelineError, match="special token 'eng_Latn' is not one entry"):
        resolve_engine(load_config(project), "ru", "en")


def test_a_manifest_naming_an_unknown_family_is_one_line(tmp_path, hf_snapshots):
    project = new_project(tmp_path)
    converted = tmp_path / "converted"
    converted.mkdir()
    (converted / "model.bin").write_bytes(b"")
    (converted / "translate-pipeline-model.json").write_text('{"kind": "gpt", "source": "x"}')
    result = run(project, "models", "add", str(converted))
    assert result.exit_code == ExitCode.INPUT and result.stderr.count("\n") == 1
    assert "invalid translate-pipeline-model.json (kind 'gpt' is none of nllb, m2m100, t5, madlad, marian)" \
        in result.stderr
