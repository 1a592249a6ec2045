"""Issue 19 item 4: TBX both ways.

The 2019 export is checked against LTAC Global's published TBX-Basic rules (core RNG + DCA
Schematron, tests/fixtures/tbx-basic/), the 2008 export by Translate Toolkit itself (``tbxfile``
and the ``tbx2po`` command, what Weblate's glossary import uses), and DCT-style files are read
with their administrative statuses exactly as DCA-style ones.
"""
from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import polib
import pytest
from glossary_fixtures import STARTER
from lxml import etree, isoschematron
from translate.storage.tbx import tbxfile

from helpers import run
from translate_pipeline.glossary import tbx
from translate_pipeline.glossary.termbase import dumps, load

RULES = Path(__file__).parent / "fixtures" / "tbx-basic"
# The DCA Schematron's XPath 2.0 expressions and their XPath 1.0 equivalents (lxml runs XSLT 1.0).
XPATH1 = {
    'queryBinding="xslt2"': 'queryBinding="xslt"',
    "matches(@target,'https?://.+')": "(starts-with(@target,'http://') or starts-with(@target,'https://'))",
    "./local-name()": "local-name()",
}


@cache
def rng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RULES / "TBXcoreStructV03.rng")))


@cache
def schematron() -> isoschematron.Schematron:
    text = (RULES / "TBX-Basic_DCA.sch").read_bytes().decode("utf-8-sig")
    for old, new in XPATH1.items():
        assert old in text, f"the published Schematron changed: {old!r} is gone"
        text = text.replace(old, new)
    return isoschematron.Schematron(etree.fromstring(text.encode("utf-8")), store_report=True)


def violations(data: bytes) -> list[str]:
    """Every TBX-Basic rule ``data`` breaks: RNG errors, then failed Schematron assertions."""
    doc = etree.fromstring(data)
    found = [] if rng().validate(doc) else [str(e) for e in rng().error_log]
    if not schematron().validate(doc):
        report = schematron().validation_report
        found += [" ".join(t.split()) for t in report.xpath("//svrl:text/text()",
                                                             namespaces={"svrl": "http://purl.oclc.org/dsdl/svrl"})]
    return found


def repo_glossary():
    """The project's glossary: proper nouns, do-not-translate and case-sensitive concepts, variants, forbidden terms."""
    base = load(STARTER)
    assert {c.pos for c in base.concepts} == {"noun", "proper noun"}
    assert any(c.do_not_translate for c in base.concepts) and any(c.case_sensitive for c in base.concepts)
    assert any(c.forbidden for c in base.concepts)
    return base


def test_the_rules_accept_the_published_sample_and_catch_what_the_old_export_wrote():
    assert violations((RULES / "Example_Astronomy_DCA_VALID.tbx").read_bytes()) == []
    good = tbx.dumps(repo_glossary())
    for old, new, rule in [
        ('type="partOfSpeech">noun<', 'type="partOfSpeech">proper noun<', "/partOfSpeech/ type may be"),
        ('<note>translate-pipeline: do-not-translate</note>', '<descrip type="Translation needed">no</descrip>',
         "Permitted type value(s): subjectField, context, definition"),
        ('<note>translate-pipeline: case-sensitive</note>', '<descrip type="x-caseSensitive">yes</descrip>',
         "Permitted type value(s): subjectField, context, definition"),
    ]:
        bad = good.decode().replace(old, new, 1).encode()
        assert bad != good
        assert any(rule in v for v in violations(bad)), (rule, violations(bad))


@pytest.mark.parametrize("base", [pytest.param(repo_glossary, id="project glossary"),
                                  pytest.param(lambda: tbx.parse(_every_status("dca")), id="every status")])
def test_the_2019_export_is_valid_tbx_basic_and_reads_back_as_it_was(base):
    base = base()
    data = tbx.dumps(base)
    assert violations(data) == []
    root = etree.fromstring(data)
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert dumps(tbx.parse(data)) == dumps(base)  # every column, through the extension notes too


def test_the_2008_export_reads_back_as_it_was_and_is_martif():
    base = repo_glossary()
    data = tbx.dumps(base, "2008")
    root = etree.fromstring(data)
    assert (root.tag, root.get("type")) == ("martif", "TBX-Basic")
    assert {el.tag for el in root.iter()} >= {"termEntry", "langSet", "tig", "term"}
    assert not {el.tag for el in root.iter()} & {"conceptEntry", "langSec", "termSec"}
    pos = {el.text for el in root.iter("termNote") if el.get("type") == "partOfSpeech"}
    assert pos == {"noun", "properNoun"}  # the 2008 picklist has proper nouns
    assert dumps(tbx.parse(data)) == dumps(base)


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_translate_toolkit_reads_every_concept_of_the_2008_export(lang):
    base = repo_glossary()
    store = tbxfile.parsestring(tbx.dumps(base, "2008"), sourcelanguage="ru", targetlanguage=lang)
    assert len(store.units) == len(base.concepts)
    for unit, concept in zip(store.units, base.concepts, strict=True):
        assert unit.source == concept.preferred("ru")
        expected = concept.preferred(lang)
        if not concept.do_not_translate:
            assert (unit.target or "") == (expected or ""), concept.id
        assert unit.istranslatable() is not concept.do_not_translate  # Weblate: a read-only term
        assert unit.isobsolete() is False
        assert [t.text for t in unit.get_target_terms() if t.deprecated] == list(concept.forbidden.get(lang, ()))


