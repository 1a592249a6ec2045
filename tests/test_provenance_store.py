"""Issue 19 item 1: provenance that survives any merge tool.

The real tools the issue names remove every managed ``#.`` line: GNU ``msgmerge --previous -U``
(Weblate's "Update PO files to match POT" add-on) and Translate Toolkit's ``pot2po``.  The
project's provenance store (catalog/provenance_store.py) brings them back on the next run, and
``stats``/``check``/``evaluate`` read them from the store before that.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from translate.storage import po as tt_po

from helpers import FIXTURES, command_document, foreign_database, run
from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.catalog.provenance_store import ProvenanceStore, Record, restore, store_path
from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.core.settings import load_config

REPO = Path(__file__).resolve().parents[1]
needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")

SECOND = ("Завод будет выпускать мосты для грузовиков.\nПервые мосты выпустят весной. Продукция пойдёт на экспорт.\n"
          "Аким области посетил площадку.\n")


def _catalog(project, name, lang="en"):
    return project / "locales" / lang / "LC_MESSAGES" / f"{name}.po"


def _managed(path) -> int:
    return sum(bool(Provenance.of(e).lines) for e in polib.pofile(str(path)) if e.msgid)


def _work(path) -> dict:
    """What a translator owns in a catalog: every entry's msgstr, fuzzy flag and comment."""
    return {(e.msgctxt, e.msgid): (e.msgstr, e.fuzzy, e.tcomment) for e in polib.pofile(str(path)) if e.msgid}


def msgmerge(po_file, pot):
    subprocess.run(["msgmerge", "--quiet", "--previous", "-U", str(po_file), str(pot)], check=True)
    Path(f"{po_file}~").unlink(missing_ok=True)  # msgmerge -U's backup


def pot2po(po_file, pot):
    out = po_file.with_suffix(".new")
    subprocess.run([sys.executable, "-c", "from translate.convert.pot2po import main; main()", "--progress=none",
                    "-t", str(po_file), "-i", str(pot), "-o", str(out)], check=True, capture_output=True)
    out.replace(po_file)


def weblate_save(po_file, edit):
    """A save through Translate Toolkit's PO serializer, as Weblate writes files."""
    store = tt_po.pofile.parsefile(str(po_file))
    for unit in store.units:
        if not unit.isheader():
            edit(unit)
    po_file.write_bytes(bytes(store))


