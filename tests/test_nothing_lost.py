"""Issue 15, data loss: a translator's reviewed msgstr or comment is never lost.

Each test is a reproduction from the fault campaign (write-window saves,
plural and msgctxt entries, line-separator characters, a second article
taking over a catalog, byte-stable re-runs, stale temporary files, kill -9).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import BETWEEN_THE_RENAMES, HANG_IN_FSYNC, kill_at_marker, po, run

from translate_pipeline.core.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = "Завод построят в Костанае\nСоглашение подписали в Астане. Документ предусматривает выпуск мостов.\nФайлы загружены.\n"


def make_project(tmp_path: Path, text: str = ARTICLE, name: str = "news.ru.txt") -> Path:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / name).write_text(text, encoding="utf-8")
    return project


def po_file(project: Path, lang: str = "en", name: str = "news") -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{name}.po"


def review(path: Path, translations: dict[str, str], comment: str | None = None) -> None:
    """Sign off entries as a translator would in Poedit: msgstr set, fuzzy cleared."""
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgid in translations and not entry.msgctxt:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            if comment:
                entry.tcomment = comment
    catalog.save()


def entries(path: Path) -> list[polib.POEntry]:
    return list(polib.pofile(str(path)))


# --- 1. a translator's save in the write window --------------------------------


@pytest.mark.parametrize("how", ["in-place", "rename"])
def test_save_during_the_write_window_is_kept(tmp_path, monkeypatch, how):
    """The editor saves while the run's temporary file is being synced: the run stops, the save stays."""
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    with (project / "articles" / "news.ru.txt").open("a", encoding="utf-8") as handle:
        handle.write("Новая фраза появилась.\n")  # so the run has something to write
    saved = path.read_text(encoding="utf-8").replace(
        'msgid "Файлы загружены."\nmsgstr ""', 'msgid "Файлы загружены."\nmsgstr "Files uploaded."'
    )
    assert saved != path.read_text(encoding="utf-8")
    real_fsync = os.fsync

    def slow_fsync(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        if Path(target).name.startswith(f".{path.name}.") and not getattr(slow_fsync, "done", False):
            slow_fsync.done = True  # the translator saves exactly now
            if how == "in-place":
                path.write_text(saved, encoding="utf-8")
            else:
                other = path.with_name("editor-save.tmp")
                other.write_text(saved, encoding="utf-8")
                os.replace(other, path)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    result = run(project, "update", "articles", "--lang", "en")
    assert getattr(slow_fsync, "done", False)
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "changed on disk" in result.stderr
    assert path.read_text(encoding="utf-8") == saved
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    kept = {e.msgid: e.msgstr for e in entries(path)}
    assert kept["Файлы загружены."] == "Files uploaded."
    assert "Новая фраза появилась." in kept


# --- 2. plural entries --------------------------------------------------------

PLURAL = '\nmsgid "файл"\nmsgid_plural "файлы"\nmsgstr[0] "file"\nmsgstr[1] "files"\n'


def test_plural_entry_not_in_the_article_is_kept_obsolete(tmp_path):
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(PLURAL)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    found = [e for e in entries(path) if e.msgid == "файл"]
    assert len(found) == 1 and found[0].obsolete
    assert found[0].msgid_plural == "файлы"
    assert found[0].msgstr_plural == {0: "file", 1: "files"}


@pytest.mark.parametrize("added", [
    '\nmsgid "файл"\nmsgid_plural "файлы"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    '\nmsgctxt "menu"\nmsgid "Файл"\nmsgstr ""\n',
], ids=["untranslated plural", "untranslated context entry"])
def test_an_untranslated_entry_made_by_hand_is_kept_obsolete(tmp_path, added):
    """No translation, no comment: still somebody's entry (README: obsolete, not deleted)."""
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(added)
    with (project / "articles" / "news.ru.txt").open("a", encoding="utf-8") as handle:
        handle.write("Новая фраза появилась.\n")  # so the run rewrites the catalog
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    found = [e for e in entries(path) if e.msgid in ("файл", "Файл")]
    assert len(found) == 1 and found[0].obsolete
    assert (found[0].msgid_plural, found[0].msgctxt) in (("файлы", None), ("", "menu"))
    before = path.read_bytes()
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    assert path.read_bytes() == before


def test_reviewed_plural_entry_on_an_article_sentence_is_not_refilled(tmp_path):
    """A TM match exists for the sentence; the reviewed plural entry must stay as it is."""
    project = make_project(tmp_path)
    (project / "articles" / "other.ru.txt").write_text("Другая статья\nФайлы загружены.\n", encoding="utf-8")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    review(po_file(project, name="other"), {"Файлы загружены.": "Files were uploaded."})
    path = po_file(project)
    text = path.read_text(encoding="utf-8").replace(
        'msgid "Файлы загружены."\nmsgstr ""',
        'msgid "Файлы загружены."\nmsgid_plural "Файлы загружены (%d)."\nmsgstr[0] "File uploaded."\n'
        'msgstr[1] "Files uploaded."',
    )
    path.write_text(text, encoding="utf-8")
    result = run(project, "translate", "articles", "--to", "en", "--no-mt")
    assert result.exit_code == 0, result.stderr
    entry = next(e for e in entries(path) if e.msgid == "Файлы загружены.")
    assert not entry.obsolete and "fuzzy" not in entry.flags
    assert entry.msgstr == ""
    assert entry.msgstr_plural == {0: "File uploaded.", 1: "Files uploaded."}


def test_plural_entry_counts_as_translated(tmp_path):
    import json

    project = make_project(tmp_path, "Заголовок статьи\nФайлы загружены.\n")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "Заголовок статьи"\nmsgstr ""', 'msgid "Заголовок статьи"\nmsgstr "Article title"')
    text = text.replace(
        'msgid "Файлы загружены."\nmsgstr ""',
        'msgid "Файлы загружены."\nmsgid_plural "Файлы (%d)."\nmsgstr[0] "File."\nmsgstr[1] "Files."',
    )
    path.write_text(text, encoding="utf-8")
    result = run(project, "stats", "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = next(r for r in json.loads(result.stdout)["rows"] if r["lang"] == "en")
    assert row["segments"]["translated"] == 2


# --- 3. msgctxt ---------------------------------------------------------------


def _add_context_entry(path: Path, msgid: str, msgstr: str, plain: str | None = None) -> None:
    catalog = polib.pofile(str(path))
    if plain is not None:
        entry = catalog.find(msgid)
        entry.msgstr = plain
    catalog.append(polib.POEntry(msgctxt="h", msgid=msgid, msgstr=msgstr, tcomment="context note"))
    catalog.save()


def test_context_entry_does_not_take_over_the_sentence(tmp_path):
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    _add_context_entry(path, "Файлы загружены.", "CTX")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    found = [e for e in entries(path) if e.msgid == "Файлы загружены."]
    plain = [e for e in found if e.msgctxt is None]
    context = [e for e in found if e.msgctxt == "h"]
    assert len(plain) == 1 and not plain[0].obsolete
    assert plain[0].occurrences  # the article's sentence, with its reference
    assert plain[0].msgstr == "" or "fuzzy" in plain[0].flags  # never silently "reviewed" from another context
    assert len(context) == 1 and context[0].obsolete and context[0].msgstr == "CTX"
    assert context[0].tcomment == "context note"


def test_context_entry_and_plain_entry_both_kept(tmp_path):
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    _add_context_entry(path, "Файлы загружены.", "CTX", plain="Files uploaded.")
    result = run(project, "update", "articles", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    found = {(e.msgctxt, e.obsolete): e for e in entries(path) if e.msgid == "Файлы загружены."}
    assert found[(None, False)].msgstr == "Files uploaded." and "fuzzy" not in found[(None, False)].flags
    assert found[("h", True)].msgstr == "CTX"


# --- 4. characters Python splits lines on ---------------------------------------

SEPARATORS = ["\u2028", "\u2029", "\u0085", "\v", "\f", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("sep", SEPARATORS, ids=[f"U+{ord(s):04X}" for s in SEPARATORS])
@pytest.mark.parametrize("where", ["mid-line", "line-end"])
def test_line_separator_characters_survive(tmp_path, sep, where):
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    wanted = f"Brand new{sep}sentence, long enough that the writer wraps it over more than one line."
    if where == "mid-line":  # raw in the file, as an editor may save it
        quoted = polib.escape(wanted).replace("\\v", "\v").replace("\\f", "\f")
        text = path.read_text(encoding="utf-8").replace(
            'msgid "Файлы загружены."\nmsgstr ""', f'msgid "Файлы загружены."\nmsgstr "{quoted}"'
        )
    else:  # the character ends a physical line, as the writer used to lay it out
        head, tail = wanted.split(sep)
        text = path.read_text(encoding="utf-8").replace(
            'msgid "Файлы загружены."\nmsgstr ""', f'msgid "Файлы загружены."\nmsgstr ""\n"{head}{sep}"\n"{tail}"'
        )
    path.write_text(text, encoding="utf-8")
    with (project / "articles" / "news.ru.txt").open("a", encoding="utf-8") as handle:
        handle.write("Ещё одна фраза.\n")  # forces a rewrite
    result = run(project, "update", "articles", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    from translate_pipeline.catalog.io import read_catalog

    entry = read_catalog(path).find("Файлы загружены.")
    assert entry.msgstr == wanted
    before = path.read_bytes()
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    assert path.read_bytes() == before
    if shutil.which("msgfmt"):
        check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


# --- 5. a second article with an existing article's name ---------------------------


def test_second_article_with_the_same_name_is_refused(tmp_path):
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    review(po_file(project), {"Файлы загружены.": "Files uploaded."})
    (project / "articles" / "o").mkdir()
    (project / "articles" / "o" / "news.ru.md").write_text("# Другая статья\n\nСовсем другой текст.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")}
    result = run(project, "update", "articles/o/news.ru.md", "--lang", "en")
    assert result.exit_code == ExitCode.INPUT
    assert "articles/news.ru.txt" in result.stderr and "\n" not in result.stderr.strip()
    assert {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")} == before


@pytest.mark.parametrize("backend", ["local", "ray"])
def test_a_duplicate_article_name_is_reported_project_relative(tmp_path, backend):
    """The README's promise: every path printed is relative to the project (both backends)."""
    project = make_project(tmp_path)
    (project / "articles" / "o").mkdir()
    (project / "articles" / "o" / "news.ru.txt").write_text("Другая статья\nТекст.\n", encoding="utf-8")
    result = run(project, "translate", "articles", "--to", "en", "--backend", backend, "--fail-fast")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == ("error: articles/o/news.ru.txt: article name 'news' is also used by "
                             "articles/news.ru.txt\n")


def test_source_warnings_of_an_archive_run_are_project_relative(tmp_path):
    """``translate --backend ray`` reads the articles chunk by chunk; its warnings name files as the local run does."""
    from translate_pipeline import workflow
    from translate_pipeline.core.settings import load_config

    project = make_project(tmp_path, "Заголовок\nПервое предлoжение здесь.\n")  # a Latin 'o' in a Russian word
    config = load_config(project)
    result = workflow.translate_archive(config, [project / "articles" / "news.ru.txt"], ["en"],
                                        workflow.TranslateOptions(use_mt=False))
    assert result.warnings and all(w.startswith("articles/news.ru.txt:2: ") for w in result.warnings)
    local = run(project, "translate", "articles", "--to", "en", "--no-mt")
    assert [line for line in local.stderr.splitlines() if "warning" in line] == [f"warning: {w}" for w in result.warnings]


def test_moved_article_keeps_its_catalog(tmp_path):
    """The old file is gone: a move, not a second article; the catalog follows it."""
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    review(po_file(project), {"Файлы загружены.": "Files uploaded."})
    (project / "articles" / "o").mkdir()
    (project / "articles" / "news.ru.txt").rename(project / "articles" / "o" / "news.ru.txt")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    entry = polib.pofile(str(po_file(project))).find("Файлы загружены.")
    assert entry.msgstr == "Files uploaded." and entry.occurrences[0][0] == "articles/o/news.ru.txt"


# --- 10. byte-stable re-runs ----------------------------------------------------


def test_file_name_with_a_space_is_stable(tmp_path):
    project = make_project(tmp_path, name="a b.ru.txt")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project, name="a b")
    catalog = polib.pofile(str(path))
    first = path.read_bytes()
    second = run(project, "update", "articles", "--lang", "en")
    assert second.exit_code == 0 and "unchanged" in second.stdout
    assert path.read_bytes() == first
    from translate_pipeline.catalog.io import read_catalog

    assert read_catalog(path).find("Файлы загружены.").occurrences == [("articles/a b.ru.txt", "3")]
    assert catalog is not None
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)]).returncode == 0


@pytest.mark.parametrize("name", ["a\nb.ru.txt", "a\rb.ru.txt", "a\tb.ru.txt"])
def test_control_character_in_a_file_name_is_refused(tmp_path, name):
    project = make_project(tmp_path, name=name)
    result = run(project, "update", "articles", "--lang", "en")
    assert result.exit_code == ExitCode.INPUT and "file name" in result.stderr
    assert not (project / "locales").exists() or not list((project / "locales").rglob("*.po*"))


# --- 11. stale temporary files ---------------------------------------------------


def test_stale_temporary_files_are_cleaned(tmp_path):
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    folder = po_file(project).parent
    stale = [folder / ".news.po.ab12cd_3.tmp", project / "locales" / ".news.pot.zz99yy00.tmp",
             folder / ".news.mo.ab12cd_3.tmp",  # a killed compile's (compile takes no lock: held files are spared)
             project / "glossary" / ".terms.csv.ab12cd_3.tmp", project / ".translate-pipeline.toml.ab12cd_3.tmp"]
    foreign = [folder / "notes.tmp", folder / ".news.po.keep", folder / ".other.txt.ab12cd_3.tmp",
               project / "articles" / ".news.ru.txt.ab12cd_3.tmp"]
    (project / "glossary").mkdir()
    for path in stale + foreign:
        path.write_bytes(b"")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in foreign)


