"""Provenance (catalog/provenance.py): the managed ``#.`` lines, read and written in one place."""
from __future__ import annotations

import polib
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from translate_pipeline.catalog.io import read_catalog, replace_catalog
from translate_pipeline.catalog.provenance import (
    MTRecord,
    Key,
    Origin,
    Provenance,
    compose,
    split_comment,
    terms_value,
)

# One line of any text (what a value read from a file can be); line-break characters excluded.
one_line = st.text(st.characters(exclude_categories=("Cs",))).filter(lambda v: "".join(v.splitlines()) == v)
provenances = st.lists(st.tuples(st.sampled_from(list(Key)), one_line), max_size=8).map(
    lambda lines: Provenance(tuple(lines)))
template_lines = st.lists(one_line.filter(lambda line: split_comment(line)[1] == Provenance()), max_size=3)


@given(provenances)
@example(Provenance(((Key.ORIGIN, ""), (Key.QA, " leading and trailing "), (Key.TERMS, "a: b")))).via("edge values")
def test_parse_inverts_format(provenance):
    assert Provenance.parse(provenance.format()) == provenance


@given(template_lines, provenances)
@example([""], Provenance()).via("an empty comment")
@example(["", ""], Provenance()).via("a comment that is one line break")
def test_a_comment_reads_and_writes_back_byte_identical(template, provenance):
    comment = compose(template, provenance)
    assert split_comment(comment)[1] == provenance
    # polib never reads a comment ending in a line break; one such is read as its lines
    assume(not comment.endswith("\n"))
    assert compose(*split_comment(comment)) == comment
    entry = polib.POEntry(msgid="Аким.", comment=comment)
    assert not Provenance.of(entry).write(entry)
    assert entry.comment == comment


@given(st.text())
@example("Title\nOrigin:  MT  argos\n  wrapped-\ntail\nQA: x  ").via("hand-edited and wrapped lines")
def test_reading_and_writing_back_changes_no_comment_whatever_it_holds(comment):
    """Another tool's layout (wrapped lines, double spaces) stays until the pipeline changes a line."""
    entry = polib.POEntry(msgid="Аким.", comment=comment)
    assert not Provenance.of(entry).write(entry)
    assert entry.comment == comment


# NUL and the writer's placeholder noncharacters (U+FDD0–U+FDD8) are no text a PO file can hold.
pipeline_values = st.lists(st.tuples(st.sampled_from(list(Key)), st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00" + "".join(map(chr, range(0xFDD0, 0xFDD9)))),
    max_size=40)), max_size=6)


@given(pipeline_values)
@example([(Key.MT_RAW, "The press-service of the Ministry of Industry and Infrastructural Development "
                       "reports it, in full and at length, with every hyphen-ated word kept.")])
@example([(Key.QA, "  "), (Key.TERMS, "\n")]).via("blank values are no lines")
def test_what_the_pipeline_writes_reads_back_from_the_po_file(tmp_path_factory, pairs):
    """Through the real writer (catalog.io, msgcat layout) and reader; values as the pipeline folds them
    (MT-raw: exactly, spaces included)."""
    provenance = Provenance.from_pairs(pairs)
    assert all(value and value == " ".join(value.split()) for _, value in provenance.lines)  # the file form
    for key, value in pairs:
        if key is Key.MT_RAW and value.strip():
            assert value in provenance.values(Key.MT_RAW)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    entry = polib.POEntry(msgid="Сообщает пресс-служба МИИР.", msgstr="", comment="Title")
    provenance.write(entry)
    catalog.append(entry)
    path = tmp_path_factory.mktemp("po") / "a.po"
    replace_catalog(path, catalog, None)
    back = read_catalog(path)[0]
    assert split_comment(back.comment) == (["Title"], provenance)


def test_put_keeps_unchanged_lines_in_place_and_moves_changed_ones_to_the_end():
    entry = polib.POEntry(msgid="Аким.", comment="Title\nTerms: аким → akim\nOrigin: MT a (ru→en)\nMT-raw: Akim.")
    before = entry.comment
    provenance = Provenance.of(entry)
    assert provenance.put(Key.TERMS, "аким  →\nakim") is provenance  # folded, it says the same
    assert not provenance.put(Key.TERMS, "аким → akim").write(entry) and entry.comment == before
    assert provenance.put(Key.TERMS, "аким → governor").write(entry)
    assert entry.comment == "Title\nOrigin: MT a (ru→en)\nMT-raw: Akim.\nTerms: аким → governor"
    Provenance.of(entry).put(Key.QA, ["one", "two"]).put(Key.MT_RAW, None).write(entry)
    assert entry.comment == "Title\nOrigin: MT a (ru→en)\nTerms: аким → governor\nQA: one\nQA: two"
    Provenance.of(entry).without(Key.ORIGIN, Key.QA).write(entry)
    assert entry.comment == "Title\nTerms: аким → governor"


