"""TMX 1.4b exchange: round trip, files from other tools, damaged files."""
from __future__ import annotations

import pytest
from lxml import etree

from translate_pipeline.catalog.provenance import Key
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.core.settings import load_config
from translate_pipeline.tm import open_project_tm
from translate_pipeline.tm.inline import strip_codes
from translate_pipeline.tm.store import NewUnit

# Written by hand after the TMX 1.4b specification, the way a CAT tool exports:
# region variants in xml:lang, a full header with props and a note, three
# languages per <tu>, inline codes, a <tu> without Russian, tu-level dates.
OTHER_TOOL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OtherCAT" creationtoolversion="7.2.1" segtype="sentence"
          o-tmf="OtherCAT TM" adminlang="en-US" srclang="ru-RU" datatype="html"
          creationdate="20250101T120000Z" creationid="translator1" o-encoding="UTF-8">
    <note>News desk memory</note>
    <prop type="x-project">kamaz</prop>
  </header>
  <body>
    <tu tuid="tu-1" creationdate="20250102T101500Z" changedate="20250103T080000Z" usagecount="3">
      <note>checked by editor</note>
      <prop type="x-domain">economy</prop>
      <tuv xml:lang="ru-RU"><seg>Завод <bpt i="1" x="1">&lt;b&gt;</bpt>КАМАЗ<ept i="1">&lt;/b&gt;</ept> построят в Костанае.</seg></tuv>
      <tuv xml:lang="en-US"><seg>The <bpt i="1" x="1">&lt;b&gt;</bpt>KAMAZ<ept i="1">&lt;/b&gt;</ept> plant will be built in Kostanay.</seg></tuv>
      <tuv xml:lang="kk-KZ" creationid="translator2"><seg>Қостанайда <hi type="b">ҚАМАЗ</hi> зауыты салынады.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
    </tu>
    <tu tuid="tu-2">
      <tuv xml:lang="RU"><seg>Премьер-министр посетил площадку.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>The Prime Minister visited the site.</seg></tuv>
      <tuv xml:lang="kk-Latn-KZ"><seg>Premer-ministr alańǵa bardy.</seg></tuv>
    </tu>
    <tu tuid="tu-3">
      <tuv xml:lang="en-US"><seg>English only.</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Nur Englisch.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def _tm(root):
    return open_project_tm(load_config(root))


def _units(tm):
    """Units by (target language, source sentence as a catalog has it: inline codes left out)."""
    return {(u.target_lang, strip_codes(u.source)): u for u in tm.store.units()}


def test_tmx_from_another_tool_imports(tmp_path):
    path = tmp_path / "vendor.tmx"
    path.write_text(OTHER_TOOL_TMX, encoding="utf-8")
    with _tm(tmp_path) as tm:
        report = tm.import_tmx(path)
        units = _units(tm)
        suggestion = tm.lookup("Завод КАМАЗ построят в Костанае.", "ru", "kk")
    assert (report.units, report.skipped, report.counts.added) == (4, 1, 4)
    plant = "Завод КАМАЗ построят в Костанае."
    assert strip_codes(units[("en", plant)].target) == "The KAMAZ plant will be built in Kostanay."
    assert units[("en", plant)].target == (
        'The \ue000<bpt i="1" x="1">&lt;b&gt;</bpt>\ue001KAMAZ\ue000<ept i="1">&lt;/b&gt;</ept>\ue001 plant will be built in Kostanay.')
    assert units[("kk", plant)].target == 'Қостанайда \ue000<hi type="b">\ue001ҚАМАЗ\ue000</hi>\ue001 зауыты салынады.'
    assert suggestion.text == "Қостанайда ҚАМАЗ зауыты салынады."  # the catalog gets plain text
    assert units[("en", "Премьер-министр посетил площадку.")].target == "The Prime Minister visited the site."
    assert units[("kk-Latn", "Премьер-министр посетил площадку.")].target == "Premer-ministr alańǵa bardy."
    assert units[("en", plant)].created == "2025-01-02T10:15:00Z"
    assert units[("en", plant)].updated == "2025-01-03T08:00:00Z"
    assert {u.origin for u in units.values()} == {"vendor.tmx"}
    assert suggestion.provenance.first(Key.ORIGIN) == "TM 100% exact from vendor.tmx (kk)"