def test_a_temporary_file_a_live_process_writes_is_left_alone(tmp_path):
    """Another process (a compile, which takes no project lock) is writing it right now."""
    from translate_pipeline.core.fs import remove_stale_temporaries

    live, dead = tmp_path / ".news.mo.ab12cd_3.tmp", tmp_path / ".news.po.zz12cd_3.tmp"
    live.write_bytes(b"half")
    dead.write_bytes(b"half")
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); "
                               "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)", str(live)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert remove_stale_temporaries(tmp_path) == [dead]
        assert live.exists()
    finally:
        holder.kill()
        holder.wait()
    assert remove_stale_temporaries(tmp_path) == [live]  # its writer is gone (the kernel dropped its flock)


def test_refused_translate_run_leaves_the_translation_memory_alone(tmp_path):
    """Every check runs before the first write, the TM harvest included."""
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    review(po_file(project), {"Файлы загружены.": "Files uploaded."})
    (project / "articles" / "o").mkdir()
    (project / "articles" / "o" / "news.ru.txt").write_text("Другая статья\nСовсем другой текст.\n", encoding="utf-8")
    result = run(project, "translate", "articles/o/news.ru.txt", "--to", "en", "--no-mt")
    assert result.exit_code == ExitCode.INPUT and "is also used by articles/news.ru.txt" in result.stderr
    from translate_pipeline.tm.store import TranslationMemory

    with TranslationMemory.open(project / "tm" / "memory.sqlite") as tm:  # opened (checked) first, never written
        assert list(tm.units()) == []


