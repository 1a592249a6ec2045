"""TMX 1.4b inline codes: line breaks become spaces, other codes round-trip import → TM → export."""
from __future__ import annotations

import pytest
from lxml import etree

from translate_pipeline.catalog.provenance import Key
from translate_pipeline.core.settings import load_config
from translate_pipeline.tm import open_project_tm
from translate_pipeline.tm.inline import strip_codes

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="CMS" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="ru" datatype="html"/>
  <body>
{units}
  </body>
</tmx>
"""


def tu(ru: str, en: str) -> str:
    return f'<tu><tuv xml:lang="ru"><seg>{ru}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'


def imported(tmp_path, *units):
    path = tmp_path / "in.tmx"
    path.write_text(TMX.format(units="\n".join(units)), encoding="utf-8")
    tm = open_project_tm(load_config(tmp_path))
    tm.import_tmx(path)
    return tm


@pytest.mark.parametrize("code", [
    '<ph type="lb">&lt;br/&gt;</ph>',  # TMX 1.4b's line-break type
    "<ph>&lt;br /&gt;</ph>",  # an HTML break without a type
    '<ph x="3">&lt;BR&gt;</ph>',
    "<ph>&amp;nbsp;</ph>",  # a non-breaking space entity
    '<it pos="begin">\\line</it>',  # RTF line break, isolated
    '<ph type="x-nbsp"/>',
    "<ph>\n</ph>",
])
def test_line_break_and_space_codes_become_a_space(tmp_path, code):
    ru = f"Подробности на сайте{code}министерства."
    with imported(tmp_path, tu(ru, f"Details on the ministry{code}website.")) as tm:
        unit = next(tm.store.units())
        exact = tm.lookup("Подробности на сайте министерства.", "ru", "en")
        glued = tm.lookup("Подробности на сайтеминистерства.", "ru", "en")
    assert (unit.source, unit.target) == ("Подробности на сайте министерства.", "Details on the ministry website.")
    assert exact.provenance.first(Key.ORIGIN).startswith("TM 100% exact") and exact.text == "Details on the ministry website."
    assert not glued or not glued.provenance.first(Key.ORIGIN).startswith("TM 100%")


CODED_RU = ('Завод <bpt i="1" x="1">&lt;a href="/kamaz"&gt;</bpt>КАМАЗ<ept i="1">&lt;/a&gt;</ept> построят '
            '<hi type="x-em">в Костанае</hi><ph x="2">&lt;img src="map.png"/&gt;</ph>.')
CODED_EN = ('The <bpt i="1" x="1">&lt;a href="/kamaz"&gt;</bpt>KAMAZ<ept i="1">&lt;/a&gt;</ept> plant will be built '
            '<hi type="x-em">in Kostanay</hi><ph x="2">&lt;img src="map.png"/&gt;</ph>.')
ISOLATED_RU = 'Начало <it pos="begin" x="4">&lt;b&gt;</it>жирного текста и <ut>{\\b}</ut>RTF.'
ISOLATED_EN = 'Start of <it pos="begin" x="4">&lt;b&gt;</it>bold text and <ut>{\\b}</ut>RTF.'


def segs(path):
    """Each <seg> as canonical XML, by language, in file order."""
    out = []
    for tuv in etree.parse(str(path)).iter("tuv"):
        seg = tuv.find("seg")
        inner = (seg.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in seg)
        out.append((tuv.get("{http://www.w3.org/XML/1998/namespace}lang"), inner))
    return out


def test_inline_codes_round_trip_import_tm_export(tmp_path):
    with imported(tmp_path, tu(CODED_RU, CODED_EN), tu(ISOLATED_RU, ISOLATED_EN)) as tm:
        units = {strip_codes(u.source): u for u in tm.store.units()}
        suggestion = tm.lookup("Завод КАМАЗ построят в Костанае.", "ru", "en")
        tm.export_tmx(tmp_path / "out.tmx")
    assert set(units) == {"Завод КАМАЗ построят в Костанае.", "Начало жирного текста и RTF."}
    assert suggestion.provenance.first(Key.ORIGIN).startswith("TM 100% exact")  # codes do not cost match points ...
    assert suggestion.text == "The KAMAZ plant will be built in Kostanay."  # ... nor reach the catalog
    assert segs(tmp_path / "out.tmx") == [("ru", CODED_RU), ("en", CODED_EN), ("ru", ISOLATED_RU), ("en", ISOLATED_EN)]
    again = tmp_path / "again"
    again.mkdir()
    with imported(again, tu(CODED_RU, CODED_EN)) as tm2:  # and a second trip stores the same text
        assert next(tm2.store.units()).target == units["Завод КАМАЗ построят в Костанае."].target


def test_fuzzy_score_ignores_codes(tmp_path):
    with imported(tmp_path, tu(CODED_RU, CODED_EN)) as tm:
        fuzzy = tm.lookup("Завод КАМАЗ построят в Костанае в 2027 году.", "ru", "en")
    assert fuzzy is not None and "TM source: Завод КАМАЗ построят в Костанае." in fuzzy.provenance.first(Key.TM)
