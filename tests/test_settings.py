"""One settings schema, checked when the project loads, whatever command runs."""
from __future__ import annotations

import click
import pytest
from helpers import new_project, run, snapshot

from translate_pipeline.cli import main
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import load_config

# Arguments that make each command get past click's own parsing; the settings error must come first.
ARGS = {
    "extract": ["articles"], "update": ["articles"], "translate": ["articles", "--no-mt"], "stats": [],
    "check": [], "publish": ["--check"], "compile": [], "evaluate": [],
    "glossary list": [], "glossary add": ["аким", "-t", "en=akim"], "glossary check": ["articles/kamaz-kazakhstan.ru.txt"],
    "glossary import": ["terms.csv"], "glossary export": ["out.csv"],
    "models list": [], "models install": ["ru", "en"], "models remove": ["ru", "en"], "models available": [],
    "models route": [], "mt cache stats": [], "mt cache clear": [],
    "models add": ["owner/model"], "models check": ["ru", "kk"],
    "tm import": ["articles/kamaz-kazakhstan.ru.txt"], "tm export": ["out.tmx"], "tm stats": [], "tm harvest": [],
}

BAD = [
    ("[publsh]\nkk_latin = false\n", "unknown table [publsh] (known tables: glossary, mt, publish, qa, tm)"),
    ("[glosary]\nenforce = false\n", "unknown table [glosary]"),
    ("[qa]\nstrictt = true\n", "[qa] unknown setting 'strictt' (known: disabled, kazakh_min_words, known_names,"),
    ("source_lng = \"ru\"\n", "unknown setting 'source_lng' (known: articles_dir, glossary, glossary_dir,"),
    ("[mt.models.nllb]\npath = \"m\"\ntokenizer = \"t\"\nkind = \"nllb\"\nlanguage = {}\n",
     "[mt.models.nllb] unknown setting 'language' (known: disable_unk, kind, languages, license,"),
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
    assert result.exit_code == 1, result.stdout
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