# --- the write window, unit level ------------------------------------------------------


def test_a_save_between_the_two_renames_is_kept(tmp_path):
    """The editor recreates the file after the run moved it aside: link refuses to overwrite it."""
    from translate_pipeline.core.errors import PipelineError
    from translate_pipeline.core.fs import replace_unless_changed

    path = tmp_path / "a.po"
    path.write_text("old")

    def unchanged(moved):
        assert moved is not None and moved.read_text() == "old" and not path.exists()
        path.write_text("translator")  # the save lands in the gap
        return True

    with pytest.raises(PipelineError, match="that save was kept"):
        replace_unless_changed(path, "new", unchanged)
    assert path.read_text() == "translator"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_two_saves_during_the_run_keep_both(tmp_path):
    from translate_pipeline.core.errors import PipelineError
    from translate_pipeline.core.fs import replace_unless_changed

    path = tmp_path / "a.po"
    path.write_text("first save")

    def unchanged(moved):
        path.write_text("second save")
        return False

    with pytest.raises(PipelineError, match="earlier save is in a.po.") as caught:
        replace_unless_changed(path, "new", unchanged)
    assert path.read_text() == "second save"
    kept = tmp_path / caught.value.message.rsplit(" ", 1)[-1]
    assert kept.read_text() == "first save"


