"""Issue 22: what every command prints (-q, -v, progress), the same ARTICLES everywhere, the project
from TRANSLATE_PIPELINE_PROJECT, and shell completion for bash, zsh and fish."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from helpers import new_project, po, run
from test_exit_codes import leaf_commands

from translate_pipeline.cli import PROJECT_ENV, main
from translate_pipeline.core.errors import ExitCode


def _options(command: click.Command) -> set[str]:
    return {opt for param in command.params if isinstance(param, click.Option) for opt in param.opts + param.secondary_opts}


def test_every_command_takes_the_output_options_before_and_after_its_name():
    assert {"-q", "--quiet", "-v", "--verbose", "--progress", "--no-progress"} <= _options(main)
    for name, command in leaf_commands().items():
        assert {"-q", "--quiet", "-v", "--verbose", "--progress", "--no-progress"} <= _options(command), name


def test_quiet_and_verbose_exclude_each_other(tmp_path):
    project = new_project(tmp_path)
    for args in (["-q", "-v", "stats"], ["-q", "stats", "-v"], ["stats", "--quiet", "--verbose"]):
        result = run(project, *args)
        assert result.exit_code == ExitCode.USAGE and "-q/--quiet and -v/--verbose exclude each other" in result.stderr


def test_default_quiet_and_verbose_output_of_translate(tmp_path):
    project = new_project(tmp_path)
    default = run(project, "translate", "--no-mt")
    lines = default.stdout.splitlines()
    assert lines[:2] == ["en: 11 untranslated sentence(s): none filled; 11 left",
                         "kk: 11 untranslated sentence(s): none filled; 11 left"]  # counts per language
    assert lines[-1].startswith("processed 1 article(s) into en, kk in ") and lines[-1].endswith(
        " s: 0 of 22 sentence(s) pre-translated, 22 left (MT off: --no-mt); 3 file(s) written, 0 unchanged")
    assert "warning: articles/kamaz-kazakhstan.ru.txt:7: 'Нyundai' mixes scripts" in default.stderr
    verbose = run(project, "translate", "--no-mt", "-v")
    assert "unchanged locales/en/LC_MESSAGES/kamaz-kazakhstan.po" in verbose.stdout.splitlines()
    assert any(line.startswith("time: read ") and " write " in line for line in verbose.stdout.splitlines())
    quiet = run(project, "-q", "translate", "--no-mt", "--lang", "kk-KZ")
    assert quiet.stderr == "" and len(quiet.stdout.splitlines()) == 1  # no warning, no note: the summary
    assert quiet.stdout.startswith("processed 1 article(s) into kk in ")


@pytest.mark.parametrize("args", [["stats"], ["check", "--lang", "kk"], ["compile"], ["tm", "stats"], ["models", "list"],
                                  ["glossary", "list"], ["mt", "cache", "stats"], ["update"], ["extract"]])
def test_quiet_prints_at_most_the_summary_and_json_is_the_only_stdout(tmp_path, args):
    project = new_project(tmp_path)
    assert run(project, "update").exit_code == 0
    catalog = po(project, "en")
    catalog[0].msgstr = "A plant making axles for KAMAZ trucks will be built in Kostanay"  # something to compile
    catalog.save()
    quiet = run(project, *args, "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    document = run(project, *args, "--format", "json", "-v")
    assert json.loads(document.stdout)["command"] == " ".join(a for a in args if not a.startswith("-") and a != "kk")


@pytest.mark.parametrize("prog_name", ["translate-pipeline", "python -m translate_pipeline", "/opt/bin/tp", "my tool"])
@pytest.mark.parametrize("args, command", [(["stats"], "stats"), (["glossary", "list"], "glossary list"),
                                           (["mt", "cache", "stats"], "mt cache stats")])
def test_the_json_command_is_the_command_path_without_the_program_name(tmp_path, prog_name, args, command):
    project = new_project(tmp_path)
    assert run(project, "update").exit_code == 0
    result = CliRunner().invoke(main, ["-C", str(project), *args, "--format", "json"], prog_name=prog_name)
    assert result.exit_code == 0 and json.loads(result.stdout)["command"] == command


def test_the_json_command_does_not_depend_on_how_the_program_was_started(tmp_path):
    """``python -m translate_pipeline`` (click names the program ``python -m translate_pipeline``) and
    a program started under another ``argv[0]``, both in a real process; the error document too."""
    project = new_project(tmp_path)
    assert run(project, "update").exit_code == 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parents[1]),
                                                                     os.environ.get("PYTHONPATH")]))}
    renamed = "import sys; sys.argv[0] = '/usr/local/bin/news tool'; from translate_pipeline.cli import main; main()"
    module, script = [sys.executable, "-m", "translate_pipeline"], [sys.executable, "-c", renamed]
    for start, args, command, code in ((module, ["stats"], "stats", 0),
                                       (module, ["glossary", "remove", "nothing-like-it"], "glossary remove", 3),
                                       (script, ["mt", "cache", "stats"], "mt cache stats", 0)):
        done = subprocess.run([*start, "-C", str(project), *args, "--format", "json"], capture_output=True,
                              text=True, env=env, timeout=120)
        assert done.returncode == code, done.stderr
        assert json.loads(done.stdout)["command"] == command, (start, args)


def test_article_arguments_are_names_files_or_directories_for_every_command(tmp_path):
    project = new_project(tmp_path)
    (project / "articles" / "more").mkdir()
    (project / "articles" / "more" / "second.ru.txt").write_text("Второй заголовок\nЕщё одна фраза.\n",
                                                                 encoding="utf-8")
    assert run(project, "translate", "kamaz-kazakhstan", "--no-mt").exit_code == 0  # a name, as stats takes it
    assert (project / "locales" / "kamaz-kazakhstan.pot").exists() and not (project / "locales" / "second.pot").exists()
    assert run(project, "update", "articles/more").exit_code == 0  # a directory
    catalog = po(project, "en", "second")
    catalog[0].msgstr = "The second headline"  # something for compile
    catalog.save()
    for spelling in (["second"], ["articles/more/second.ru.txt"], ["articles/more"],
                     ["locales/en/LC_MESSAGES/second.po"]):
        for command in (["stats"], ["check"], ["compile"], ["evaluate"], ["glossary", "check"]):
            if command == ["glossary", "check"] and spelling[0].startswith("locales"):
                continue  # glossary check reads articles, not catalogs
            result = run(project, *command, *spelling, "--format", "json")
            assert result.exit_code == 0, (command, spelling, result.stderr)
        rows = json.loads(run(project, "stats", *spelling, "--format", "json").stdout)["rows"]
        assert {row["article"] for row in rows} == {"second"}
    published = run(project, "publish", "articles/more", "--check", "--lang", "ru")
    assert published.exit_code == 0 and published.stdout.splitlines()[0] == "ready second [ru]"


def test_the_project_comes_from_the_environment_and_c_overrides_it(tmp_path, monkeypatch):
    project = new_project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["update", "--lang", "en"], env={PROJECT_ENV: str(project)})
    assert result.exit_code == 0, result.stderr
    assert (project / "locales" / "kamaz-kazakhstan.pot").exists() and not (elsewhere / "locales").exists()
    other = new_project(tmp_path / "other")
    result = CliRunner().invoke(main, ["-C", str(other), "extract"], env={PROJECT_ENV: str(project)})
    assert result.exit_code == 0 and (other / "locales" / "kamaz-kazakhstan.pot").exists()
    missing = CliRunner().invoke(main, ["stats", "--format", "json"], env={PROJECT_ENV: str(tmp_path / "gone")})
    assert missing.exit_code == ExitCode.INPUT and missing.stderr.startswith("error: ")
    assert json.loads(missing.stdout)["problems"][0]["message"] == "no such project directory (-C)"
    assert f"env var: {PROJECT_ENV}" in " ".join(CliRunner().invoke(main, ["--help"]).stdout.split())


SHELLS = {"bash": "complete -o nosort -F _translate_pipeline_completion translate-pipeline",
          "zsh": "compdef _translate_pipeline_completion translate-pipeline",
          "fish": "complete --no-files --command translate-pipeline"}


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_script_for_each_shell(shell):
    """What README tells to put in the shell's startup file: click generates it for the command."""
    result = CliRunner().invoke(main, [], prog_name="translate-pipeline",
                                env={"_TRANSLATE_PIPELINE_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and SHELLS[shell] in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_loads_the_script_and_completes_commands_and_article_names(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "update").exit_code == 0
    env = {"_TRANSLATE_PIPELINE_COMPLETE": "bash_complete", "COMP_WORDS": f"translate-pipeline -C {project} tr",
           "COMP_CWORD": "3"}
    commands = CliRunner().invoke(main, [], prog_name="translate-pipeline", env=env)
    assert "plain,translate" in commands.stdout.splitlines()
    env |= {"COMP_WORDS": f"translate-pipeline -C {project} stats kam", "COMP_CWORD": "4"}
    names = CliRunner().invoke(main, [], prog_name="translate-pipeline", env=env)
    assert "plain,kamaz-kazakhstan" in names.stdout.splitlines() and "file,kam" in names.stdout.splitlines()
    script = CliRunner().invoke(main, [], prog_name="translate-pipeline",
                                env={"_TRANSLATE_PIPELINE_COMPLETE": "bash_source"}).stdout
    (tmp_path / "complete.bash").write_text(script, encoding="utf-8")
    loaded = subprocess.run(["bash", "-c", f"source {tmp_path / 'complete.bash'} && complete -p translate-pipeline"],
                            capture_output=True, text=True, env=os.environ)
    assert loaded.returncode == 0 and "_translate_pipeline_completion" in loaded.stdout


@pytest.mark.parametrize("command, moved_to, value", [(["glossary", "export"], "--file-format", "csv"),
                                                      (["publish"], "--editions", "md")])
def test_help_says_format_used_to_mean_what_the_new_option_means_now(command, moved_to, value):
    """``--format`` once named the file format / editions; the option that took that meaning over says
    "Formerly --format", and --format's help says what it meant -- not the reverse."""
    shown = " ".join(CliRunner().invoke(main, [*command, "--help"]).stdout.split())
    fmt = shown[shown.index("--format [text|json]"):]
    assert "Formerly --format" in fmt and f"meant what {moved_to} means now" in fmt
    assert f"Formerly {moved_to}" not in shown
    new = shown[shown.index(moved_to):shown.index("--format [text|json]")]
    assert "Formerly --format." in new
    assert value in fmt.split("means now")[0]  # the old values are named


def test_quiet_check_prints_the_error_level_findings_and_the_summary(tmp_path):
    """-q is errors and the summary: a cron log of `translate-pipeline -q check` says which entries fail
    the gate (file:line, check, msgid), not only how many; warnings stay out."""
    project = new_project(tmp_path)
    assert run(project, "translate", "--no-mt").exit_code == 0
    catalog = po(project, "en")
    entry = next(e for e in catalog if "2,5 тысяч" in e.msgid)
    entry.msgstr = "The plant will create over 2,5 thousand jobs."  # a decimal comma: an error-level finding
    catalog.save()
    default = run(project, "check", "--lang", "en")
    quiet = run(project, "-q", "check", "--lang", "en")
    assert default.exit_code == quiet.exit_code == ExitCode.REFUSED
    assert "warning: [mixed-script]" in default.stdout
    *findings, summary = quiet.stdout.splitlines()
    assert summary == default.stdout.splitlines()[-1] == "2 errors, 2 warnings, 0 info in 1 catalog(s)"
    assert len(findings) == 4  # two findings (notation, and the missing 1,2 млрд), each with its msgid
    for line, msgid in zip(findings[::2], findings[1::2]):
        assert line.startswith("locales/en/LC_MESSAGES/kamaz-kazakhstan.po:49: error: [numbers] ")
        assert msgid.startswith("    msgid: ") and "2,5 тысяч" in msgid
    assert [line for line in default.stdout.splitlines() if ": error: " in line] == findings[::2]
    assert quiet.stderr == "error: QA: 2 error-level finding(s)\n"


def test_the_translate_summary_says_what_was_pre_translated_and_why_the_rest_was_left(tmp_path, copy_packages,
                                                                                      argos_dir):
    project = new_project(tmp_path)
    without = run(project, "translate")
    assert without.exit_code == 0
    assert without.stdout.splitlines()[-1].endswith(
        " s: 0 of 22 sentence(s) pre-translated, 22 left (no MT model for ru→en, ru→kk); 3 file(s) written, 0 unchanged")
    assert "warning: no MT model for ru→en: run `translate-pipeline models install ru en`" in without.stderr
    assert all(line.startswith(("warning: ", "note: ")) for line in without.stderr.splitlines()), without.stderr
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    with_model = run(project, "translate", "--lang", "en")
    assert with_model.stdout.splitlines()[-1].startswith("processed 1 article(s) into en in ")
    assert " s: 11 of 11 sentence(s) pre-translated, 0 left; 1 file(s) written" in with_model.stdout.splitlines()[-1]
    again = run(project, "translate", "--lang", "en")
    assert " s: nothing to pre-translate; 0 file(s) written, 2 unchanged" in again.stdout.splitlines()[-1]
