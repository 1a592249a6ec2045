import json
import shutil

import pytest
from click.testing import CliRunner
from glossary_fixtures import STARTER

from translate_pipeline.cli import main
from translate_pipeline.core.errors import ExitCode

ARTICLE = (
    "Аким Костанайской области встретился с КАМАЗом\n"
    "Председатель правления АО «БРК – Лизинг» и представители МИИРа подписали документ.Акимат поддержал проект.\n"
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "glossary").mkdir()
    shutil.copy(STARTER, tmp_path / "glossary" / "terms.csv")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "news.ru.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def run(project, *args):
    return CliRunner().invoke(main, ["-C", str(project), "glossary", *args], catch_exceptions=False)


def test_check_json_lists_every_occurrence_with_span_and_concept(project):
    result = run(project, "check", str(project / "articles" / "news.ru.txt"), "--format", "json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)["articles"]
    got = [(o["line"], o["text"], o["concept"]) for o in report["occurrences"]]
    assert got == [
        (1, "Аким", "akim"),
        (1, "Костанайской области", "kostanay-region"),
        (1, "КАМАЗом", "kamaz"),
        (2, "АО", "jsc"),
        (2, "БРК – Лизинг", "dbk-leasing"),
        (2, "МИИРа", "miid"),
        (2, "Акимат", "akimat"),
    ]
    segments = [o["segment"] for o in report["occurrences"]]
    assert segments[:3] == [0, 0, 0] and segments[3] == 1 and segments == sorted(segments)
    for o in report["occurrences"]:
        assert o["sentence"][o["start"] : o["end"]] == o["text"]
    assert report["occurrences"][4]["targets"] == {"en": "DBK-Leasing", "kk": "ҚДБ-Лизинг"}


def test_check_text_output(project):
    result = run(project, "check", str(project / "articles" / "news.ru.txt"))
    assert "news.ru.txt:2: «МИИРа» → МИИР [miid] en: MIID; kk: ИИДМ" in result.output
    assert result.output.strip().endswith("7 occurrence(s) of 7 concept(s) in 1 article(s)")


def test_add_then_list(project):
    result = run(project, "add", "Инжиниринговый центр", "-t", "en=Engineering Centre", "-t", "kk=Инжинирингтік орталық",
                 "--variant", "en=Engineering Center", "--note", "training centre")
    assert result.exit_code == 0, result.output
    listing = json.loads(run(project, "list", "--format", "json").output)["concepts"]
    added = listing[-1]
    assert added["terms"]["en"] == ["Engineering Centre", "Engineering Center"] and added["note"] == "training centre"
    (found,) = json.loads(run(project, "check", "news", "--format", "json").output)["articles"]
    assert found["concepts"]  # the file still loads


def test_add_rejects_a_conflict_without_touching_the_file(project):
    before = (project / "glossary" / "terms.csv").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(project), "glossary", "add", "аким", "-t", "en=governor"])
    assert result.exit_code == ExitCode.INPUT and "Traceback" not in result.output
    assert result.output.splitlines() == [  # the entry already there, by file and line, and what to do instead
        "error: glossary/terms.csv:6: 'аким' is already in the term base as concept 'akim' (en: akim; kk: әкім); "
        "use glossary add --replace to change its translations, glossary remove akim to take it out"]
    assert (project / "glossary" / "terms.csv").read_text(encoding="utf-8") == before


