"""Glossary files as spreadsheets and term banks really write them: CSV delimiters, TBX scripts and statuses."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from translate_pipeline.cli import main
from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.glossary import tbx
from translate_pipeline.glossary.termbase import dumps, load, parse
from translate_pipeline.core.langs import Tag

from glossary_fixtures import STARTER

SPREADSHEET_ROWS = [["id", "ru", "en", "kk"], ["akimat", "акимат", "akimat", "әкімдік"], ["note", "т. е., то есть", "i.e.", "яғни"]]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("bom, newline", [("\ufeff", "\r\n"), ("", "\n"), ("\ufeff", "\n")])
def test_spreadsheet_csv_delimiter_bom_and_crlf(tmp_path, delimiter, bom, newline):
    quote = (lambda c: f'"{c}"' if delimiter in c or "," in c else c)
    text = bom + newline.join(delimiter.join(quote(c) for c in row) for row in SPREADSHEET_ROWS) + newline
    path = tmp_path / "glossary" / "terms.csv"
    path.parent.mkdir()
    path.write_bytes(text.encode("utf-8"))
    base = load(path)
    assert [dict(c.terms) for c in base.concepts] == [
        {"ru": ("акимат",), "en": ("akimat",), "kk": ("әкімдік",)},
        {"ru": ("т. е., то есть",), "en": ("i.e.",), "kk": ("яғни",)},
    ]
    # glossary add appends one row in the spreadsheet's own delimiter, BOM and line ends; the rest stays as it was
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "glossary", "add", "аким", "-t", "en=akim", "-t", "kk=әкім, облыс"])
    assert result.exit_code == 0, result.output
    row = delimiter.join(["", "аким", "akim", '"әкім, облыс"' if delimiter == "," else "әкім, облыс"])
    assert path.read_bytes() == (text + row + newline).encode("utf-8")
    assert [c.id for c in load(path).concepts] == ["akimat", "note", "аким"]


def test_tsv_suffix_with_semicolons_inside_terms_is_still_tab_separated():
    base = parse("ru\ten\nгорно-металлургический комбинат; ГМК\tmining and smelting plant\n", "x.tsv")
    assert base.concepts[0].terms["ru"] == ("горно-металлургический комбинат; ГМК",)


def test_no_delimiter_gives_a_source_column_names_them_all():
    with pytest.raises(PipelineError) as info:
        parse("id|ru|en\n1|аким|akim\n", "terms.csv")
    assert str(info.value).startswith("terms.csv:1: header has no 'ru' column (the source term) with any delimiter (comma, semicolon, tab)")


def test_spreadsheet_glossary_is_used_by_the_project(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_bytes("\ufeffid;ru;en;kk\r\nakimat;акимат;akimat;әкімдік\r\n".encode())
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.ru.txt").write_text("Заголовок\nАкимат поддержал проект.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "glossary", "check", str(tmp_path / "articles" / "a.ru.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [o["concept"] for o in json.loads(result.output)["articles"][0]["occurrences"]] == ["akimat"]


TBX_KK = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="ru">
 <tbxHeader><fileDesc><sourceDesc><p>term bank</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="akimat">
   <langSec xml:lang="ru"><termSec><term>акимат</term></termSec></langSec>
   <langSec xml:lang="kk-KZ"><termSec><term>әкімдік</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
   <langSec xml:lang="kk-Latn-KZ"><termSec><term>äkımdık</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
   <langSec xml:lang="en"><termSec><term>akimat</term></termSec></langSec>
  </conceptEntry>
  <conceptEntry id="astana">
   <langSec xml:lang="ru"><termSec><term>Астана</term></termSec></langSec>
   <langSec xml:lang="en-GB">
    <termSec><term>Nur-Sultan</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
    <termSec><term>Akmola</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    <termSec><term>Astana City</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
   </langSec>
   <langSec xml:lang="en-US"><termSec><term>Astana</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
   <langSec xml:lang="kk-Cyrl-KZ"><termSec><term>Астана</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def test_tbx_script_variants_stay_apart_and_statuses_map():
    base = tbx.parse(TBX_KK.encode())
    akimat, astana = base.concepts
    assert akimat.terms["kk"] == ("әкімдік",) and akimat.terms["kk-Latn"] == ("äkımdık",)
    assert astana.terms["en"] == ("Astana", "Astana City")  # en-GB and en-US are one language; preferred first
    assert astana.forbidden["en"] == ("Nur-Sultan", "Akmola")  # superseded and deprecated: never to be used
    assert astana.terms["kk"] == ("Астана",)
    assert base.languages == ["ru", "kk", "kk-Latn", "en"]
    again = tbx.parse(tbx.dumps(base))  # and back through TBX and CSV
    assert [dict(c.terms) for c in again.concepts] == [dict(c.terms) for c in base.concepts]
    assert parse(dumps(base)).concepts[0].terms["kk-Latn"] == ("äkımdık",)


def test_tbx_2008_normative_authorization_is_read_as_status():
    data = TBX_KK.replace('type="administrativeStatus">supersededTerm-admn-sts', 'type="normativeAuthorization">supersededTerm')
    assert tbx.parse(data.encode()).concepts[1].forbidden["en"] == ("Nur-Sultan", "Akmola")


@pytest.mark.parametrize("code, message", [
    ("kz", "unknown language code 'kz'"),
    ("english", "unknown language code 'english'"),
    ("kk-Latx", "unknown script 'Latx'"),
])
def test_tbx_with_unknown_language_is_refused_and_nothing_written(tmp_path, code, message):
    (tmp_path / "glossary").mkdir()
    shutil.copy(STARTER, tmp_path / "glossary" / "terms.csv")
    before = (tmp_path / "glossary" / "terms.csv").read_bytes()
    bad = TBX_KK.replace('xml:lang="kk-KZ"', f'xml:lang="{code}"')
    incoming = tmp_path / "bank.tbx"
    incoming.write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "glossary", "import", str(incoming)])
    assert result.exit_code == ExitCode.INPUT
    line = bad[: bad.index(f'xml:lang="{code}"')].count("\n") + 1
    assert result.output.strip().splitlines() == [f"error: {incoming.relative_to(tmp_path)}:{line}: {message}" + result.output.strip().split(message, 1)[1]]
    assert (tmp_path / "glossary" / "terms.csv").read_bytes() == before


def test_unknown_term_status_is_refused():
    with pytest.raises(PipelineError, match="unknown term status 'obsoleteTerm'"):
        tbx.parse(TBX_KK.replace("supersededTerm-admn-sts", "obsoleteTerm").encode())


@pytest.mark.parametrize("code, lang", [("kk-KZ", "kk"), ("kk-Latn-KZ", "kk-Latn"), ("kk-Cyrl", "kk"), ("en-GB", "en"),
                                        ("sr-Latn", "sr-Latn"), ("uz_Latn_UZ", "uz"), ("kk-latn", "kk-Latn")])
def test_term_languages_keep_a_non_default_script(code, lang):
    assert Tag.parse(code).base == lang


def test_csv_column_for_a_script_variant(tmp_path):
    base = parse("ru,kk,kk-Latn,kk-Latn_variants\nакимат,әкімдік,äkımdık,akimdik\n")
    assert base.concepts[0].terms == {"ru": ("акимат",), "kk": ("әкімдік",), "kk-Latn": ("äkımdık", "akimdik")}
    with pytest.raises(PipelineError, match="column 'kk-KZ': write the language as 'kk'"):
        parse("ru,kk-KZ\nакимат,әкімдік\n")


def test_add_writes_the_term_base_language_code(tmp_path):
    (tmp_path / "glossary").mkdir()
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "glossary", "add", "акимат", "-t", "kk-KZ=әкімдік",
                                       "-t", "kk-Latn-KZ=äkımdık"])
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "glossary" / "terms.csv").concepts[0].terms == {
        "ru": ("акимат",), "kk": ("әкімдік",), "kk-Latn": ("äkımdık",)}
