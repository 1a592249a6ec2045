"""Issue 23 item 5: every model is framed as its own tokenizer frames it -- recorded at `models add`,
used at load, checked again by `models check`; the family registry is only the fallback."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from helpers import needs_extra, run

needs_extra("transformers", "convert")

from hf_models import DIRS  # noqa: E402 -- after needs_extra

from translate_pipeline.mt.families import FAMILIES, SOURCE, TARGET, Framing  # noqa: E402
from translate_pipeline.mt.framing import derive_framing, describe  # noqa: E402
from translate_pipeline.mt.tokenizers import load_tokenizer  # noqa: E402

CONFIG = 'source_lang = "ru"\ntarget_langs = ["en", "kk"]\n[mt]\nbeam_size = 1\nmax_decoding_length = 16\n'
RECORDED = {
    "nllb": {"before": ["{source}"], "after": ["</s>"], "target_prefix": ["{target}"]},
    "m2m100": {"before": ["{source}"], "after": ["</s>"], "target_prefix": ["{target}"]},
    "t5": {"before": [], "after": ["</s>"], "target_prefix": []},
    "madlad": {"before": ["▁", "{target}"], "after": ["</s>"], "target_prefix": []},  # the ▁ the old framing lacked
    "marian": {"before": ["{target}"], "after": ["</s>"], "target_prefix": []},
}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "a.ru.txt").write_text("Завод выпустил первую партию грузовиков.\n", "utf-8")
    (project / "translate-pipeline.toml").write_text(CONFIG, "utf-8")
    return project


def _manifest(project: Path, family: str) -> Path:
    return project / "models" / DIRS[family] / "translate-pipeline-model.json"


@pytest.mark.slow
@pytest.mark.parametrize("family", list(RECORDED))
def test_models_add_records_the_framing_of_the_snapshots_tokenizer(family, hf_snapshots, tmp_path):
    project = _project(tmp_path)
    added = run(project, "models", "add", str(hf_snapshots[family]), "--pair", "ru-kk")
    assert added.exit_code == 0, added.stderr
    recorded = json.loads(_manifest(project, family).read_text("utf-8"))["framing"]
    assert recorded == RECORDED[family]
    framing = Framing(*(tuple(recorded[k]) for k in ("before", "after", "target_prefix")))
    assert f"framing: {describe(framing)} (recorded from the snapshot's tokenizer)" in added.stdout
    assert FAMILIES[family].framing == framing  # the registry's default agrees (used only without a record)
    checked = run(project, "models", "check", "ru", "kk")
    assert "(recorded from the snapshot's tokenizer)" in checked.stdout
    assert "the same as its tokenizer gives" in checked.stdout and "error: ru→kk: tiny" not in checked.stderr


def test_a_changed_tokenizer_is_seen_by_derivation(tmp_path, hf_snapshots):
    """NLLB's legacy tokenizer put the language token last: derived, not assumed."""
    import transformers

    legacy = tmp_path / "legacy-nllb"
    shutil.copytree(hf_snapshots["nllb"], legacy)
    transformers.AutoTokenizer.from_pretrained(str(legacy), legacy_behaviour=True).save_pretrained(str(legacy))
    pieces = load_tokenizer(legacy / "sentencepiece.bpe.model").encode
    tokens = {SOURCE: "rus_Cyrl", TARGET: "kaz_Cyrl"}
    assert derive_framing(legacy, FAMILIES["nllb"], tokens, pieces, pieces) == \
        Framing((), ("</s>", SOURCE), ())
    assert derive_framing(hf_snapshots["nllb"], FAMILIES["nllb"], tokens, pieces, pieces) == \
        Framing((SOURCE,), ("</s>",), (TARGET,))


def _added(project: Path, snapshot: Path) -> None:
    result = run(project, "models", "add", str(snapshot), "--pair", "ru-kk")
    assert result.exit_code == 0, result.stderr


def test_the_engine_frames_by_the_record_and_check_fails_when_it_differs(hf_snapshots, tmp_path):
    from translate_pipeline.core.settings import load_config
    from translate_pipeline.mt.service import resolve_engine

    project = _project(tmp_path)
    _added(project, hf_snapshots["madlad"])
    manifest = _manifest(project, "madlad")
    data = json.loads(manifest.read_text("utf-8"))
    data["framing"]["before"] = ["{target}"]  # the framing the project used to hard-code
    manifest.write_text(json.dumps(data), "utf-8")
    engine = resolve_engine(load_config(project), "ru", "kk")
    assert engine.encode("Да")[0][0] == "<2kk>"  # framed by the record, not by the tokenizer or the default ("▁")
    checked = run(project, "models", "check", "ru", "kk")
    assert checked.exit_code == 1
    assert ("error: ru→kk: tiny-madlad is framed as <2kk> pieces </s>, but its tokenizer gives ▁ <2kk> pieces </s> "
            "(run `translate-pipeline models add` again to record it)") in checked.stderr


def test_without_a_record_the_family_default_frames_and_check_says_so(hf_snapshots, tmp_path, monkeypatch):
    project = _project(tmp_path)
    _added(project, hf_snapshots["madlad"])
    manifest = _manifest(project, "madlad")
    data = json.loads(manifest.read_text("utf-8"))
    del data["framing"]  # a model converted before framing was recorded
    manifest.write_text(json.dumps(data), "utf-8")
    monkeypatch.setitem(sys.modules, "transformers", None)  # a machine without transformers
    checked = run(project, "models", "check", "ru", "kk")
    assert "framing of tiny-madlad: ▁ <2kk> pieces </s> (the madlad family's default (none recorded))" in checked.stdout
    assert "not checked against the model's tokenizer: transformers is not installed" in checked.stdout
    assert "error: ru→kk: tiny-madlad" not in checked.stderr
    monkeypatch.undo()
    # adding it again records the framing without converting again
    again = run(project, "models", "add", str(hf_snapshots["madlad"]), "--pair", "ru-kk")
    assert again.exit_code == 0 and "kept madlad model" in again.stdout
    assert json.loads(manifest.read_text("utf-8"))["framing"] == RECORDED["madlad"]


def test_a_tokenizer_that_cannot_be_loaded_here_is_the_environment(tmp_path, monkeypatch):
    """No transformers, or no tokenizer files: the machine (exit status 4 where it stops a command), not the model."""
    from translate_pipeline.core.errors import ExitCode
    from translate_pipeline.mt.framing import FramingUnavailable, load_reference_tokenizer

    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(FramingUnavailable, match="transformers is not installed") as missing:
        load_reference_tokenizer(tmp_path)
    monkeypatch.undo()
    with pytest.raises(FramingUnavailable, match="its tokenizer cannot be loaded") as unloadable:
        load_reference_tokenizer(tmp_path)  # no tokenizer files in it
    assert missing.value.exit_code == unloadable.value.exit_code == ExitCode.ENVIRONMENT
