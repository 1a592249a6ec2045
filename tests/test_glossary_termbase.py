import pytest
from glossary_fixtures import STARTER

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.glossary.termbase import (
    dumps,
    load,
    load_dir,
    merge,
    parse,
)
from translate_pipeline.glossary.formats import write

HEADER = "id,ru,ru_variants,en,en_variants,en_forbidden,kk,do_not_translate,note\n"


def error(text: str, name: str = "terms.csv") -> PipelineError:
    with pytest.raises(PipelineError) as info:
        parse(text, name)
    return info.value


def test_parses_terms_variants_forbidden_and_flags():
    base = parse(HEADER + 'miid,МИИР,,MIID,"Ministry of Industry|MoI",MIIR,ИИДМ,,"a note"\nhy,Hyundai,,,,,,yes,\n')
    miid, hyundai = base.concepts
    assert miid.terms["en"] == ("MIID", "Ministry of Industry", "MoI")
    assert miid.forbidden == {"en": ("MIIR",)}
    assert miid.preferred("kk") == "ИИДМ" and miid.note == "a note" and miid.line == 2
    assert hyundai.do_not_translate and hyundai.accepted("en") == ("Hyundai",) and hyundai.accepted("kk") == ("Hyundai",)


def test_tsv_and_comments_and_blank_lines():
    base = parse("ru\ten\n# a comment\n\nаким\takim\n", "terms.tsv")
    assert [c.terms["en"] for c in base.concepts] == [("akim",)]
    assert base.concepts[0].line == 4 and base.concepts[0].id == "аким"


@pytest.mark.parametrize(
    "text, line, words",
    [
        (HEADER + "a,,,x,,,,,\n", 2, "empty source term"),
        (HEADER + "a,аким,,akim,,,,,\nb,МИИР,,,,,,,\n", 3, "no target term"),
        (HEADER + "a,аким,,akim,,,,,\nb,Аким,,akim,,,,,\n", 3, "duplicate concept 'Аким' (also at terms.csv:2)"),
        (HEADER + "a,аким,,akim,,,,,\nb,акимат,аким,akimat,,,,,\n", 3, "conflicting entries for 'аким' (also at terms.csv:2)"),
        (HEADER + "a,аким,,akim,,,,,\na,акимат,,akimat,,,,,\n", 3, "duplicate concept id 'a'"),
        (HEADER + "a,аким,,akim,,akim,,,\n", 2, "both accepted and forbidden"),
        (HEADER + "a,аким,,akim,,,,maybe,\n", 2, "expected yes or no"),
        (HEADER + "a,аким,,akim|governor,,,,,\n", 2, "one preferred term"),
        (HEADER + "a,аким,,,akim,,,,\n", 2, "en_variants given but 'en' is empty"),
        (HEADER + "a,аким,,akim,,,,,,extra\n", 2, "10 fields but the header has 9"),
        (HEADER + 'a,аким,,akim,,,,,\nb,"МИИР,,MIID\n', 3, "malformed CSV"),
        ("id,en,kk\n", 1, "no 'ru' column"),
        ("ru,english\n", 1, "unknown column 'english'"),
    ],
)
def test_malformed_input_names_the_line(text, line, words):
    exc = error(text)
    assert exc.line == line and str(exc.path) == "terms.csv"
    assert words in exc.message


def test_multiline_cell_reports_the_row_start_line():
    exc = error(HEADER + 'a,аким,,akim,,,,,"two\nlines"\nb,,,x,,,,,\n')
    assert exc.line == 4


def test_dash_and_case_variants_count_as_duplicates():
    exc = error("ru,en\nБРК-Лизинг,DBK-Leasing\nБРК – Лизинг,DBK-Leasing\n")
    assert exc.line == 3 and "duplicate concept" in exc.message


def test_save_and_load_round_trip(tmp_path):
    base = load(STARTER)
    for name in ("copy.csv", "copy.tsv"):
        write(base, tmp_path / name)
        again = load(tmp_path / name)
        assert dumps(again) == dumps(base)
        assert [c.terms for c in again.concepts] == [c.terms for c in base.concepts]


def test_starter_glossary_covers_the_issue_terms():
    base = load(STARTER)
    by_ru = {c.terms["ru"][0]: c for c in base.concepts}
    expected = {
        "МИИР": ("MIID", "ИИДМ"),
        "БРК-Лизинг": ("DBK-Leasing", "ҚДБ-Лизинг"),
        "аким": ("akim", "әкім"),
        "акимат": ("akimat", "әкімдік"),
        "РК": ("Republic of Kazakhstan", "ҚР"),
        "АО": ("JSC", "АҚ"),
        "ПАО": ("PJSC", "ЖАҚ"),
        "СНГ": ("CIS", "ТМД"),
        "Костанайская область": ("Kostanay region", "Қостанай облысы"),
        "КАМАЗ": ("KAMAZ", "ҚАМАЗ"),
    }
    for ru, (en, kk) in expected.items():
        assert (by_ru[ru].preferred("en"), by_ru[ru].preferred("kk")) == (en, kk)
    assert by_ru["Daimler AG"].do_not_translate and by_ru["Hyundai"].do_not_translate
    assert all(c.source for c in base.concepts), "every row names where it was verified"


def test_load_dir_reads_all_files_and_rejects_cross_file_conflicts(tmp_path):
    assert load_dir(tmp_path / "missing").concepts == []
    (tmp_path / "a.csv").write_text("ru,en\nаким,akim\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("ru\ten\nакимат\takimat\n", encoding="utf-8")
    assert [c.id for c in load_dir(tmp_path).concepts] == ["аким", "акимат"]
    (tmp_path / "c.csv").write_text("ru,en\nаким,governor\n", encoding="utf-8")
    with pytest.raises(PipelineError) as info:
        load_dir(tmp_path)
    assert info.value.path.name == "c.csv" and info.value.line == 2 and "conflicting" in info.value.message


def test_merge_skips_identical_and_rejects_conflicts():
    base = parse("ru,en\nаким,akim\n")
    merged = merge(base, parse("ru,en\nАким,Akim\nакимат,akimat\n"))
    assert [c.terms["en"] for c in merged.concepts] == [("akim",), ("akimat",)]
    with pytest.raises(PipelineError, match="conflicting entries for 'аким'"):
        merge(base, parse("ru,en\nаким,governor\n"))


def test_not_utf8(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_bytes("ru,en\nаким,akim\n".encode("cp1251"))
    with pytest.raises(PipelineError, match="not UTF-8"):
        load(path)
