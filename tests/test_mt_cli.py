"""``translate-pipeline models …`` end to end with real packages."""
from __future__ import annotations

from click.testing import CliRunner

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.cli import main


def run(project, *args):
    return CliRunner().invoke(main, ["-C", str(project), "models", *args])


def test_install_list_route_remove(copy_packages, argos_dir, tmp_path):
    result = run(tmp_path, "route")
    assert result.exit_code == ExitCode.ENVIRONMENT
    # each missing pair said once, as the error with the way to get a model; nothing on stdout repeats it
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == ("error: no MT model for ru→en: run `translate-pipeline models install ru en` "
                                             "(downloads from the Argos index) or `translate-pipeline models install "
                                             "PATH.argosmodel`")
    assert len(result.stderr.splitlines()) == 2 and result.stderr.count("no MT model for ru→kk") == 1

    for name in ("ru_en", "en_kk"):
        result = run(tmp_path, "install", str(copy_packages[name]))
        assert result.exit_code == 0, result.output
    result = run(tmp_path, "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Argos packages in argos-packages:"  # inside the project (tmp_path): shown relative to it
    assert any(line.split()[:2] == ["en→kk", "1.0"] and line.endswith("  argos-packages/translate-en_kk-copy")
               for line in lines)
    assert "  ru→en: direct argos translate-ru_en-copy 1.9" in lines
    assert "  ru→kk: pivot ru→en→kk via argos translate-ru_en-copy 1.9 + argos translate-en_kk-copy 1.0" in lines

    result = run(tmp_path, "route", "--to", "kk")
    assert result.exit_code == 0 and result.output.startswith("ru→kk: pivot")

    result = run(tmp_path, "remove", "en", "kk")
    assert result.exit_code == 0 and "removed en→kk 1.0" in result.output
    assert run(tmp_path, "route", "--to", "kk").exit_code == ExitCode.ENVIRONMENT


def test_bad_package_is_one_line_error(argos_dir, tmp_path):
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = run(tmp_path, "install", str(bad))
    assert result.exit_code == ExitCode.INPUT
    assert result.output == f"error: {bad.name}: not a valid zip archive (an .argosmodel is a zip; truncated download?)\n"


def test_wrong_language_code_in_install(argos_dir, tmp_path):
    result = run(tmp_path, "install", "ru", "english")
    assert result.exit_code == ExitCode.INPUT and "unknown language code 'english'" in result.output


def test_help_lists_subcommands():
    result = CliRunner().invoke(main, ["models", "--help"])
    assert result.exit_code == 0
    for command in ("list", "install", "remove", "available", "route"):
        assert command in result.output


def test_list_shows_configured_models_and_their_routes(argos_dir, tmp_path):
    from mt_models import build_copy_ct2_model

    model_dir, sp = build_copy_ct2_model(tmp_path / "nllb", extra_tokens=("rus_Cyrl", "kaz_Cyrl", "eng_Latn"))
    (tmp_path / "translate-pipeline.toml").write_text(f"""
[mt.models.nllb]
kind = "nllb"
path = "{model_dir}"
tokenizer = "{sp}"
version = "600M"
languages = {{ ru = "rus_Cyrl", kk = "kaz_Cyrl", en = "eng_Latn" }}
""", encoding="utf-8")
    result = run(tmp_path, "list")
    assert result.exit_code == 0, result.output
    # the model lies inside the project (tmp_path): its path is shown relative to it
    assert "  nllb     nllb   600M              -  any of en, kk, ru  license unknown  nllb/model" \
        in result.output.splitlines()
    assert "  ru→kk: model ct2 nllb 600M" in result.output.splitlines()
    assert "  ru→en: model ct2 nllb 600M" in result.output.splitlines()