def test_export_import_round_trip(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    for name in ("g.tbx", "g.csv", "g.tsv"):
        assert run(project, "export", str(out / name)).exit_code == 0
    other = tmp_path_factory.mktemp("other")
    result = run(other, "import", str(out / "g.tbx"))
    count = len(json.loads(run(project, "list", "--format", "json").output)["concepts"])
    assert result.exit_code == 0 and f"imported {count} concept(s)" in result.output
    assert (other / "glossary" / "terms.csv").read_text(encoding="utf-8") == (out / "g.csv").read_text(encoding="utf-8")
    again = run(other, "import", str(out / "g.tsv"))
    assert "imported 0 concept(s)" in again.output and f"{count} already present" in again.output


def test_malformed_glossary_is_one_line_error(project):
    (project / "glossary" / "extra.csv").write_text("ru,en\nаким,akim\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(project), "glossary", "list"])
    assert result.exit_code == ExitCode.INPUT
    assert result.output.strip().splitlines() == [
        "error: glossary/terms.csv:6: conflicting entries for 'аким' (also at extra.csv:2)"
    ]


@pytest.mark.parametrize("args, message", [
    (("-t", "zz=foo"), "--target zz=foo: unknown language code 'zz'"),
    (("-t", "en=test", "--variant", "qq=x"), "--variant qq=x: unknown language code 'qq'"),
    (("-t", "en=test", "--file", "../outside.csv"), "--file takes a file name inside glossary/, not a path"),
    (("-t", "en=test", "--file", "sub/terms.csv"), "--file takes a file name inside glossary/, not a path"),
    # glossary/ is read for *.csv and *.tsv only: a term added to terms.txt would never be matched
    (("-t", "en=test", "--file", "terms.txt"), "unsupported glossary format '.txt'; expected .csv, .tsv"),
    (("-t", "en=test", "-t", "en=trial"), "one preferred en term only; give others with --variant en=…"),
    (("-t", "en=test", "--file", "terms.tbx"), "unsupported glossary format '.tbx'; expected .csv, .tsv"),
])
def test_add_refuses_terms_that_would_be_lost(project, args, message):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = CliRunner().invoke(main, ["-C", str(project), "glossary", "add", "Тест", *args])
    assert result.exit_code == ExitCode.INPUT
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert not (project.parent / "outside.csv").exists()


def test_add_to_a_second_file_is_read_back(project):
    assert run(project, "add", "Тест", "-t", "en=test", "--file", "extra.tsv").exit_code == 0
    listing = json.loads(run(project, "list", "--format", "json").output)["concepts"]
    assert listing[0]["terms"] == {"ru": ["Тест"], "en": ["test"]}  # extra.tsv sorts before terms.csv


def test_misspelt_language_column_is_reported_on_import(project, tmp_path):
    incoming = tmp_path / "incoming.csv"
    incoming.write_text("ru,en,xx\nфу,foo,bar\n", encoding="utf-8")
    before = (project / "glossary" / "terms.csv").read_bytes()
    result = CliRunner().invoke(main, ["-C", str(project), "glossary", "import", str(incoming)])
    assert result.exit_code == ExitCode.INPUT
    assert result.output.strip() == f"error: {incoming.relative_to(project)}:1: column 'xx': unknown language code 'xx' (expected e.g. en, kk, kk-Latn)"
    assert (project / "glossary" / "terms.csv").read_bytes() == before


def test_an_import_that_adds_nothing_exits_1_with_the_reason_and_writes_nothing(project, tmp_path):
    """The same rule as tm import (issue 19): nothing added is the gate saying no, with why."""
    incoming = tmp_path / "incoming.csv"
    incoming.write_text("ru,en\nзавод,plant\n", encoding="utf-8")
    assert run(project, "import", str(incoming)).exit_code == 0
    before = (project / "glossary" / "terms.csv").read_bytes()
    again = run(project, "import", str(incoming))
    assert again.exit_code == ExitCode.REFUSED
    assert again.stderr == f"error: {incoming.name}: nothing new: all 1 concept(s) are already in the term base\n"
    assert again.stdout.startswith("imported 0 concept(s) into glossary/terms.csv; 1 already present")
    empty = tmp_path / "empty.csv"
    empty.write_text("ru,en\n", encoding="utf-8")
    result = run(project, "import", str(empty))
    assert result.exit_code == ExitCode.REFUSED and result.stderr == f"error: {empty.name}: no concepts in the file\n"
    assert (project / "glossary" / "terms.csv").read_bytes() == before
    fresh = run(project, "import", str(incoming), "--file", "new.csv")  # not even an empty new file
    assert fresh.exit_code == ExitCode.REFUSED and not (project / "glossary" / "new.csv").exists()