def test_a_run_killed_between_the_renames_gets_the_file_back(tmp_path):
    from translate_pipeline.core.fs import remove_stale_temporaries

    folder = tmp_path / "locales" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / ".news.po.ab12cd_3.tmp").write_text("new, never linked")
    (folder / ".news.po.ab12cd_3.tmp.old").write_text("the translator's catalog")
    (folder / ".done.po.zz12cd_3.tmp.old").write_text("moved aside")
    (folder / "done.po").write_text("a file put back since (git checkout)")
    (folder / ".same.po.zz12cd_3.tmp.old").write_text("same")
    (folder / "same.po").write_text("same")
    remove_stale_temporaries(tmp_path / "locales")
    assert (folder / "news.po").read_text() == "the translator's catalog"
    assert (folder / "done.po").read_text() == "a file put back since (git checkout)"
    [kept] = folder.glob("done.po.kept-*")
    assert kept.read_text() == "moved aside"  # it may be the only copy of the newest work
    assert sorted(p.name for p in folder.iterdir()) == ["done.po", kept.name, "news.po", "same.po"]


# --- issue 21, item 1: killed between the two renames, then a file put back in place ----------------



def _temporaries(project: Path) -> list[str]:
    return sorted(str(p.relative_to(project)) for p in project.rglob(".*.tmp*"))


