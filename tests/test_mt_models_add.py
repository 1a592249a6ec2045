"""Issue 10: `models add` / `models check` / `models list` and the Kazakh hint, from the command line."""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tarfile
import time
from pathlib import Path

import pytest
from helpers import needs_extra, new_project, po, run

from translate_pipeline.core.errors import ExitCode

needs_extra("transformers", "convert")

CONFIG = """# newsroom settings: this comment must survive
source_lang = "ru"
target_langs = ["en", "kk"]

[mt]
beam_size = 1  # fast
"""


@pytest.fixture
def project(tmp_path) -> Path:
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text(CONFIG, "utf-8")
    return project


def _state(project: Path) -> dict[str, bytes]:
    """Every file of the project except articles, to prove a failed command changed nothing."""
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*"))
            if p.is_file() and "articles" not in p.parts}


def _one_line_error(result, fragment: str) -> None:
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and fragment in lines[0], result.stderr


@pytest.mark.parametrize("args", [("{nllb}",), ("nllb", "{nllb}")], ids=["detected", "preset"])
def test_add_then_translate_fills_every_entry(project, hf_snapshots, args):
    added = run(project, "models", "add", *(a.format(nllb=hf_snapshots["nllb"]) for a in args))
    assert added.exit_code == 0, added.stderr
    assert "converted nllb model tiny-nllb" in added.stdout and "cc-by-nc-4.0" in added.stdout
    text = (project / "translate-pipeline.toml").read_text("utf-8")
    assert text.startswith(CONFIG)  # comments and the rest of the file untouched
    assert '[mt.models.tiny-nllb]\nkind = "nllb"\npath = "models/tiny-nllb"' in text
    assert 'languages = {en = "eng_Latn", kk = "kaz_Cyrl", ru = "rus_Cyrl"}' in text
    assert (project / "models" / "tiny-nllb" / "sentencepiece.bpe.model").is_file()  # tokenizer beside the model
    done = run(project, "translate", "articles", "--to", "kk", "--require-mt")
    assert done.exit_code == 0, done.stderr
    entries = [e for e in po(project, "kk") if e.msgid]
    assert entries and all(e.msgstr and e.fuzzy for e in entries)


def test_add_is_idempotent(project, hf_snapshots):
    assert run(project, "models", "add", str(hf_snapshots["madlad"])).exit_code == 0
    before = _state(project)
    again = run(project, "models", "add", "madlad", str(hf_snapshots["madlad"]))
    assert again.exit_code == 0, again.stderr
    assert "kept madlad model tiny-madlad" in again.stdout and "unchanged: [mt.models.tiny-madlad]" in again.stdout
    assert _state(project) == before


def test_int8_is_the_default_quantization(project, hf_snapshots):
    assert run(project, "models", "add", str(hf_snapshots["m2m100"])).exit_code == 0
    manifest = json.loads((project / "models" / "tiny-m2m100" / "translate-pipeline-model.json").read_text())
    assert manifest["quantization"] == "int8" and manifest["license"] == "mit"
    assert "__kk__" in manifest["language_tokens"] and len(manifest["language_tokens"]) == 100


def _copy_without(snapshot: Path, tmp_path: Path, missing: str) -> Path:
    copy = tmp_path / snapshot.name
    shutil.copytree(snapshot, copy)
    (copy / missing).unlink()
    return copy


@pytest.mark.parametrize("case, fragment", [
    ("empty-dir", "not a Hugging Face model directory: no config.json"),
    ("bert", "unsupported architecture 'bert'"),
    ("no-tokenizer", "missing tokenizer file spiece.model"),
    ("wrong-preset", "the model is t5, not nllb"),
    ("unknown-preset", "unknown preset"),
    ("not-a-path", "not a Hugging Face model id"),
    ("t5-without-pair", "which pair does this model translate?"),
])
def test_bad_inputs_give_one_line_and_change_nothing(project, hf_snapshots, tmp_path, case, fragment):
    t5 = hf_snapshots["t5"]
    if case == "empty-dir":
        source = [str(tmp_path / "empty")]
        (tmp_path / "empty").mkdir()
    elif case == "bert":
        (tmp_path / "bert").mkdir()
        (tmp_path / "bert" / "config.json").write_text('{"model_type": "bert"}')
        source = [str(tmp_path / "bert")]
    elif case == "no-tokenizer":
        source = [str(_copy_without(t5, tmp_path, "spiece.model"))]
    elif case == "wrong-preset":
        source = ["nllb", str(t5)]
    elif case == "unknown-preset":
        source = ["nllb2", str(t5)]
    elif case == "not-a-path":
        source = ["./no/such/dir"]
    else:
        copy = tmp_path / "tiny-t5"  # no pair in the name
        shutil.copytree(t5, copy)
        source = [str(copy)]
    before = _state(project)
    result = run(project, "models", "add", *source)
    if case == "unknown-preset":
        assert result.exit_code == 2 and "PRESET is one of nllb, m2m100, t5, madlad, marian" in result.stderr
    else:
        _one_line_error(result, fragment)
    assert _state(project) == before and not (project / "models").exists()


