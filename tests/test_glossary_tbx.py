import pytest
from glossary_fixtures import STARTER
from lxml import etree

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.glossary import tbx
from translate_pipeline.glossary.termbase import dumps, load

TBX2008 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="ru">
 <martifHeader><fileDesc><sourceDesc><p>other tool</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="akim">
   <descrip type="definition">Head of a regional administration</descrip>
   <langSet xml:lang="ru"><tig><term>аким</term></tig></langSet>
   <langSet xml:lang="en-GB">
    <ntig><termGrp><term>akim</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>governor</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="brand">
   <descrip type="Translation needed">no</descrip>
   <langSet xml:lang="ru"><tig><term>Hyundai</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
"""


def test_round_trip_through_tbx_keeps_every_column(tmp_path):
    base = load(STARTER)
    path = tmp_path / "terms.tbx"
    tbx.save(base, path)
    assert dumps(tbx.load(path)) == dumps(base)


def test_export_is_tbx_basic_2019():
    root = etree.fromstring(tbx.dumps(load(STARTER)))
    assert root.tag == f"{{{tbx.NS}}}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    entry = root.find(f".//{{{tbx.NS}}}conceptEntry[@id='dbk-leasing']")
    statuses = {
        sec.findtext(f"{{{tbx.NS}}}term"): sec.find(f"{{{tbx.NS}}}termNote[@type='administrativeStatus']").text
        for sec in entry.iter(f"{{{tbx.NS}}}termSec")
    }
    assert statuses["DBK-Leasing"] == tbx.PREFERRED and statuses["BRK-Leasing"] == tbx.DEPRECATED


def test_imports_the_2008_edition():
    base = tbx.parse(TBX2008.encode())
    akim, brand = base.concepts
    assert akim.terms == {"ru": ("аким",), "en": ("akim",)} and akim.forbidden == {"en": ("governor",)}
    assert akim.note == "Head of a regional administration" and akim.line == 5
    assert brand.do_not_translate and brand.accepted("kk") == ("Hyundai",)


@pytest.mark.parametrize(
    "mutate, line, words",
    [
        (lambda t: t.replace("</langSet>\n  </termEntry>\n  <termEntry", "</langSet>\n  <termEntry", 1), None, "malformed TBX"),
        (lambda t: t.replace("<term>akim</term>", "<term> </term>"), 9, "empty term"),
        (lambda t: t.replace('<langSet xml:lang="en-GB">', "<langSet>"), 8, "without xml:lang"),
        (lambda t: t.replace("<term>Hyundai</term>", "<term>Аким</term>"), 13, "conflicting entries for 'Аким'"),
        (lambda t: t.replace("<tig><term>аким</term></tig>", ""), 5, "empty source term"),
        (lambda t: t.replace("martif", "html"), 2, "not a TBX file"),
    ],
)
def test_bad_tbx_names_the_line(mutate, line, words):
    with pytest.raises(PipelineError) as info:
        tbx.parse(mutate(TBX2008).encode(), "in.tbx")
    assert words in info.value.message
    if line is not None:
        assert info.value.line == line
    else:
        assert info.value.line


def test_conflict_between_tbx_entries_is_reported_with_the_line():
    doubled = TBX2008.replace('<termEntry id="brand">', '<termEntry id="akim2"><langSet xml:lang="ru"><tig><term>аким</term></tig></langSet><langSet xml:lang="en"><tig><term>akim</term></tig></langSet></termEntry>\n  <termEntry id="brand">')
    with pytest.raises(PipelineError) as info:
        tbx.parse(doubled.encode(), "in.tbx")
    assert "duplicate concept 'аким' (also at in.tbx:5)" in info.value.message and info.value.line == 13