@pytest.mark.parametrize("put_back", ["older version", "nothing", "same bytes"])
def test_a_catalog_moved_aside_by_a_killed_run_is_never_deleted(tmp_path, put_back):
    """kill -9 between the two renames: ``news.po`` is missing, the translator's newest work in ``.tmp.old``.

    A ``git checkout`` (an older version) before the next run: the newest work is kept as
    ``news.po.kept-DATE`` and one line says so; nothing put back: it goes back in place;
    the very same bytes put back: nothing to keep.
    """
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    path = po_file(project)
    older = path.read_bytes()
    review(path, {"Файлы загружены.": "Files uploaded."}, comment="checked against the release")
    newest = path.read_bytes()
    with (project / "articles" / "news.ru.txt").open("a", encoding="utf-8") as handle:
        handle.write("Новая фраза появилась.\n")  # so the run has something to write
    kill_at_marker(BETWEEN_THE_RENAMES, tmp_path / "marker", "news.po", "-C", str(project),
                   "update", "articles", "--lang", "en")
    assert not path.exists()
    [aside] = path.parent.glob(".news.po.*.tmp.old")
    assert aside.read_bytes() == newest
    if put_back == "older version":
        path.write_bytes(older)
    elif put_back == "same bytes":
        path.write_bytes(newest)
    result = run(project, "update", "articles", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    kept = sorted(path.parent.glob("news.po.kept-*"))
    if put_back == "older version":
        assert [k.read_bytes() for k in kept] == [newest]
        [line] = [l for l in result.stderr.splitlines() if "kept beside it as" in l]
        assert line.startswith("warning: locales/en/LC_MESSAGES/news.po: ") and kept[0].name in line
        assert str(project) not in line  # project-relative, as every path the CLI prints
        assert not list(path.parent.glob("*.kept-*.po"))  # gettext tools and catalog listings never see it
    else:
        assert not kept and "kept beside" not in result.stderr
        entry = polib.pofile(str(path)).find("Файлы загружены.")
        assert entry.msgstr == "Files uploaded." and entry.tcomment == "checked against the release"
    assert _temporaries(project) == []
    again = run(project, "update", "articles", "--lang", "en")
    assert again.exit_code == 0 and "kept" not in again.stderr
    assert sorted(path.parent.glob("news.po.kept-*")) == kept


def test_keep_aside_never_replaces_an_earlier_kept_version(tmp_path):
    from translate_pipeline.core.fs import keep_aside

    path = tmp_path / "a.po"
    names = []
    for n in range(3):
        old = tmp_path / f".a.po.abcdefg{n}.tmp.old"
        old.write_text(f"version {n}")
        names.append(keep_aside(old, path).name)
    assert len(set(names)) == 3
    assert sorted((tmp_path / name).read_text() for name in names) == ["version 0", "version 1", "version 2"]


# --- issue 21: after any killed command, the next command leaves no temporary file behind -------------

@pytest.mark.parametrize("killed, victim, following", [
    (["update", "articles", "--lang", "en"], ".news.po.", ["stats"]),
    (["extract", "articles"], ".news.pot.", ["check"]),
    (["compile", "--lang", "en"], ".news.mo.", ["tm", "stats"]),
    (["glossary", "add", "Астана", "-t", "en=Astana"], ".terms.csv.", ["glossary", "list"]),
], ids=["update", "extract", "compile", "glossary add"])
def test_the_command_after_a_killed_one_leaves_no_temporary_file(tmp_path, killed, victim, following):
    """A read-only command too: the CLI tidies the project first (only files no live process holds)."""
    project = make_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    catalog = po(project, "en", "news")
    catalog[0].msgstr = "The headline"  # so compile has a message to write
    catalog.save()
    assert run(project, "glossary", "add", "Костанай", "-t", "en=Kostanay").exit_code == 0
    with (project / "articles" / "news.ru.txt").open("a", encoding="utf-8") as handle:
        handle.write("Новая фраза появилась.\\n")  # so update and extract have something to write
    kill_at_marker(HANG_IN_FSYNC, tmp_path / "marker", victim, "-C", str(project), *killed)
    assert _temporaries(project), "the kill should have left its temporary file"
    result = run(project, *following)
    assert "Traceback" not in result.stderr
    assert _temporaries(project) == []
    assert run(project, *killed).exit_code == 0  # and the killed command, run again, completes
