"""fresh3 items 1-4, 6-8: what the models and MT commands tell -- every route a model could serve,
paths relative to the project, a model that cannot load named for its pair, a --require-mt error
that stands alone under -q, every printed warning in the JSON, the checksum before anything else,
and `models remove` for a model added with `models add`."""
from __future__ import annotations

import hashlib
import json
import tarfile
from pathlib import Path

from helpers import needs_extra, run
from test_mt_add_routing import _project  # a project with one article, ru → en, kk

needs_extra("transformers", "convert")

def test_pair_given_still_reports_the_routes_left(copy_packages, argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path, copy_packages["ru_en"])
    added = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk")
    assert added.exit_code == 0, added.stderr
    assert ("route ru→en: left with direct argos translate-ru_en-copy 1.9 (to route it to tiny-nllb: "
            "--pair ru-en --replace)") in added.stdout


def test_pair_given_reports_a_free_pair_left_without_a_model(argos_dir, hf_snapshots, tmp_path):
    bare = _project(tmp_path)  # nothing routes ru→en: it is left without a model, and said so
    added = run(bare, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk", "--format", "json")
    routes = {(r["target"], r["action"], r["before"]) for r in json.loads(added.stdout)["routes"]}
    assert routes == {("kk", "added", None), ("en", "left", None)}
    assert "route ru→en: left without a model (to route it to tiny-nllb: --pair ru-en)" in run(
        bare, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk").stdout


def test_paths_inside_the_project_are_relative_and_every_warning_is_in_the_json(argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path)
    added = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk", "--format", "json")
    document = json.loads(added.stdout)
    assert document["path"] == "models/tiny-nllb"
    printed = [line.removeprefix("warning: ") for line in added.stderr.splitlines() if line.startswith("warning:")]
    assert printed and document["warnings"] == printed
    assert "non-commercial use only" in document["warnings"][0]
    listed = run(project, "models", "list")
    assert "  models/tiny-nllb" in listed.stdout and str(project) not in listed.stdout
    assert json.loads(run(project, "models", "list", "--format", "json").stdout)["models"][0]["path"] == \
        "models/tiny-nllb"
    again = run(project, "models", "add", str(hf_snapshots["nllb"]), "--pair", "ru-kk")
    assert again.stdout.startswith("kept nllb model tiny-nllb") and "in models/tiny-nllb\n" in again.stdout


def test_a_model_that_cannot_load_is_named_for_its_pair(argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path)
    assert run(project, "models", "add", str(hf_snapshots["m2m100"]), "--pair", "ru-en").exit_code == 0
    config = project / "translate-pipeline.toml"  # float16 on a CPU: CTranslate2 refuses to load it
    config.write_text(config.read_text("utf-8").replace("beam_size = 1", 'beam_size = 1\ncompute_type = "float16"'),
                      "utf-8")
    drafts = run(project, "translate", "--lang", "en")
    assert drafts.exit_code == 0, drafts.stderr  # drafts without MT: still exit 0
    assert "1 left (MT model failed to load for ru→en)" in drafts.stdout
    assert "warning: models/tiny-m2m100: MT model failed to load for ru→en: cannot load CTranslate2 model" \
        in drafts.stderr
    required = run(project, "translate", "--lang", "en", "--require-mt", "--format", "json")
    assert required.exit_code == 4  # the machine cannot run the configured model
    problems = json.loads(required.stdout)["problems"]
    assert [(p["file"], p["exit_code"]) for p in problems] == [("models/tiny-m2m100", 4), (None, 1)]
    assert problems[0]["message"].startswith("MT model failed to load for ru→en: cannot load CTranslate2 model")


def test_require_mt_error_stands_alone_under_quiet(argos_dir, tmp_path):
    project = _project(tmp_path)
    quiet = run(project, "-q", "translate", "--require-mt")
    assert quiet.exit_code == 1
    assert quiet.stderr == ("error: --require-mt: 2 sentence(s) left without machine translation (no MT model for "
                            "ru→en, ru→kk); `translate-pipeline models route` says how to get a model\n")
    assert "see above" not in quiet.stdout + quiet.stderr


def _archive(model_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    archive = tmp_path / "carried.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(model_dir, arcname="carried")
    return archive, hashlib.sha256(archive.read_bytes()).hexdigest()


def test_the_checksum_is_checked_before_the_routes(argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path)
    assert run(project, "models", "add", str(hf_snapshots["m2m100"])).exit_code == 0  # routes ru→en and ru→kk
    archive, digest = _archive(project / "models" / "tiny-m2m100", tmp_path)
    bad = run(project, "models", "add", str(archive), "--sha256", "0" * 64)
    assert bad.exit_code == 3 and "SHA-256 mismatch" in bad.stderr and "already has a route" not in bad.stderr
    short = run(project, "models", "add", str(archive), "--sha256", "00")
    assert short.exit_code == 2 and "'00' is not a SHA-256 (64 hex digits" in short.stderr
    (archive.parent / (archive.name + ".sha256")).write_text("garbage\n", "utf-8")
    sidecar = run(project, "models", "add", str(archive))
    assert sidecar.exit_code == 3 and "carried.tar.gz.sha256: holds no SHA-256" in sidecar.stderr
    good = run(project, "models", "add", str(archive), "--sha256", digest.upper(), "--pair", "ru-en", "--replace")
    assert good.exit_code == 0, good.stderr
    assert good.stdout.startswith("installed already converted m2m100 model carried (")


def test_remove_takes_a_pair_from_an_added_model_then_the_package(copy_packages, argos_dir, hf_snapshots, tmp_path):
    project = _project(tmp_path, copy_packages["ru_en"])
    assert run(project, "models", "add", str(hf_snapshots["m2m100"]), "--pair", "ru-en", "--pair", "ru-kk",
               "--replace").exit_code == 0
    config = project / "translate-pipeline.toml"
    removed = run(project, "models", "remove", "ru", "en")
    assert removed.exit_code == 0, removed.stderr
    assert removed.stdout == ("[mt.models.tiny-m2m100] in translate-pipeline.toml no longer serves ru→en; it serves "
                              "ru→kk\nroute ru→en: now direct argos translate-ru_en-copy 1.9\n")
    assert 'pairs = ["ru-kk"]' in config.read_text("utf-8") and config.read_text("utf-8").startswith("# newsroom\n")
    last = run(project, "models", "remove", "ru", "kk", "--format", "json")
    assert last.exit_code == 0, last.stderr
    assert json.loads(last.stdout)["model"] == {"name": "tiny-m2m100", "pairs": None, "deleted": "models/tiny-m2m100"}
    assert "[mt.models" not in config.read_text("utf-8") and not (project / "models" / "tiny-m2m100").exists()
    package = run(project, "models", "remove", "ru", "en")  # the route fell back to the package: it goes next
    assert package.exit_code == 0 and package.stdout.startswith("removed ru→en 1.9 from ")
    nothing = run(project, "models", "remove", "ru", "en")
    assert nothing.exit_code == 3 and "nothing to remove: no [mt.models] table serves ru→en" in nothing.stderr