def test_round_trip_keeps_every_unit(tmp_path):
    project_a, project_b = tmp_path / "a", tmp_path / "b"
    project_a.mkdir(), project_b.mkdir()
    exported = tmp_path / "out" / "memory.tmx"
    with _tm(project_a) as tm:
        tm.store.write_units("ru", "en", [
            NewUnit("Завод КАМАЗ построят в Костанае.", "The KAMAZ plant will be built in Kostanay.", "kamaz"),
            NewUnit("Цена — 2,5 тысяч тенге & «скидка» <5%>.", "The price is 2,500 tenge & a “discount” <5%>.", "prices",
                    reviewed=False, created="2024-05-06T07:08:09Z"),
        ])
        tm.store.write_units("ru", "kk", [NewUnit("Завод КАМАЗ построят в Костанае.", "Қостанайда ҚАМАЗ зауыты салынады.", "kamaz")])
        assert tm.export_tmx(exported) == 3
        before = _units(tm)
    tree = etree.parse(str(exported))
    assert tree.getroot().get("version") == "1.4"
    assert tree.find("header").get("srclang") == "ru"
    assert tree.find("header").get("creationtool") == "translate-pipeline"
    with _tm(project_b) as tm:
        report = tm.import_tmx(exported)
        after = _units(tm)
    assert report.counts.added == 3
    strip = lambda u: (u.source_lang, u.target_lang, u.source, u.target, u.origin, u.reviewed, u.created, u.updated)  # noqa: E731
    assert {k: strip(u) for k, u in after.items()} == {k: strip(u) for k, u in before.items()}


def test_reimport_is_idempotent_and_export_filters_languages(tmp_path):
    path = tmp_path / "vendor.tmx"
    path.write_text(OTHER_TOOL_TMX, encoding="utf-8")
    with _tm(tmp_path) as tm:
        tm.import_tmx(path)
        again = tm.import_tmx(path)
        count = tm.export_tmx(tmp_path / "kk.tmx", ["kk"])
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 4)
    assert count == 1
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in etree.parse(str(tmp_path / "kk.tmx")).iter("tuv")}
    assert langs == {"ru", "kk"}


def test_malformed_tmx_is_a_one_line_error_and_imports_nothing(tmp_path):
    path = tmp_path / "broken.tmx"
    path.write_text(OTHER_TOOL_TMX[: OTHER_TOOL_TMX.index("<tu tuid=\"tu-2\">") + 40], encoding="utf-8")
    with _tm(tmp_path) as tm:
        with pytest.raises(PipelineError) as err:
            tm.import_tmx(path)
        assert err.value.path == path and err.value.line
        assert "not well-formed TMX" in str(err.value)
        assert tm.stats() == []


def test_tuv_without_language_rejects_the_whole_file(tmp_path):
    path = tmp_path / "nolang.tmx"
    path.write_text(OTHER_TOOL_TMX.replace('<tuv xml:lang="en-GB">', "<tuv>"), encoding="utf-8")
    with _tm(tmp_path) as tm:
        with pytest.raises(PipelineError) as err:
            tm.import_tmx(path)
        assert "without xml:lang" in str(err.value)
        assert err.value.line == OTHER_TOOL_TMX.splitlines().index('      <tuv xml:lang="en-GB"><seg>The Prime Minister visited the site.</seg></tuv>') + 1
        assert tm.stats() == []  # the first, valid <tu> was not imported either