@needs_gettext
def test_msgmerge_pot2po_and_weblate_lose_no_provenance_and_no_translator_work(copy_packages, argos_dir, tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURES / "kamaz-kazakhstan.ru.txt", project / "articles")
    (project / "articles" / "plant.ru.txt").write_text(SECOND, encoding="utf-8")
    shutil.copytree(REPO / "glossary", project / "glossary")
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    assert run(project, "translate", "--to", "en").exit_code == 0
    kamaz, plant = _catalog(project, "kamaz-kazakhstan"), _catalog(project, "plant")
    drafts = {path: _managed(path) for path in (kamaz, plant)}
    assert all(drafts.values())

    # A translator works on kamaz in Poedit: two drafts accepted as is, two rewritten and signed off,
    # one rewritten but left fuzzy, one commented.
    catalog = polib.pofile(str(kamaz))
    entries = [e for e in catalog if e.msgid]
    for entry in entries[:2]:
        entry.flags.remove("fuzzy")
    for entry in entries[2:4]:
        entry.msgstr, entry.flags = f"Reviewed: {entry.msgstr}", []
    entries[4].msgstr = "A new sentence, still a draft."
    entries[5].tcomment = "check the figures with the desk"
    catalog.save()
    touched = [(e.msgctxt, e.msgid) for e in entries[:6]]
    # …and on plant in Weblate: one unit post-edited and approved through Translate Toolkit's serializer.
    edited = polib.pofile(str(plant))[1].msgid

    def approve(unit):
        if unit.source == edited:
            unit.target = "The plant will make axles for lorries."
            unit.markfuzzy(False)
    weblate_save(plant, approve)
    assert _managed(plant) == drafts[plant]  # Translate Toolkit's writer keeps #. lines
    work = {path: _work(path) for path in (kamaz, plant)}

    msgmerge(kamaz, project / "locales" / "kamaz-kazakhstan.pot")
    pot2po(plant, project / "locales" / "plant.pot")
    assert _managed(kamaz) == _managed(plant) == 0  # both tools dropped every managed line…
    assert {path: _work(path) for path in (kamaz, plant)} == work  # …and nothing else

    # Before any run writes them back: stats, check and evaluate read them from the store.
    rows = {r["article"]: r for r in command_document("stats", run(project, "stats", "--to", "en", "--format", "json").stdout)["rows"]}
    assert rows["kamaz-kazakhstan"]["restored"] == drafts[kamaz] and rows["plant"]["restored"] == drafts[plant]
    checked = run(project, "check", "--to", "en").stdout
    assert checked.count("warning: [provenance] provenance of") == 2
    lines = checked.splitlines()  # a finding on the file: no empty msgid line under it
    assert all(not lines[i + 1].startswith("    msgid:") for i, line in enumerate(lines[:-1]) if "[provenance]" in line)
    found = command_document("check", run(project, "check", "--to", "en", "--format", "json").stdout)["findings"]
    assert [(f["msgid"], f["line"]) for f in found if f["check"] == "provenance"] == [(None, None)] * 2
    assert f"provenance of {drafts[kamaz]} entries restored" in checked and "3 of them edited since" in checked
    assert _managed(kamaz) == 0  # reading commands write nothing

    result = run(project, "translate", "--to", "en")
    assert result.exit_code == 0, result.stderr
    assert "warning: locales/en/LC_MESSAGES/kamaz-kazakhstan.po: provenance of" in result.stderr
    assert {path: _managed(path) for path in (kamaz, plant)} == drafts  # every MT draft keeps its origin
    assert {path: _work(path) for path in (kamaz, plant)} == work  # nothing a translator wrote is lost
    assert "[provenance]" not in run(project, "check", "--to", "en").stdout

    rows = {r["article"]: r for r in command_document("stats", run(project, "stats", "--to", "en", "--format", "json").stdout)["rows"]}
    origins = rows["kamaz-kazakhstan"]["origin_segments"]
    assert origins["mt"] + origins["post-edited"] == rows["kamaz-kazakhstan"]["segments"]["total"]
    assert rows["kamaz-kazakhstan"]["post_editing"]["segments"] == {"mt": 2, "post-edited": 2, "tm": 0, "human": 0}
    assert origins["post-edited"] == 3  # the fuzzy rewrite too: not the machine's text any more
    assert rows["plant"]["post_editing"]["segments"]["post-edited"] == 1

    scores = command_document("evaluate", run(project, "evaluate", "--to", "en", "--format", "json").stdout)
    (engine,) = scores["post_editing"]
    assert engine["segments"] == 5 and engine["post_edited"] == 3 and engine["chrf"] is not None

    # --refresh-mt: a newer model makes the untouched drafts stale; edited ones are kept.
    assert run(project, "models", "install", str(copy_packages["ru_en_prefix"])).exit_code == 0
    msgmerge(kamaz, project / "locales" / "kamaz-kazakhstan.pot")  # once more, right before the refresh
    refreshed = run(project, "translate", "--to", "en", "--refresh-mt")
    assert refreshed.exit_code == 0, refreshed.stderr
    untouched = sum(drafts.values()) - 7  # 2 accepted, 2 reviewed, 1 rewritten, 1 commented; plant: 1 approved
    assert f"MT drafts: {untouched} refreshed, 7 kept because edited, 0 unchanged" in refreshed.stdout
    after = _work(kamaz)
    assert [after[key] for key in touched] == [work[kamaz][key] for key in touched]
    newer = [e for e in polib.pofile(str(kamaz)) if Provenance.of(e).engine == "argos translate-ru_en-prefixed 2.0"]
    assert len(newer) == drafts[kamaz] - 6


