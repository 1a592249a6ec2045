"""One status model on the entry (catalog/state.entry_status): what stats, readiness and publish derive."""
from __future__ import annotations

import polib
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.provenance import Key, Origin, Provenance
from translate_pipeline.catalog.state import Authorship, EntryState, MTDraft, entry_status
from translate_pipeline.pretranslate.base import apply_suggestion
from translate_pipeline.pretranslate.suggestion import Suggestion
from translate_pipeline.publish.assemble import FUZZY, MT, REVIEWED, TM, sentence_status
from translate_pipeline.review.evaluate import engine_of
from translate_pipeline.review.readiness import blockers
from translate_pipeline.review.stats import catalog_stats

ENGINE = "argos translate-ru_en 1.9 (ru→en)"
TODAY = MTState.of(ENGINE, "model files", {"beam_size": 4}, "-")


def _entry(origin: str | None, fuzzy: bool, msgstr: str = "Text.") -> polib.POEntry:
    entry = polib.POEntry(msgid="Текст.", msgstr=msgstr, flags=["fuzzy"] if fuzzy else [])
    Provenance.from_pairs([(Key.ORIGIN, origin)]).write(entry)
    return entry


@pytest.mark.parametrize("origin, fuzzy, authorship, published, reason, engine", [
    (f"MT {ENGINE}", True, Authorship.MT, MT, "fuzzy", "argos translate-ru_en 1.9"),
    (f"MT {ENGINE}", False, Authorship.MT, REVIEWED, None, "argos translate-ru_en 1.9"),
    ("TM 92% fuzzy from kamaz.po (en)", True, Authorship.TM, TM, "fuzzy", None),
    ("TM 92% fuzzy from kamaz.po (en)", False, Authorship.TM, REVIEWED, None, None),
    ("Poedit suggestion", True, Authorship.DRAFT, FUZZY, "fuzzy", None),
    (None, True, Authorship.DRAFT, FUZZY, "fuzzy", None),
    (None, False, Authorship.HUMAN, REVIEWED, None, None),
])
def test_every_vocabulary_is_derived_from_the_entry_status(origin, fuzzy, authorship, published, reason, engine):
    entry = _entry(origin, fuzzy)
    status = entry_status(entry)
    assert status.state is (EntryState.FUZZY if fuzzy else EntryState.TRANSLATED)
    assert status.authorship is authorship  # the stats "origin" column
    assert sentence_status(status) == published  # the publish status
    assert [b.reason for b in blockers([(entry.msgid, 1, entry)])] == ([reason] if reason else [])
    assert engine_of(entry) == engine


def test_an_entry_without_translation_is_untranslated_whatever_its_origin_line():
    status = entry_status(_entry(f"MT {ENGINE}", True, msgstr=""))
    assert (status.state, status.authorship, status.mt_draft()) == (EntryState.UNTRANSLATED, Authorship.UNTRANSLATED,
                                                                    None)


def _mt_draft(text: str = "The akim spoke.") -> polib.POEntry:
    entry = polib.POEntry(msgid="Аким выступил.", msgstr="")
    provenance = Provenance.from_mt(ENGINE, text).put(Key.MT_STATE, TODAY.record(text).format())
    apply_suggestion(entry, Suggestion(text, provenance))
    return entry


def test_an_mt_draft_as_written_is_untouched_and_current():
    status = entry_status(_mt_draft())
    assert status.untouched_mt and status.origin is Origin.MT
    assert status.mt_draft() is status.mt_draft(TODAY) is MTDraft.CURRENT


@pytest.mark.parametrize("today", [
    MTState.of(ENGINE, "other model files", {"beam_size": 4}, "-"),
    MTState.of(ENGINE, "model files", {"beam_size": 5}, "-"),
    MTState.of(ENGINE, "model files", {"beam_size": 4}, "a1b2c3d4e5f6"),  # the glossary asks otherwise now
    MTState.of("argos translate-ru_en 2.0 (ru→en)", "model files", {"beam_size": 4}, "-"),  # another route
])
def test_an_untouched_draft_made_otherwise_than_today_is_stale(today):
    assert entry_status(_mt_draft()).mt_draft(today) is MTDraft.STALE


@pytest.mark.parametrize("touch", [
    lambda e: setattr(e, "msgstr", "The akim gave a speech."),
    lambda e: e.flags.remove("fuzzy"),
    lambda e: setattr(e, "tcomment", "checked with the desk"),
])
def test_a_draft_a_translator_touched_is_edited_whatever_today_says(touch):
    entry = _mt_draft()
    touch(entry)
    status = entry_status(entry)
    assert status.untouched_mt is False
    assert status.mt_draft() is status.mt_draft(TODAY) is MTDraft.EDITED