def test_tbx2po_converts_every_concept_of_the_2008_export(tmp_path):
    """The command the issue found writing a 0-byte file for the 2019 export."""
    project = tmp_path / "project"
    (project / "glossary").mkdir(parents=True)
    (project / "glossary" / "terms.csv").write_bytes(STARTER.read_bytes())
    out = tmp_path / "g.tbx"
    assert run(project, "glossary", "export", str(out), "--tbx-version", "2008").exit_code == 0
    converted = tmp_path / "g.po"
    tbx2po = [sys.executable, "-c", "from translate.convert.tbx2po import main; main()"]
    subprocess.run([*tbx2po, str(out), str(converted)], check=True, capture_output=True)
    entries = [e for e in polib.pofile(str(converted)) if e.msgid]
    base = repo_glossary()
    assert [e.msgid for e in entries] == [c.preferred("ru") for c in base.concepts]
    assert all(e.msgstr == (c.preferred("en") or "") for e, c in zip(entries, base.concepts) if not c.do_not_translate)


STATUSES = {"Astana": "preferred", "Astana City": "admitted", "Akmola": "deprecated", "Nur-Sultan": "superseded"}


def _every_status(style: str) -> bytes:
    """One concept with a term of every administrative status, in DCA or DCT style."""
    def status(term):
        value = f"{STATUSES[term]}Term-admn-sts"
        if style == "dct":
            return f"<min:administrativeStatus>{value}</min:administrativeStatus><min:partOfSpeech>noun</min:partOfSpeech>"
        return (f'<termNote type="administrativeStatus">{value}</termNote>'
                '<termNote type="partOfSpeech">noun</termNote>')
    definition = ("<descripGrp><basic:definition>Capital of Kazakhstan</basic:definition></descripGrp>"
                  if style == "dct" else '<descrip type="definition">Capital of Kazakhstan</descrip>')
    source = "<basic:source>akorda.kz</basic:source>" if style == "dct" else '<admin type="source">akorda.kz</admin>'
    terms = "".join(f"<termSec><term>{t}</term>{status(t)}</termSec>" for t in STATUSES)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="{style}" xml:lang="ru" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
 <tbxHeader><fileDesc><sourceDesc><p>term bank</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="astana">{definition}{source}
   <langSec xml:lang="ru"><termSec><term>Астана</term>{status("Astana")}</termSec></langSec>
   <langSec xml:lang="en">{terms}</langSec>
  </conceptEntry>
 </body></text>
</tbx>""".encode()


@pytest.mark.parametrize("style", ["dca", "dct"])
def test_every_administrative_status_is_read_in_both_styles(style):
    (concept,) = tbx.parse(_every_status(style)).concepts
    assert concept.terms["en"] == ("Astana", "Astana City")  # preferred first, then admitted
    assert concept.forbidden["en"] == ("Akmola", "Nur-Sultan")  # deprecated and superseded: QA flags their use
    assert (concept.pos, concept.note, concept.source) == ("noun", "Capital of Kazakhstan", "akorda.kz")


def test_the_published_sample_reads_the_same_in_dca_and_dct_style():
    """LTAC Global's sample term base in its two styles (concepts without an English term left out:
    our term base needs a source term, read here as English)."""
    read = []
    for style in ("DCA", "DCT"):
        root = etree.parse(str(RULES / f"Example_Astronomy_{style}_VALID.tbx")).getroot()
        for entry in root.iter(f"{{{tbx.NS}}}conceptEntry"):
            if not any(sec.get(tbx.XML_LANG) == "en" for sec in entry.iter(f"{{{tbx.NS}}}langSec")):
                entry.getparent().remove(entry)
        read.append([(c.id, dict(c.terms), dict(c.forbidden), c.pos, c.source)
                     for c in tbx.parse(etree.tostring(root), style, "en").concepts])
    dca, dct = read
    assert dca == dct and len(dca) == 39
    assert sum(bool(forbidden) for _, _, forbidden, _, _ in dca) == 2  # superseded terms are forbidden ones


@pytest.mark.parametrize("pos, edition, written, exact", [
    ("noun", "2019", "noun", True), ("proper noun", "2019", "noun", False), ("proper noun", "2008", "properNoun", True),
    ("Adjective", "2019", "adjective", False), ("adv", "2008", "adverb", False), ("interjection", "2019", "other", False),
])
def test_part_of_speech_is_a_picklist_value_and_the_rest_a_note(pos, edition, written, exact):
    assert tbx.picklist_pos(pos, edition) == (written, exact)
    base = load(STARTER)
    base.concepts[:] = [base.concepts[0].__class__(**{**base.concepts[0].__dict__, "pos": pos})]
    data = tbx.dumps(base, edition)
    assert re.findall(rb'type="partOfSpeech">([^<]*)<', data)[0] == written.encode()
    assert (f"translate-pipeline: part-of-speech {pos}".encode() in data) is not exact
    assert tbx.parse(data).concepts[0].pos == pos