@pytest.mark.parametrize("origin, kind, engine", [
    ("MT argos translate-ru_en 1.9 (ru→en)", Origin.MT, "argos translate-ru_en 1.9"),
    ("mt argos translate-ru_en 1.9", Origin.MT, "argos translate-ru_en 1.9"),  # any case, no pair
    ("MT pivot ru→en→kk: a 1.9 (ru→en) + b 1.0 (en→kk)", Origin.MT, "pivot ru→en→kk: a 1.9 (ru→en) + b 1.0"),
    ("MT", Origin.MT, ""),
    ("TM 92% fuzzy from kamaz.po (en)", Origin.TM, None),
    ("TM 100%", Origin.TM, None),
    ("Poedit suggestion", None, None),  # another tool's line: kept, but names no machine source
    ("MTx argos", None, None),
    (None, None, None),
])
def test_origin_and_engine_are_read_from_the_origin_line(origin, kind, engine):
    provenance = Provenance.from_pairs([(Key.ORIGIN, origin)])
    assert (provenance.origin, provenance.engine) == (kind, engine)


def test_builders_write_the_lines_translators_know():
    mt = Provenance.from_mt("argos translate-ru_en 1.9 (ru→en)", "The  akim\nspoke.",
                            [(Key.GLOSSARY, "satisfied"), (Key.TERMS, "аким → akim")])
    # MT-raw is the output exactly: a run of spaces and a line break survive, as a JSON string
    assert mt.format() == ('Origin: MT argos translate-ru_en 1.9 (ru→en)\nMT-raw: "The\\u0020\\u0020akim\\nspoke."\n'
                           "Glossary: satisfied\nTerms: аким → akim")
    assert (mt.origin, mt.mt_raw, mt.terms) == (Origin.MT, "The  akim\nspoke.", (("аким", "akim"),))
    assert Provenance.from_mt("e", "The akim spoke.").format() == "Origin: MT e\nMT-raw: The akim spoke."  # plain
    assert Provenance.from_mt("x").lines == ((Key.ORIGIN, "MT x"),)  # a failed draft has no MT-raw
    tm = Provenance.from_tm(92, False, "kamaz", "en", "92% fuzzy match, kamaz, reviewed 2026-11-26")
    assert tm.format() == "Origin: TM 92% fuzzy from kamaz (en)\nTM: 92% fuzzy match, kamaz, reviewed 2026-11-26"
    assert Provenance.from_tm(100, True, "a", "kk", "d").first(Key.ORIGIN) == "TM 100% exact from a (kk)"


def test_what_is_not_provenance_is_refused():
    with pytest.raises(ValueError, match="not a provenance line: 'Title'"):
        Provenance.parse("Title\nOrigin: MT x")
    with pytest.raises(ValueError, match="one line"):
        Provenance(((Key.QA, "two\nlines"),))
    with pytest.raises(ValueError):
        Provenance((("Origin-2", "x"),))


def test_keys_are_declared_once_as_the_file_spells_them():
    assert [key.value for key in Key] == ["Origin", "MT-raw", "MT-state", "Terms", "Glossary", "QA", "TM"]
    assert Provenance.from_pairs([("Terms", "a → b")]) == Provenance.from_pairs([(Key.TERMS, "a → b")])


term = st.text(st.characters(exclude_characters=";→", exclude_categories=("Cs", "Zs", "Cc", "Zl", "Zp")),
               min_size=1, max_size=12)


@given(st.lists(st.tuples(term, term), max_size=5))
def test_terms_read_back_as_the_pairs_written(pairs):
    provenance = Provenance.from_pairs([(Key.TERMS, terms_value(pairs))])
    assert provenance.terms == tuple(pairs)


def test_terms_skip_malformed_parts_and_read_every_line():
    provenance = Provenance.parse("Terms: аким → akim;bad; → x;МИИР→MIID\nTerms: область → region")
    assert provenance.terms == (("аким", "akim"), ("МИИР", "MIID"), ("область", "region"))


@given(st.builds(MTRecord, *[st.one_of(st.none(), st.text("0123456789abcdef-", min_size=1))] * 3))
def test_mt_state_record_round_trips(record):
    assert MTRecord.parse(record.format()) == record


def test_mt_state_record_reads_any_order_and_ignores_the_rest():
    assert MTRecord.parse("glossary=- junk draft=abc x=y") == MTRecord("abc", None, "-")
