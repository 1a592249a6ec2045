"""One settings schema, checked when the project loads, whatever command runs."""
from __future__ import annotations

import dataclasses
import typing

import click
import pytest
from helpers import new_project, run, snapshot

from translate_pipeline.cli import main
from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.core.settings import load_config

# Arguments that make each command get past click's own parsing; the settings error must come first.
ARGS = {
    "extract": ["articles"], "update": ["articles"], "translate": ["articles", "--no-mt"], "stats": [],
    "check": [], "publish": ["--check"], "compile": [], "evaluate": [],
    "glossary list": [], "glossary add": ["аким", "-t", "en=akim"], "glossary remove": ["аким"],
    "glossary check": ["articles/kamaz-kazakhstan.ru.txt"],
    "glossary import": ["terms.csv"], "glossary export": ["out.csv"],
    "models list": [], "models install": ["ru", "en"], "models remove": ["ru", "en"], "models available": [],
    "models route": [], "mt cache stats": [], "mt cache clear": [],
    "models add": ["owner/model"], "models check": ["ru", "kk"],
    "tm import": ["articles/kamaz-kazakhstan.ru.txt"], "tm export": ["out.tmx"], "tm stats": [], "tm harvest": [],
}

BAD = [
    ("[publsh]\nkk_latin = false\n", "unknown table [publsh] (known tables: glossary, mt, publish, qa, source, tm)"),
    ("[glosary]\nenforce = false\n", "unknown table [glosary]"),
    ("[qa]\nstrictt = true\n", "[qa] unknown setting 'strictt' (known: disabled, kazakh_min_words, known_names,"),
    ("source_lng = \"ru\"\n", "unknown setting 'source_lng' (known: articles_dir, glossary, glossary_dir,"),
    ("[mt.models.nllb]\npath = \"m\"\ntokenizer = \"t\"\nkind = \"nllb\"\nlanguage = {}\n",
     "[mt.models.nllb] unknown setting 'language' (known: disable_unk, forced_eos, kind, languages, license,"),
]


def _leaf_commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _leaf_commands(command, f"{prefix}{name} ")
        else:
            names.append(prefix + name)
    return names


def test_every_command_is_covered():
    assert sorted(_leaf_commands(main)) == sorted(ARGS)


