"""Issue 23 item 4: `models add` changes routes only explicitly -- the pairs given, or the free ones --
prints every route it adds, replaces or leaves, and names a non-commercial license at once."""
from __future__ import annotations

from pathlib import Path

from helpers import needs_extra, run

needs_extra("transformers", "convert")

CONFIG = '# newsroom\nsource_lang = "ru"\ntarget_langs = ["en", "kk"]\n[mt]\nbeam_size = 1\n'


def _project(tmp_path: Path, argos: Path | None = None) -> Path:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "a.ru.txt").write_text("Завод выпустил первую партию грузовиков.\n", "utf-8")
    (project / "translate-pipeline.toml").write_text(CONFIG, "utf-8")
    if argos is not None:
        assert run(project, "models", "install", str(argos)).exit_code == 0
    return project


def _state(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


def _route(project: Path, target: str) -> str:
    return run(project, "models", "route", "ru", target).stdout.strip()


def test_adding_a_kazakh_model_leaves_english_with_argos(copy_packages, argos_dir, hf_snapshots, tmp_path):
    """The quoted case: NLLB took ru→en over from the Argos package just installed, silently, under CC-BY-NC."""
    project = _project(tmp_path, copy_packages["ru_en"])
    added = run(project, "models", "add", str(hf_snapshots["nllb"]))
    assert added.exit_code == 0, added.stderr
    assert "route ru→kk: tiny-nllb (there was none)" in added.stdout
    assert ("route ru→en: left with direct argos translate-ru_en-copy 1.9 (to route it to tiny-nllb: "
            "--pair ru-en --replace)") in added.stdout
    assert "warning: tiny-nllb is licensed cc-by-nc-4.0: non-commercial use only — it now translates ru→kk" \
        in added.stderr
    assert 'pairs = ["ru-kk"]' in (project / "translate-pipeline.toml").read_text("utf-8")
    assert _route(project, "en") == "ru→en: direct argos translate-ru_en-copy 1.9"
    assert _route(project, "kk").startswith("ru→kk: model ct2 tiny-nllb")


def test_a_routed_pair_is_taken_over_only_with_replace(copy_packages, argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path, copy_packages["ru_en"])
    before = _state(project)
    refused = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-en")
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1
    assert ("ru→en is routed to direct argos translate-ru_en-copy 1.9; add --replace to route it to tiny-nllb "
            "instead") in refused.stderr
    assert _state(project) == before  # refused before converting: nothing written
    taken = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-en", "--replace")
    assert taken.exit_code == 0, taken.stderr
    assert "route ru→en: tiny-nllb replaces direct argos translate-ru_en-copy 1.9" in taken.stdout
    assert _route(project, "en").startswith("ru→en: model ct2 tiny-nllb")


def test_nothing_free_to_route_is_refused_before_converting(copy_packages, argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path, copy_packages["ru_en"])
    assert run(project, "models", "add", str(hf_snapshots["m2m100"]), "--pair", "ru-kk").exit_code == 0
    before = _state(project)
    refused = run(project, "models", "add", str(hf_snapshots["nllb"]))
    assert refused.exit_code == 1
    assert refused.stderr.startswith("error: every pair tiny-nllb serves already has a route (ru→en: direct argos "
                                     "translate-ru_en-copy 1.9; ru→kk: model ct2 tiny-m2m100")
    assert "give --pair SRC-TGT --replace to take one over" in refused.stderr
    assert _state(project) == before


def test_taking_a_pair_from_another_model_table_removes_it_there(hf_snapshots, tmp_path):
    project = _project(tmp_path)
    assert run(project, "models", "add", str(hf_snapshots["m2m100"])).exit_code == 0  # ru→en and ru→kk: both free
    config = project / "translate-pipeline.toml"
    assert 'pairs = ["ru-en", "ru-kk"]' in config.read_text("utf-8")
    taken = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk", "--replace")
    assert taken.exit_code == 0, taken.stderr
    assert "route ru→kk: tiny-nllb replaces model ct2 tiny-m2m100" in taken.stdout
    assert "[mt.models.tiny-m2m100] now serves ru→en" in taken.stdout
    text = config.read_text("utf-8")
    assert text.startswith("# newsroom\n")  # the rest of the file as it was
    m2m = text[text.index("[mt.models.tiny-m2m100]"):text.index("[mt.models.tiny-nllb]")]
    assert 'pairs = ["ru-en"]' in m2m
    assert _route(project, "kk").startswith("ru→kk: model ct2 tiny-nllb")
    assert _route(project, "en").startswith("ru→en: model ct2 tiny-m2m100")
    again = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk")  # its own route now
    assert again.exit_code == 0 and "route ru→kk: tiny-nllb, as before" in again.stdout
    assert "unchanged: [mt.models.tiny-nllb]" in again.stdout


def test_a_table_serving_every_pair_among_its_languages_gets_the_rest_listed(hf_snapshots, tmp_path):
    from mt_models import build_copy_ct2_model

    project = _project(tmp_path)
    model_dir, sp = build_copy_ct2_model(tmp_path / "copy")
    config = project / "translate-pipeline.toml"
    config.write_text(config.read_text("utf-8") + f'\n[mt.models.copy]\npath = "{model_dir}"\ntokenizer = "{sp}"\n'
                      'languages = { ru = "ru", en = "en", kk = "kk" }\n', "utf-8")
    taken = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk", "--replace")
    assert taken.exit_code == 0, taken.stderr
    assert "[mt.models.copy] now serves en→kk, en→ru, kk→en, kk→ru, ru→en" in taken.stdout
    assert _route(project, "kk").startswith("ru→kk: model ct2 tiny-nllb")
