"""Issue 22: one exit status per kind of outcome, the same for every command, and ``--format json``
documents that match the JSON Schemas shipped in the package.

The table drives every command of click's command tree (a new command fails
``test_the_table_covers_every_command`` until it has rows): good input, a gate
that says no (where the command has one), a usage error, a bad file and a missing
model (where the command needs one).  Each row runs again with ``--format json``
where the command has it, and stdout is validated against the command's schema (a usage error too).
"""
from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click
import pytest
from helpers import FIXTURES, command_document, foreign_database, po, run
from jsonschema import Draft202012Validator

from translate_pipeline.cli import main
from translate_pipeline.cli.common import schema_file
from translate_pipeline.core.errors import ExitCode, exit_code_table

OK, REFUSED, USAGE, INPUT, ENVIRONMENT, INTERRUPTED, TERMINATED = ExitCode
TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
       'segtype="sentence" o-tmf="x" adminlang="en" srclang="ru" datatype="plaintext"/><body>'
       '<tu><tuv xml:lang="ru"><seg>Завод построят.</seg></tuv><tuv xml:lang="en"><seg>A plant will be built.</seg>'
       '</tuv></tu></body></tmx>\n')

# Translate Toolkit's po2tmx labels the source segments en unless told otherwise (tm import --source-lang en)
PO2TMX = TMX.replace('srclang="ru"', 'srclang="en"').replace(
    '<tuv xml:lang="ru"><seg>Завод построят.</seg></tuv><tuv xml:lang="en"><seg>A plant will be built.</seg>',
    '<tuv xml:lang="en"><seg>Завод построят.</seg></tuv><tuv xml:lang="kk"><seg>Зауыт салынады.</seg>')