@pytest.mark.parametrize("command", sorted(ARGS))
@pytest.mark.parametrize("toml, message", BAD, ids=[b[0].split("\n")[0] for b in BAD])
def test_misspelt_table_or_key_stops_every_command(tmp_path, command, toml, message):
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text(toml, encoding="utf-8")
    before = snapshot(project)
    result = run(project, *command.split(), *ARGS[command])
    assert result.exit_code == ExitCode.INPUT, result.stdout
    assert result.stderr.count("\n") == 1 and "translate-pipeline.toml: " in result.stderr
    assert message in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("toml, message", [
    ("[tm]\nthreshold = true\n", "[tm] threshold must be a number, got True"),
    ("[tm]\nthreshold = 0\n", "[tm] threshold must be above 0, at most 100, got 0"),
    ('[mt]\nbeam_size = "4"\n', "[mt] beam_size must be an integer, got '4'"),
    ("[mt]\ninter_threads = 1.5\n", "[mt] inter_threads must be an integer"),
    ('[mt]\ndevice = "gpu"\n', "[mt] device must be one of cpu, cuda, auto, not 'gpu'"),
    ("[glossary]\nn_best = 64\n", "[glossary] n_best must be from 1 to 32, got 64"),
    ('[publish]\nkk_latin = "yes"\n', "[publish] kk_latin must be true or false, got 'yes'"),
    ("target_langs = 5\n", "target_langs must be a string or a list of strings, got 5"),
    ('[mt.models.x]\npath = "m"\n', '[mt.models.x] needs tokenizer = "…"'),
    ("[qa.length_ratio]\nru-en = [1.5, 0.5]\n", "[qa] length_ratio ru-en must be [min, max] with 0 < min < max"),
])
def test_badly_typed_values_are_one_line_errors_at_load(tmp_path, toml, message):
    (tmp_path / "translate-pipeline.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_valid_tables_reach_the_stages(tmp_path):
    (tmp_path / "translate-pipeline.toml").write_text(
        'target_langs = "en, kk"\n[tm]\nthreshold = 80\n[glossary]\nenforce = false\n'
        '[mt]\npivots = "en"\nbeam_size = 2\n[qa.severity]\nnumbers = "warning"\n[publish]\nkk_latin = false\n',
        encoding="utf-8")
    config = load_config(tmp_path)
    assert config.target_langs == ["en", "kk"]
    assert (config.tm.threshold, config.glossary.enforce, config.mt.beam_size) == (80, False, 2)
    assert config.qa.severity == {"numbers": "warning"} and config.publish.kk_latin is False


# --- every number has a range (issue 21) -------------------------------------------------------

def _numeric_settings():
    """(TOML table, key, type) of every number in the schema, found by walking it: a new numeric
    setting is tested (and must declare a range) without editing this test."""
    from translate_pipeline.core.settings import ProjectConfig

    def number(hint) -> bool:
        return (typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint) in (int, float)

    def holds_number(hint) -> bool:
        return number(hint) or any(holds_number(arg) for arg in typing.get_args(hint))

    def walk(schema, table):
        hints = typing.get_type_hints(schema, include_extras=True)
        for f in dataclasses.fields(schema):
            hint = hints[f.name]
            if typing.get_origin(hint) is typing.Union:  # Optional: the number inside
                hint = next(a for a in typing.get_args(hint) if a is not type(None))
            values = typing.get_args(hint)[1] if typing.get_origin(hint) is dict else None
            if dataclasses.is_dataclass(hint):
                yield from walk(hint, (*table, f.name))
            elif dataclasses.is_dataclass(values):  # [mt.models.<name>]
                yield from walk(values, (*table, f.name, "x"))
            elif number(hint):
                yield table, f.name, hint
            elif values is not None and number(values):  # a table of numbers
                yield (*table, f.name), "ru-en", values
            elif values is not None and typing.get_origin(values) is list and number(typing.get_args(values)[0]):
                yield (*table, f.name), "ru-en", typing.get_args(values)[0]  # [qa.length_ratio] ru-en = [min, max]
            else:
                assert not holds_number(hint), f"teach this test where [{'.'.join(table)}] {f.name} puts numbers"

    return list(walk(ProjectConfig, ()))


NUMBERS = _numeric_settings()


def _toml(table: tuple[str, ...], key: str, value) -> str:
    """A config setting only ``value`` at ``[table] key`` (repr is TOML for numbers, nan and inf included)."""
    if (*table, key) == ("qa", "length_ratio", "ru-en"):  # [min, max], min < max: the value as the min, or the max
        pair = f"[{value!r}, 100]" if value < 100 else f"[0.01, {value!r}]"
        return f"[qa.length_ratio]\n{key} = {pair}\n"
    needed = 'path = "m"\ntokenizer = "t"\n' if table[:2] == ("mt", "models") else ""
    return f"[{'.'.join(table)}]\n{needed}{key} = {value!r}\n"


def test_every_numeric_setting_has_a_lower_and_an_upper_bound():
    from annotated_types import Interval

    assert len(NUMBERS) >= 30
    for table, key, hint in NUMBERS:
        bounds = [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Interval)]
        assert bounds and bounds[0].le is not None and (bounds[0].ge, bounds[0].gt) != (None, None), \
            f"[{'.'.join(table)}] {key}: declare it with Integer(low, high) or Number(low, high)"


@pytest.mark.parametrize("table, key, hint", NUMBERS, ids=[f"{'.'.join(t)}.{k}" for t, k, _ in NUMBERS])
def test_numbers_at_their_bounds_load_and_beyond_them_are_one_line_errors(tmp_path, table, key, hint):
    from annotated_types import Interval

    from translate_pipeline.core.settings import range_text

    bounds = next(m for m in hint.__metadata__ if isinstance(m, Interval))
    integer = typing.get_args(hint)[0] is int
    low = bounds.ge if bounds.ge is not None else bounds.gt + (1 if integer else 0.001)
    inside = [low, bounds.le]
    outside = [low - 1 if bounds.gt is None else bounds.gt, bounds.le + 1, 99999999999999999999999]
    if not integer:
        outside += [bounds.le + 0.5, float("nan"), float("inf"), float("-inf")]
    config = tmp_path / "translate-pipeline.toml"
    for value in inside:
        config.write_text(_toml(table, key, value), "utf-8")
        load_config(tmp_path)
    shown = f"[{'.'.join(table)}] {key}" + ("[" if table == ("qa", "length_ratio") else "")
    for value in outside:
        config.write_text(_toml(table, key, value), "utf-8")
        with pytest.raises(PipelineError) as caught:
            load_config(tmp_path)
        message = str(caught.value)
        assert "\n" not in message and message.startswith(f"{config}: {shown}"), message
        assert range_text(bounds) in message, message


@pytest.mark.parametrize("value", ["99999999999999999999999", "100000"])
def test_a_huge_beam_is_a_config_error_naming_file_key_and_range(tmp_path, value):
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text(f"[mt]\nbeam_size = {value}\n", "utf-8")
    before = snapshot(project)
    result = run(project, "translate", "articles")
    assert result.exit_code == ExitCode.INPUT and snapshot(project) == before
    assert result.stderr == f"error: translate-pipeline.toml: [mt] beam_size must be from 1 to 32, got {value}\n"