@pytest.mark.parametrize("msgstr, reviewed, authorship, published", [
    ("The akim spoke.", True, Authorship.MT, REVIEWED),  # accepted as is
    ("The akim spoke.", False, Authorship.MT, MT),
    ("The akim gave a speech.", True, Authorship.POST_EDITED, REVIEWED),
    ("The akim gave a speech.", False, Authorship.POST_EDITED, MT),  # edited, not signed off yet: still an MT draft
])
def test_mt_accepted_as_is_and_post_edited_are_told_apart_by_the_draft_hash(msgstr, reviewed, authorship, published):
    entry = _mt_draft()
    entry.msgstr = msgstr
    if reviewed:
        entry.flags.remove("fuzzy")
    status = entry_status(entry)
    assert (status.authorship, sentence_status(status)) == (authorship, published)


def test_without_mt_state_the_raw_output_tells_and_without_either_it_stays_mt():
    entry = _entry(f"MT {ENGINE}", False, msgstr="The  akim spoke.")
    assert entry_status(entry).authorship is Authorship.MT  # nothing tells an edit: counted as the machine's
    Provenance.of(entry).put(Key.MT_RAW, "The akim spoke.").write(entry)
    assert entry_status(entry).authorship is Authorship.MT  # equal up to whitespace
    entry.msgstr = "The akim said."
    assert entry_status(entry).authorship is Authorship.POST_EDITED


def test_a_draft_from_before_mt_state_is_untouched_while_it_equals_mt_raw_and_then_stale():
    entry = _entry(f"MT {ENGINE}", True, msgstr="The  akim spoke.")
    Provenance.of(entry).put(Key.MT_RAW, "The akim spoke.").write(entry)
    assert entry_status(entry).mt_draft() is MTDraft.CURRENT  # nothing could tell what made it: no model today
    assert entry_status(entry).mt_draft(TODAY) is MTDraft.STALE
    entry.msgstr = "The akim said."
    assert entry_status(entry).mt_draft(TODAY) is MTDraft.EDITED


def test_only_live_mt_drafts_have_a_draft_status():
    tm = _entry("TM 100% exact from kamaz (en)", True)
    obsolete = _mt_draft()
    obsolete.obsolete = True
    assert entry_status(tm).mt_draft(TODAY) is None and entry_status(obsolete).mt_draft(TODAY) is None


def _maybe_obsolete(msgstr: str, fuzzy: bool, origin: str | None, obsolete: bool) -> polib.POEntry:
    entry = _entry(origin, fuzzy, msgstr)
    entry.obsolete = obsolete
    return entry


entries = st.builds(_maybe_obsolete, st.sampled_from(["", "Text."]), st.booleans(),
                    st.sampled_from([None, f"MT {ENGINE}", "TM 80% fuzzy from a (en)", "Poedit"]), st.booleans())


@given(entries)
@example(_maybe_obsolete("Text.", False, None, True)).via("obsolete: no sentence of the article, no authorship")
@example(_maybe_obsolete("", False, None, True))
def test_the_vocabularies_cannot_disagree(entry):
    status = entry_status(entry)
    assume(status.state.live)
    assert (status.authorship is Authorship.HUMAN) <= (status.state is EntryState.TRANSLATED)
    assert (status.authorship is Authorship.DRAFT) <= (status.state is EntryState.FUZZY)
    if status.authorship is not Authorship.UNTRANSLATED:
        assert (status.authorship in (Authorship.MT, Authorship.POST_EDITED)) == (status.origin is Origin.MT)
    assert (status.authorship is Authorship.UNTRANSLATED) == (status.state is EntryState.UNTRANSLATED)
    assert bool(status.untouched_mt) <= (status.state is EntryState.FUZZY and status.origin is Origin.MT)
    if status.state in (EntryState.TRANSLATED, EntryState.FUZZY):
        assert (sentence_status(status) == REVIEWED) == status.reviewed


@given(st.lists(entries, max_size=6))
def test_stats_count_every_live_entry_once_by_state_and_once_by_origin(listed):
    catalog = polib.POFile()
    for n, entry in enumerate(listed):
        entry.msgid = f"Текст {n}."
        catalog.append(entry)
    stats = catalog_stats("a", "en", catalog)
    live = sum(not e.obsolete for e in listed)
    assert stats.segments["total"] == sum(stats.origin_segments.values()) == live
    assert stats.origin_segments["human"] == sum(entry_status(e).authorship is Authorship.HUMAN
                                                 for e in listed if not e.obsolete)