def leaf_commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(leaf_commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


def has_json(command: click.Command) -> bool:
    return any(isinstance(p, click.Option) and "--format" in p.opts and isinstance(p.type, click.Choice)
               and "json" in p.type.choices for p in command.params)


# --- the project every row starts from ------------------------------------------------------------

@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """Catalogs for en and kk: kk clean, en with one reviewed entry that has a QA error (a decimal comma)."""
    project = tmp_path_factory.mktemp("base") / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURES / "kamaz-kazakhstan.ru.txt", project / "articles")
    assert run(project, "translate", "--no-mt").exit_code == 0
    catalog = po(project, "en")
    entry = next(e for e in catalog if "2,5 тысяч" in e.msgid)
    entry.msgstr = "The plant will create over 2,5 thousand jobs."
    catalog.save()
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text("ru,en,kk\nаким,akim,әкім\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def copy_model(tmp_path_factory) -> str:
    """``[mt.models.copy]``: a CTranslate2 model that copies its input (Cyrillic: right for kk, wrong for en)."""
    from mt_models import build_copy_ct2_model

    model_dir, sp = build_copy_ct2_model(tmp_path_factory.mktemp("copy"), add_source_eos=True)  # plain: its config adds </s>
    return f'[mt.models.copy]\nkind = "plain"\npath = "{model_dir}"\ntokenizer = "{sp}"\npairs = ["ru-kk", "ru-en"]\n'


# --- what a row may do to the project first ---------------------------------------------------------

def cp1251_article(project: Path, request) -> None:
    text = "Старая статья из архива\nЗавод по выпуску мостов построят в Костанае в следующем году.\n"
    (project / "articles" / "archive-2009.ru.txt").write_bytes(text.encode("cp1251"))


def malformed_catalog(project: Path, request) -> None:
    path = project / "locales" / "kk" / "LC_MESSAGES" / "kamaz-kazakhstan.po"
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "x"\nmsgstr "\\q"\n', encoding="utf-8")


def no_catalogs(project: Path, request) -> None:
    shutil.rmtree(project / "locales")


def damaged(name: str) -> Callable:
    def damage(project: Path, request) -> None:
        (project / "tm").mkdir(exist_ok=True)
        (project / "tm" / name).write_bytes(b"\x00garbage" * 100)
    return damage


def foreign_cache(project: Path, request) -> None:
    foreign_database(project / "tm" / "mt-cache.sqlite")


def conflicting_glossary(project: Path, request) -> None:
    (project / "glossary" / "more.csv").write_text("ru,en\nаким,governor\n", encoding="utf-8")


def bad_model_table(project: Path, request) -> None:
    (project / "translate-pipeline.toml").write_text('[mt.models.x]\nkind = "nllb"\npath = "m"\ntokenizer = "t"\n',
                                                     encoding="utf-8")


def installed(project: Path, request) -> None:
    request.getfixturevalue("argos_dir")
    package = request.getfixturevalue("copy_packages")["ru_en"]
    assert run(project, "models", "install", str(package)).exit_code == 0


def silent_installed(project: Path, request) -> None:
    """A ru→en model that writes nothing (every segment fails with its cause), allowed to end at once."""
    request.getfixturevalue("argos_dir")
    assert run(project, "models", "install", str(request.getfixturevalue("silent_package"))).exit_code == 0
    config = project / "translate-pipeline.toml"
    config.write_text((config.read_text(encoding="utf-8") if config.exists() else "") +
                      "\n[mt]\nmin_decoding_length = 0\n", encoding="utf-8")


def copy_model_configured(project: Path, request) -> None:
    (project / "translate-pipeline.toml").write_text(request.getfixturevalue("copy_model"), encoding="utf-8")


def files(project: Path, request) -> None:
    (project / "import.tmx").write_text(TMX, encoding="utf-8")
    (project / "broken.tmx").write_text("<tmx version='1.4'><header/><body><tu>", encoding="utf-8")
    (project / "po2tmx.tmx").write_text(PO2TMX, encoding="utf-8")
    (project / "incoming.csv").write_text("ru,en\nзавод,plant\n", encoding="utf-8")
    (project / "known.csv").write_text("ru,en,kk\nаким,akim,әкім\n", encoding="utf-8")  # the base's own concept
    (project / "broken.csv").write_text("ru,en,xx\nфу,foo,bar\n", encoding="utf-8")
    (project / "bad.argosmodel").write_bytes(b"PK\x03\x04 not really")


def imported(project: Path, request) -> None:
    assert run(project, "tm", "import", "import.tmx").exit_code == 0


def index(request_fixture: str) -> Callable:
    def serve(project: Path, request) -> None:
        request.getfixturevalue("argos_dir")
        value = request.getfixturevalue(request_fixture)
        if request_fixture == "closed_port":
            request.getfixturevalue("monkeypatch").setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{value}/")
    return serve


def without_converter(project: Path, request) -> None:
    snapshot = project / "snapshot"
    snapshot.mkdir()
    (snapshot / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    request.getfixturevalue("monkeypatch").setitem(sys.modules, "transformers", None)


def hf_marian(project: Path, request) -> None:
    snapshots = request.getfixturevalue("hf_snapshots")
    shutil.copytree(snapshots["marian"], project / "snapshot")


@dataclass
class Row:
    command: str
    kind: str  # good, gate, usage, bad file, missing model
    args: list[str]
    code: ExitCode
    setup: list[Callable] = field(default_factory=list)
    slow: bool = False
    json: bool = True  # run again with --format json (not where stdout holds an export: FILE -)


ROWS = [
    Row("extract", "good", [], OK),
    Row("extract", "bad file", [], INPUT, [cp1251_article]),
    Row("update", "good", ["--lang", "kk"], OK),
    Row("update", "bad file", ["articles"], INPUT, [cp1251_article]),
    Row("update", "bad file", ["--lang", "kk"], INPUT, [malformed_catalog]),
    Row("translate", "good", ["--no-mt"], OK),
    Row("translate", "missing model", [], OK),  # drafts wait for a model: the run says how to get one
    Row("translate", "gate", ["--require-mt"], REFUSED),
    Row("translate", "good", ["--lang", "en"], OK, [silent_installed]),  # empty MT output: failed, with causes
    Row("translate", "gate", ["--lang", "en", "--require-mt"], REFUSED, [silent_installed]),  # and unmet
    Row("translate", "bad file", ["--no-mt"], INPUT, [cp1251_article]),
    Row("translate", "bad file", ["articles/archive-2009.ru.txt", "--no-mt"], INPUT, [cp1251_article]),
    Row("translate", "bad file", ["--no-mt"], INPUT, [malformed_catalog]),
    Row("stats", "good", [], OK),
    Row("stats", "gate", [], REFUSED, [no_catalogs]),
    Row("stats", "bad file", [], INPUT, [malformed_catalog]),
    Row("stats", "bad file", ["no-such-article"], INPUT),
    Row("check", "good", ["--lang", "kk"], OK),
    Row("check", "gate", ["--lang", "en"], REFUSED),
    Row("check", "bad file", ["--lang", "kk"], INPUT, [malformed_catalog]),
    Row("compile", "good", [], OK),
    Row("compile", "gate", [], REFUSED, [no_catalogs]),
    Row("compile", "gate", ["--lang", "kk"], REFUSED),  # kk has no translated message: no MO file to write
    Row("compile", "bad file", [], INPUT, [malformed_catalog]),
    Row("evaluate", "good", [], OK),
    Row("evaluate", "gate", [], REFUSED, [no_catalogs]),
    Row("evaluate", "bad file", ["--ref", "no-such-dir"], INPUT),
    Row("publish", "good", ["--check", "--lang", "ru"], OK),
    Row("publish", "gate", ["--check", "--lang", "en"], REFUSED),
    Row("publish", "bad file", ["--check", "--lang", "kk"], INPUT, [malformed_catalog]),
    Row("publish", "good", ["--out", "site", "--lang", "ru", "--base-url", "https://news.example/"], OK),
    Row("publish", "good", ["--out", "site", "--lang", "ru", "--editions", "html,json", "--unpublish", "ru"], OK),
    Row("publish", "gate", ["--out", "site", "--lang", "ru,en"], REFUSED),
    Row("publish", "bad file", ["--out", "site", "--lang", "kk"], INPUT, [malformed_catalog]),
    Row("publish", "bad file", ["--out", "site", "--date", "2026-02-30"], INPUT),
    Row("publish", "usage", ["--out", "site", "--editions", "pdf"], USAGE),
    Row("publish", "usage", ["--check", "--unpublish", "en"], USAGE),
    Row("publish", "usage", ["--lang", "ru"], USAGE),  # neither --out nor --check
    Row("publish", "usage", ["--out", "site", "--format", "html", "--editions", "md"], USAGE,
        json=False),  # a second --format would replace the first
    Row("glossary list", "good", [], OK),
    Row("glossary list", "bad file", [], INPUT, [conflicting_glossary]),
    Row("glossary add", "good", ["завод", "-t", "en=plant"], OK),
    Row("glossary add", "bad file", ["завод", "-t", "en=plant"], INPUT, [conflicting_glossary]),
    Row("glossary add", "good", ["аким", "-t", "en=governor", "--replace"], OK),
    Row("glossary add", "bad file", ["аким", "-t", "en=governor"], INPUT),  # there already: --replace changes it
    Row("glossary remove", "good", ["аким"], OK),
    Row("glossary remove", "good", ["аким", "--term", "kk=әкім"], OK),
    Row("glossary remove", "bad file", ["завод"], INPUT),  # no such concept
    Row("glossary remove", "bad file", ["аким", "--term", "en=akim", "--term", "kk=әкім"], INPUT),  # none left
    Row("glossary remove", "bad file", ["аким"], INPUT, [conflicting_glossary]),
    Row("glossary check", "good", ["kamaz-kazakhstan"], OK),
    Row("glossary check", "bad file", [], INPUT, [cp1251_article]),
    Row("glossary import", "good", ["incoming.csv"], OK, [files]),
    Row("glossary import", "gate", ["known.csv"], REFUSED, [files]),  # nothing new, as tm import
    Row("glossary import", "bad file", ["broken.csv"], INPUT, [files]),
    Row("glossary export", "good", ["out.tbx"], OK),
    Row("glossary export", "good", ["out.xml", "--file-format", "tbx", "--tbx-version", "2008"], OK),
    Row("glossary export", "good", ["-", "--file-format", "csv"], OK, json=False),
    Row("glossary export", "bad file", ["out.txt"], INPUT),
    Row("glossary export", "bad file", ["-"], INPUT, [conflicting_glossary], json=False),
    Row("glossary export", "usage", ["-", "--format", "json"], USAGE),
    Row("glossary export", "usage", ["out.tbx", "--file-format", "xml"], USAGE),
    Row("tm import", "good", ["import.tmx"], OK, [files]),
    Row("tm import", "good", ["po2tmx.tmx", "--source-lang", "en"], OK, [files]),
    Row("tm import", "gate", ["import.tmx"], REFUSED, [files, imported]),  # nothing new
    Row("tm import", "gate", ["po2tmx.tmx"], REFUSED, [files]),  # no ru segment: --source-lang en would read it
    Row("tm import", "bad file", ["broken.tmx"], INPUT, [files]),
    Row("tm import", "bad file", ["missing.tmx"], INPUT),
    Row("tm export", "good", ["out.tmx"], OK),
    Row("tm export", "good", ["-"], OK, json=False),
    Row("tm export", "bad file", ["-"], INPUT, [damaged("memory.sqlite")], json=False),
    Row("tm export", "usage", ["-", "--format", "json"], USAGE),
    Row("tm export", "bad file", ["out.tmx"], INPUT, [damaged("memory.sqlite")]),
    Row("tm stats", "good", [], OK),
    Row("tm stats", "bad file", [], INPUT, [damaged("memory.sqlite")]),
    Row("tm harvest", "good", [], OK),
    Row("tm harvest", "bad file", [], INPUT, [malformed_catalog]),
    Row("mt cache stats", "good", [], OK),
    Row("mt cache stats", "bad file", [], INPUT, [damaged("mt-cache.sqlite")]),
    Row("mt cache clear", "good", [], OK),
    Row("mt cache clear", "bad file", [], INPUT, [foreign_cache]),
    Row("models list", "good", [], OK, [installed]),
    Row("models list", "bad file", [], INPUT, [bad_model_table]),
    Row("models install", "good", [], OK, [installed]),  # args: the package file, added below
    Row("models install", "bad file", ["bad.argosmodel"], INPUT, [files]),
    Row("models install", "missing model", ["ru", "kk"], ENVIRONMENT),  # Argos has no Kazakh package
    Row("models remove", "good", ["ru", "en"], OK, [installed]),
    Row("models remove", "bad file", ["ru", "en"], INPUT),  # nothing installed for the pair
    Row("models available", "good", [], OK, [index("local_index")]),
    Row("models available", "missing model", [], ENVIRONMENT, [index("closed_port")]),  # no index to ask
    Row("models available", "bad file", ["--from", "xx"], INPUT, [index("local_index")]),  # not a language
    Row("models route", "good", ["ru", "en"], OK, [installed]),
    Row("models route", "missing model", ["ru", "kk"], ENVIRONMENT),
    Row("models route", "bad file", [], INPUT, [bad_model_table]),
    Row("models check", "good", ["ru", "kk"], OK, [copy_model_configured]),
    Row("models check", "gate", ["ru", "en"], REFUSED, [copy_model_configured]),  # Cyrillic is no English
    Row("models check", "missing model", ["ru", "kk"], ENVIRONMENT),
    Row("models check", "bad file", ["xx", "kk"], INPUT),  # not a language
    Row("models add", "good", ["snapshot", "--pair", "ru-kk"], OK, [hf_marian], slow=True),
    Row("models add", "good", ["snapshot", "--pair", "ru-en", "--replace"], OK, [installed, hf_marian], slow=True),
    Row("models add", "gate", ["snapshot", "--pair", "ru-en"], REFUSED, [installed, hf_marian]),  # Argos routes it
    Row("models add", "gate", ["snapshot"], REFUSED, [copy_model_configured, hf_marian]),  # every pair routed
    Row("models add", "bad file", ["no-such-model-dir"], INPUT),
    Row("models add", "bad file", ["no-such-model-dir"], INPUT, [copy_model_configured]),  # bad input before a refusal
    Row("models add", "missing model", ["snapshot", "--pair", "ru-kk"], ENVIRONMENT, [without_converter]),  # no [convert]
]
ROWS += [Row(name, "usage", ["--no-such-option"], USAGE) for name in leaf_commands()]
KINDS = ("good", "gate", "usage", "bad file", "missing model")


def test_the_table_covers_every_command():
    """Every command has good input, a usage error and a bad file; a new command must be added here."""
    for name in leaf_commands():
        kinds = {row.kind for row in ROWS if row.command == name}
        missing = {"good", "usage", "bad file"} - kinds
        assert not missing, f"{name}: no row for {sorted(missing)}"
    gated = {row.command for row in ROWS if row.kind == "gate"}
    assert {"check", "stats", "compile", "evaluate", "publish", "translate", "models check"} <= gated


@pytest.mark.parametrize("row", [pytest.param(row, id=f"{row.command}-{row.kind}-{i}",
                                              marks=[pytest.mark.slow] if row.slow else [])
                                 for i, row in enumerate(ROWS)])
def test_exit_status(row, base, tmp_path, request, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(base, project)
    monkeypatch.chdir(project)  # file arguments (TMX, CSV, --out) relative to the project
    for setup in row.setup:
        setup(project, request)
    args = list(row.args)
    if row.command == "models install" and row.kind == "good":
        args = [str(request.getfixturevalue("copy_packages")["en_kk"])]
    result = run(project, *row.command.split(), *args)
    assert result.exit_code == row.code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    if row.code in (INPUT, ENVIRONMENT, REFUSED):
        assert any(line.startswith("error: ") for line in result.stderr.splitlines()), result.stderr
    assert_text_lines(result.stderr)
    if not row.json:
        return
    again = tmp_path / "again"  # the same row from the start, with --format json
    shutil.copytree(base, again)
    monkeypatch.chdir(again)
    fresh = tmp_path / "argos-again"
    fresh.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(fresh))
    for setup in row.setup:
        setup(again, request)
    result = run(again, *row.command.split(), *args, "--format", "json")
    assert result.exit_code == row.code, (result.stdout, result.stderr)
    assert_text_lines(result.stderr)
    document = command_document(row.command, result.stdout, row.code)  # a document however the command ended
    assert bool(document["problems"]) == (row.code is not OK), document["problems"]


SEVERITIES = ("error: ", "warning: ", "note: ")


def assert_text_lines(stderr: str) -> None:
    """What a log file gets: lines of text, no carriage returns (progress bars) or terminal escapes, each
    starting with its severity (README: What is printed) -- click's usage errors too."""
    assert "\r" not in stderr and "\x1b" not in stderr, stderr
    assert all(line.isprintable() for line in stderr.splitlines()), stderr
    assert all(line.startswith(SEVERITIES) for line in stderr.splitlines()), stderr


def test_every_command_with_a_report_has_json_and_a_schema():
    """``--format json`` on every command, each with its schema file, and no other schema in the folder."""
    commands = leaf_commands()
    assert {name for name, command in commands.items() if not has_json(command)} == set()
    for name, command in commands.items():
        if has_json(command):
            assert schema_file(name).is_file(), name
    shipped = {path.name for path in schema_file("common").parent.iterdir()}
    assert shipped == {"common.schema.json"} | {f"{n.replace(' ', '-')}.schema.json" for n in commands if has_json(commands[n])}
    for path in schema_file("common").parent.iterdir():
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_a_document_that_drifts_from_the_schema_is_caught(base, tmp_path):
    """The schemas are strict enough to fail: an unknown field, a wrong type, another version."""
    from jsonschema import ValidationError

    good = run(base, "tm", "stats", "--format", "json").stdout
    command_document("tm stats", good, 0)
    for change in ({"surprise": 1}, {"exit_code": "0"}, {"format_version": 2}, {"pairs": [{"units": 1}]}):
        with pytest.raises(ValidationError):
            command_document("tm stats", json.dumps({**json.loads(good), **change}), 0)


def test_exit_codes_are_listed_in_help_and_readme():
    """The table of ExitCode is what --help's epilog and README's "Exit codes" section show."""
    from click.testing import CliRunner

    shown = " ".join(CliRunner().invoke(main, ["--help"]).stdout.split())
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    for code, meaning in exit_code_table():
        assert f"{code} {meaning}" in shown
        assert f"| {code} | {meaning} |" in readme


def test_a_missing_file_on_the_command_line_is_bad_input_not_usage(base, tmp_path):
    """A path that does not exist is the project's input (3), whichever argument names it."""
    for args in (["tm", "import", "nope.tmx"], ["evaluate", "--ref", "nope"], ["translate", "articles/nope.ru.txt"],
                 ["glossary", "import", "nope.csv"], ["models", "install", "nope.argosmodel"]):
        result = run(base, *args)
        assert result.exit_code == INPUT, (args, result.stderr)


def test_lock_held_too_long_is_the_environment(base):
    from filelock import FileLock

    from translate_pipeline.core.errors import EnvironmentProblem
    from translate_pipeline.core.project import project_lock
    from translate_pipeline.core.settings import load_config

    with FileLock(str(base / ".translate-pipeline.lock")):
        with pytest.raises(EnvironmentProblem, match="holds the project lock"):
            with project_lock(load_config(base), timeout=0.1):
                pass


def test_several_problems_exit_with_the_worst():
    from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, Refused, worst

    assert worst([]) is OK
    assert worst([Refused("no"), PipelineError("bad")]) is INPUT
    assert worst([PipelineError("bad"), EnvironmentProblem("disk")]) is ENVIRONMENT