# --- the store on its own ----------------------------------------------------------------------------


def _mt_entry(msgid, msgstr, msgctxt=None, obsolete=False):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt, flags=["fuzzy"], obsolete=obsolete)
    Provenance.from_mt("argos x 1.0 (ru→en)", msgstr).write(entry)
    return entry


def _po(*entries):
    catalog = polib.POFile()
    catalog.extend(entries)
    return catalog


def _stripped(catalog):
    for entry in catalog:
        entry.comment = ""
    return catalog


def test_restore_brings_back_removed_lines_and_tells_edited_entries(tmp_path):
    with ProvenanceStore.open(tmp_path / "p.sqlite") as store:
        store.sync([("a", "en", _po(_mt_entry("Один.", "One."), _mt_entry("Два.", "Two."),
                                    _mt_entry("Один.", "One, in context.", msgctxt="")))])
        records = store.records("a", "en")
    assert set(records) == {(None, "Один."), (None, "Два."), ("", "Один.")}  # no context ≠ an empty one
    catalog = _stripped(_po(_mt_entry("Один.", "One."), _mt_entry("Два.", "Two, edited."),
                            _mt_entry("Один.", "One, in context.", msgctxt=""), _mt_entry("Три.", "Three.")))
    catalog[3].comment = ""
    done = restore(catalog, records)
    assert (done.entries, done.edited) == (3, 1)
    assert [Provenance.of(e).first(Key.MT_RAW) for e in catalog] == ["One.", "Two.", "One, in context.", None]


def test_only_lines_another_tool_removed_come_back(tmp_path):
    record = {(None, "Один."): Record("One.", Provenance.from_mt("argos x 1.0", "One."))}
    kept = _mt_entry("Один.", "One.")
    kept.comment = "Title\nTerms: один → one\nOrigin: Poedit suggestion"  # lines of its own: left alone
    untranslated = _mt_entry("Один.", "")
    untranslated.comment = ""
    terms_only = _mt_entry("Один.", "One.")
    terms_only.comment = "Terms: один → one"  # what the annotation wrote back: the rest is still missing
    assert restore(_po(kept), record).entries == 0 and Provenance.of(kept).first(Key.ORIGIN) == "Poedit suggestion"
    assert restore(_po(untranslated), record).entries == 0
    assert restore(_po(terms_only), record).entries == 1 and Provenance.of(terms_only).mt_raw == "One."


def test_sync_forgets_what_the_pipeline_removed_and_keeps_obsolete_records(tmp_path):
    with ProvenanceStore.open(tmp_path / "p.sqlite") as store:
        store.sync([("a", "en", _po(_mt_entry("Один.", "One."), _mt_entry("Два.", "Two."), _mt_entry("Три.", "Three.")))])
        refreshed = _mt_entry("Один.", "One.")
        refreshed.comment = ""  # --refresh-mt emptied it and nothing refilled it
        gone = _mt_entry("Два.", "Two.", obsolete=True)
        gone.comment = ""  # msgmerge drops the comments of obsolete entries
        store.sync([("a", "en", _po(refreshed, gone))])  # "Три." is no longer in the catalog
        assert set(store.records("a", "en")) == {(None, "Два.")}
        assert store.records("a", "kk") == {}


def test_read_commands_create_no_store_and_a_damaged_one_is_one_line(tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURES / "kamaz-kazakhstan.ru.txt", project / "articles")
    assert run(project, "update", "--to", "en").exit_code == 0
    path = store_path(load_config(project))
    assert path.exists()  # update keeps the store
    path.unlink()
    for command in (("stats", "--to", "en"), ("check", "--to", "en"), ("evaluate", "--to", "en")):
        run(project, *command)
        assert not path.exists()
    path.write_bytes(b"not a database at all, a translator's notes")
    before = _catalog(project, "kamaz-kazakhstan").read_bytes()
    for command in (("update", "--to", "en"), ("stats", "--to", "en")):
        result = run(project, *command)
        assert result.exit_code == ExitCode.INPUT and result.stderr.count("\n") == 1
        assert "tm/provenance.sqlite: not an SQLite database (a damaged provenance store?)" in result.stderr
    assert path.read_bytes() == b"not a database at all, a translator's notes"
    assert _catalog(project, "kamaz-kazakhstan").read_bytes() == before


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "provenance.sqlite"
    foreign_database(path)
    with pytest.raises(PipelineError, match="not a translate-pipeline provenance store"):
        ProvenanceStore.open(path)