@pytest.mark.parametrize("code, message", [("kz", "unknown language code 'kz'"), ("en-XX", "unknown region 'XX'")])
def test_unknown_language_rejects_the_whole_file(tmp_path, code, message):
    path = tmp_path / "badlang.tmx"
    path.write_text(OTHER_TOOL_TMX.replace('<tuv xml:lang="en-GB">', f'<tuv xml:lang="{code}">'), encoding="utf-8")
    with _tm(tmp_path) as tm:
        with pytest.raises(PipelineError) as err:
            tm.import_tmx(path)
        assert err.value.message.startswith(f"<tuv xml:lang={code!r}>: {message}") and err.value.path == path
        assert err.value.line == OTHER_TOOL_TMX.splitlines().index('      <tuv xml:lang="en-GB"><seg>The Prime Minister visited the site.</seg></tuv>') + 1
        assert tm.stats() == []


def test_xml_that_is_not_tmx_is_refused(tmp_path):
    path = tmp_path / "page.tmx"
    path.write_text("<?xml version='1.0'?><html><body><p>hi</p></body></html>", encoding="utf-8")
    with _tm(tmp_path) as tm:
        with pytest.raises(PipelineError, match="not a TMX file"):
            tm.import_tmx(path)


def test_failed_export_leaves_the_existing_file_alone(tmp_path):
    target = tmp_path / "memory.tmx"
    target.write_text("previous export", encoding="utf-8")
    (tmp_path / "memory.tmx.d").mkdir()
    with _tm(tmp_path) as tm:
        with pytest.raises(PipelineError):
            tm.export_tmx(tmp_path / "memory.tmx.d")  # a directory cannot be replaced by a file
        tm.export_tmx(target)
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("code, expected", [
    ("ru-RU", "ru"), ("kk-KZ", "kk"), ("en-US", "en"), ("EN_us", "en"), ("kk-Latn-KZ", "kk-Latn"), ("kk-cyrl-kz", "kk"), ("sr-Latn", "sr-Latn"), ("ru", "ru"),
])
def test_language_variants(code, expected):
    assert Tag.parse(code).base == expected


def test_pre_1_4_lang_attribute_is_understood(tmp_path):
    path = tmp_path / "old.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.1"><header srclang="RU" creationtool="x" creationtoolversion="1"'
        ' segtype="sentence" o-tmf="x" adminlang="EN" datatype="plaintext"/><body>'
        '<tu><tuv lang="RU"><seg>Аким открыл цех.</seg></tuv><tuv lang="EN-US"><seg>The akim opened a shop.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    with _tm(tmp_path) as tm:
        assert tm.import_tmx(path).counts.added == 1
        assert tm.lookup("Аким открыл цех.", "ru", "en").text == "The akim opened a shop."


@pytest.mark.parametrize("prop, reviewed", [
    ("", True),  # no marker: a hand-written or third-party TMX counts as reviewed (README: TM import)
    ('<prop type="x-translate-pipeline-reviewed">yes</prop>', True),
    ('<prop type="x-translate-pipeline-reviewed">no</prop>', False),
    ('<prop type="x-translate-pipeline-reviewed">FALSE</prop>', False),
    ('<prop type="x-translate-pipeline-reviewed"> 0 </prop>', False),
])
def test_the_review_marker_of_an_imported_unit_decides_whether_it_is_trusted(tmp_path, prop, reviewed):
    (tmp_path / "translate-pipeline.toml").write_text("[tm]\ntrust_exact = true\n", encoding="utf-8")
    path = tmp_path / "hand.tmx"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" segtype="sentence" datatype="plaintext" adminlang="en"
 o-tmf="hand" creationtool="vi" creationtoolversion="1"/><body>
<tu creationdate="20240115T120000Z">{prop}<tuv xml:lang="ru"><seg>Завод построят в Костанае.</seg></tuv>
<tuv xml:lang="en"><seg>The plant will be built in Kostanay.</seg></tuv></tu></body></tmx>""", encoding="utf-8")
    with _tm(tmp_path) as tm:
        tm.import_tmx(path)
        suggestion = tm.lookup("Завод построят в Костанае.", "ru", "en")
    assert suggestion.fuzzy is not reviewed  # trust_exact fills a reviewed unit's exact match as final
    state = "reviewed" if reviewed else "unreviewed"
    assert suggestion.provenance.first(Key.TM) == f"100% exact match, hand.tmx, {state} 2024-01-15"