def test_no_network_fails_within_seconds(project, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    before = _state(project)
    started = time.monotonic()
    result = run(project, "models", "add", "facebook/nllb-200-distilled-600M")
    assert time.monotonic() - started < 15
    _one_line_error(result, "cannot download facebook/nllb-200-distilled-600M")
    assert "offline? convert on a connected machine" in result.stderr
    assert _state(project) == before


def test_missing_convert_extra(project, hf_snapshots, monkeypatch):
    monkeypatch.setitem(sys.modules, "transformers", None)  # import fails as if not installed
    before = _state(project)
    result = run(project, "models", "add", str(hf_snapshots["nllb"]))
    _one_line_error(result, "pip install -e '.[convert]' in your translate-pipeline checkout (not on PyPI)")
    assert _state(project) == before


def test_token_typo_is_a_load_time_error(project, hf_snapshots):
    assert run(project, "models", "add", str(hf_snapshots["madlad"]), "--quantization", "float32").exit_code == 0
    config = project / "translate-pipeline.toml"
    config.write_text(config.read_text("utf-8").replace('kk = "<2kk>"', 'kk = "<2kz>"'), "utf-8")
    result = run(project, "models", "check", "ru", "kk")
    _one_line_error(result, "special token '<2kz>' is not one entry of the model's vocabulary")
    done = run(project, "translate", "articles", "--to", "kk", "--require-mt")
    assert done.exit_code != 0 and "'<2kz>'" in done.stdout + done.stderr


def test_converted_directory_and_archive_carry_to_an_offline_machine(project, hf_snapshots, tmp_path, monkeypatch):
    assert run(project, "models", "add", str(hf_snapshots["marian"])).exit_code == 0
    converted = project / "models" / "tiny-opus-mt-ru-mul"
    archive = tmp_path / "tiny-opus-mt-ru-mul.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(converted, arcname=converted.name)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()

    monkeypatch.setitem(sys.modules, "transformers", None)  # the receiving machine has no transformers
    offline = new_project(tmp_path / "offline")
    (offline / "translate-pipeline.toml").write_text(CONFIG, "utf-8")
    before = _state(offline)
    _one_line_error(run(offline, "models", "add", str(archive)), "an archive needs its SHA-256")
    _one_line_error(run(offline, "models", "add", str(archive), "--sha256", "0" * 64), "SHA-256 mismatch")
    assert _state(offline) == before
    added = run(offline, "models", "add", str(archive), "--sha256", digest)
    assert added.exit_code == 0, added.stderr
    assert "marian model tiny-opus-mt-ru-mul" in added.stdout and "ru→en, ru→kk" in added.stdout
    done = run(offline, "translate", "articles", "--to", "en,kk", "--require-mt")
    assert done.exit_code == 0, done.stderr

    (archive.with_name(archive.name + ".sha256")).write_text(f"{digest}  {archive.name}\n")
    other = new_project(tmp_path / "other")
    assert run(other, "models", "add", str(archive), "--name", "opus").exit_code == 0  # digest from the sidecar
    before = _state(other)
    again = run(other, "models", "add", str(converted), "--name", "opus2")  # a converted directory: its routes are taken
    _one_line_error(again, "every pair opus2 serves already has a route (ru→en: model ct2 opus")
    assert _state(other) == before
    taken = run(other, "models", "add", str(converted), "--name", "opus2", "--replace")
    assert taken.exit_code == 0, taken.stderr
    assert "route ru→kk: opus2 replaces model ct2 opus" in taken.stdout
    assert "removed [mt.models.opus]: it served only what opus2 took over" in taken.stdout
    text = (other / "translate-pipeline.toml").read_text("utf-8")
    assert "[mt.models.opus2]" in text and "[mt.models.opus]" not in text


def test_models_list_shows_license_size_and_non_commercial(project, hf_snapshots):
    assert run(project, "models", "add", str(hf_snapshots["nllb"])).exit_code == 0
    listed = run(project, "models", "list")
    line = next(line for line in listed.stdout.splitlines() if "tiny-nllb" in line and "nllb " in line)
    assert "cc-by-nc-4.0 (NON-COMMERCIAL use only)" in line and " MB" in line
    assert "ru→kk: model ct2 tiny-nllb sha256:" in listed.stdout


def test_kazakh_hint_names_real_options_only(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "models", "route", "--to", "kk")
    assert result.exit_code == ExitCode.ENVIRONMENT
    for expected in (("NLLB-200 (CC-BY-NC-4.0, non-commercial): `translate-pipeline models add "
                      "facebook/nllb-200-distilled-600M`"), "M2M-100 (MIT)", "deepvk/kazRush-ru-kk",
                     "google/madlad400-3b-mt"):
        assert expected in result.stderr
    assert ".argosmodel" not in result.stderr and "en→kk" not in result.stderr and result.stdout == ""


def test_models_check(project, tmp_path):
    from mt_models import build_copy_ct2_model

    # a plain model: its own config adds the </s> that ends the copy
    model_dir, sp = build_copy_ct2_model(tmp_path / "copy", extra_tokens=("rus_Cyrl", "kaz_Cyrl", "eng_Latn"),
                                         add_source_eos=True)
    with open(project / "translate-pipeline.toml", "a", encoding="utf-8") as handle:
        handle.write(f'\n[mt.models.copy]\nkind = "plain"\npath = "{model_dir}"\ntokenizer = "{sp}"\n'
                     f'pairs = ["ru-kk", "ru-en"]\n')
    ok = run(project, "models", "check", "ru", "kk")  # the copy model writes Cyrillic: right for kk
    assert ok.exit_code == 0, ok.stderr
    assert " s/segment (5 probe sentences" in ok.stdout and ok.stdout.rstrip().endswith("OK")
    wrong = run(project, "models", "check", "ru", "en")  # … and wrong for en
    assert wrong.exit_code == ExitCode.REFUSED and "output not in latin script" in wrong.stderr


def test_multilingual_argos_package_installs_and_routes(copy_packages, argos_dir, tmp_path):
    from mt_models import build_copy_package

    archive = build_copy_package(tmp_path, "ru", "en", to_codes=("en", "kk"), target_prefix="__{to_code}__",
                                 name="translate-ru_mul-copy")
    project = new_project(tmp_path)
    installed = run(project, "models", "install", str(archive))
    assert installed.exit_code == 0 and "installed ru→en, ru→kk" in installed.stdout
    route = run(project, "models", "route")
    assert "ru→kk: direct argos translate-ru_mul-copy 1.0" in route.stdout
    assert "ru→en: direct argos translate-ru_mul-copy 1.0" in route.stdout
    done = run(project, "translate", "articles", "--require-mt")
    assert done.exit_code == 0, done.stderr
    for lang in ("en", "kk"):  # the copy model: output == input, so the right prefix was given and stripped
        entries = [e for e in po(project, lang) if e.msgid]
        assert entries and all(e.msgstr == e.msgid for e in entries)

    from translate_pipeline.core.settings import load_config
    from translate_pipeline.mt.service import resolve_engine

    engine = resolve_engine(load_config(project), "ru", "kk")
    assert engine.encode("Да")[1] == ["__kk__"] and engine.provenance.endswith("(ru→kk)")


def test_models_check_fails_on_unknown_token_marks(project, tmp_path):
    import sentencepiece as spm
    from mt_models import build_copy_model, copy_vocabulary, corpus_lines

    # no byte fallback: probe characters the corpus lacks (В, Н, ю, —) become <unk>, rendered ⁇
    spm.SentencePieceTrainer.train(sentence_iterator=iter(corpus_lines()), model_prefix=str(tmp_path / "sp"),
                                   vocab_size=400, model_type="unigram", character_coverage=1.0,
                                   hard_vocab_limit=False, minloglevel=2, num_threads=1)
    model_dir = build_copy_model(tmp_path / "model", copy_vocabulary(tmp_path / "sp.model"))
    with open(project / "translate-pipeline.toml", "a", encoding="utf-8") as handle:
        handle.write(f'\n[mt.models.copy]\npath = "{model_dir}"\ntokenizer = "{tmp_path / "sp.model"}"\n'
                     f'pairs = ["ru-kk"]\n')
    result = run(project, "models", "check", "ru", "kk")
    # the output has the characters back (issue 23), but the tokenizer that lost them is named
    assert result.exit_code == 1
    assert ("error: ru→kk: the model's tokenizer does not know 'Ню' of 'Национальный банк сохранил базовую ставку на "
            "уровне 15,25%.' (wrong tokenizer?)") in result.stderr


def test_model_id_is_downloaded_then_converted(project, hf_snapshots, monkeypatch):
    """The connected path, with the Hub replaced by the local snapshot: what is fetched and recorded."""
    import huggingface_hub

    from translate_pipeline.mt import index

    asked = {}

    def fake_fetch(url, timeout, whole=True):
        asked["url"], asked["timeout"] = url, timeout
        files = ["config.json", "model.safetensors", "pytorch_model.bin", "spiece.model", "tokenizer.json",
                 "tokenizer_config.json", "README.md", "onnx/model.onnx"]
        return json.dumps({"sha": "0123456789abcdef", "siblings": [{"rfilename": f} for f in files]}).encode()

    def fake_download(repo_id, allow_patterns=None, etag_timeout=None):
        asked["repo"], asked["patterns"] = repo_id, sorted(allow_patterns)
        return str(hf_snapshots["t5"])

    monkeypatch.setattr(index, "fetch", fake_fetch)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    result = run(project, "models", "add", "deepvk/kazRush-ru-kk")
    assert result.exit_code == 0, result.stderr
    assert asked["url"] == "https://huggingface.co/api/models/deepvk/kazRush-ru-kk" and asked["timeout"] == 10.0
    assert asked["repo"] == "deepvk/kazRush-ru-kk"
    assert asked["patterns"] == ["README.md", "config.json", "model.safetensors", "spiece.model", "tokenizer.json",
                                 "tokenizer_config.json"]  # safetensors only, no duplicate weights or onnx
    text = (project / "translate-pipeline.toml").read_text("utf-8")
    assert '[mt.models.kazrush-ru-kk]\nkind = "t5"' in text and 'pairs = ["ru-kk"]' in text
    assert 'version = "0123456"' in text and 'source = "deepvk/kazRush-ru-kk"' in text


def test_re_adding_keeps_what_the_user_set_in_the_table(project, hf_snapshots):
    assert run(project, "models", "add", str(hf_snapshots["madlad"])).exit_code == 0
    config = project / "translate-pipeline.toml"
    edited = config.read_text("utf-8").replace("disable_unk = true", "disable_unk = false\nrepetition_penalty = 1.2")
    config.write_text(edited, "utf-8")
    again = run(project, "models", "add", str(hf_snapshots["madlad"]))
    assert again.exit_code == 0 and "unchanged: [mt.models.tiny-madlad]" in again.stdout
    assert config.read_text("utf-8") == edited


@pytest.mark.slow
def test_a_local_snapshot_is_recorded_relative_to_the_project_when_inside_it(project, hf_snapshots):
    """``source`` in the table is where the model came from: inside the project a relative path (the
    project directory can move or be checked out elsewhere), outside it the absolute one, a model id as is."""
    shutil.copytree(hf_snapshots["marian"], project / "snapshots" / "opus")
    assert run(project, "models", "add", str(project / "snapshots" / "opus"), "--pair", "ru-en").exit_code == 0
    text = (project / "translate-pipeline.toml").read_text("utf-8")
    assert 'source = "snapshots/opus"' in text and str(project) not in text
    outside = run(project, "models", "add", str(hf_snapshots["madlad"]), "--pair", "ru-kk")
    assert outside.exit_code == 0, outside.stderr
    source = f'source = "{hf_snapshots["madlad"].resolve()}"'
    assert source in (project / "translate-pipeline.toml").read_text("utf-8")