def test_a_store_of_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "provenance.sqlite"
    ProvenanceStore.open(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=7")
    db.close()
    with pytest.raises(PipelineError, match="provenance store schema version 7 is not supported"):
        ProvenanceStore.open(path)


@needs_gettext
def test_raw_output_and_mt_state_come_back_exactly_after_msgmerge(tmp_path):
    """Issue 23's MT-raw (the raw output, a JSON string when spaces would be lost) and MT-state (its model
    hash now covers patience, compute_type, the model table and framing) go through the store as written:
    after msgmerge the restored lines are the originals byte for byte, the untouched draft is still the
    machine's and current, and the post-edited one is scored against the raw output, spaces included."""
    from translate_pipeline.catalog.io import read_catalog, render
    from translate_pipeline.catalog.mt_state import MTState
    from translate_pipeline.catalog.state import Authorship, MTDraft, entry_status
    from translate_pipeline.review.postedit import post_editing

    engine = "ct2 nllb (ru→en)"
    state = MTState.of(engine, "model.bin 1234", {"compute_type": "default", "patience": 1.0,
                                                  "model": {"forced_eos": False}, "framing": [[], ["</s>"], []]}, "-")
    outputs = {"Завод откроют.": " The plant  will open. ", "Экспорт вырос.": "Exports grew.\u00a0"}
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, raw in outputs.items():
        entry = polib.POEntry(msgid=msgid, msgstr=raw.strip(), flags=["fuzzy"], occurrences=[("a.ru.txt", "1")])
        Provenance.from_mt(engine, raw, [(Key.MT_STATE, state.record(raw.strip()).format())]).write(entry)
        catalog.append(entry)
    po_file, pot = tmp_path / "a.po", tmp_path / "a.pot"
    po_file.write_text(render(catalog), encoding="utf-8")
    template = polib.POFile()
    template.metadata = dict(catalog.metadata)
    template.extend(polib.POEntry(msgid=msgid, occurrences=[("a.ru.txt", "1")]) for msgid in outputs)
    pot.write_text(render(template), encoding="utf-8")
    written = {e.msgid: Provenance.of(e).format() for e in read_catalog(po_file)}
    assert 'MT-raw: "\\u0020The plant\\u0020\\u0020will open.\\u0020"' in written["Завод откроют."]
    with ProvenanceStore.open(tmp_path / "p.sqlite") as store:
        store.sync([("a", "en", read_catalog(po_file))])
        records = store.records("a", "en")

    edited = polib.pofile(str(po_file))  # a translator post-edits and signs off the second sentence
    edited[1].msgstr, edited[1].flags = "Exports rose.", []
    edited.save()
    msgmerge(po_file, pot)
    merged = read_catalog(po_file)
    assert all(not Provenance.of(e).lines for e in merged)
    assert restore(merged, records).edited == 1
    assert {e.msgid: Provenance.of(e).format() for e in merged} == written

    untouched, post_edited = (entry_status(e) for e in merged)
    assert untouched.provenance.mt_raw == " The plant  will open. "
    assert untouched.authorship is Authorship.MT and untouched.mt_draft(state) is MTDraft.CURRENT
    assert post_edited.authorship is Authorship.POST_EDITED and post_edited.provenance.mt_raw == "Exports grew.\u00a0"
    scored = post_editing([(post_edited, "Exports rose.", 2)])
    assert scored.segments["post-edited"] == 1 and scored.scored == 1 and 0 < scored.chrf < 100
