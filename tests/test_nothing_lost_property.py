"""Property: random article edits × translator edits × re-runs never lose reviewed work.

Hypothesis drives a small project through rounds of: a translator editing the
catalog (reviews, comments, fuzzy flags, plural entries, msgctxt entries), an
editor changing the article (sentences added, removed, reworded, reordered),
and a run (``update`` or ``translate --no-mt``).  After every run each reviewed
msgstr (or msgstr[n]) and translator comment seen before it must still be in
the catalog under the same (msgctxt, msgid), active or obsolete; a reviewed
entry whose sentence is still in the article stays active and reviewed; and a
second run changes no byte.

Bounded for CI (``TP_PROPERTY_EXAMPLES``, default 12 examples); set it to e.g.
1000 for a long campaign.  Also a ``kill -9`` test during the write phase.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import HANG_IN_FSYNC, kill_at_marker, run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("TP_PROPERTY_EXAMPLES", "12"))

POOL = [
    "Завод построят в Костанае.",
    "Соглашение подписали в Астане.",
    "Документ предусматривает выпуск мостов.",
    "Файлы загружены.",
    "Аким области принял участие.",
    "Проект создаст тысячу рабочих мест.",
    "Строительство начнётся весной.",
    "Инвестиции составят десять миллиардов тенге.",
]


def _key(entry: polib.POEntry) -> tuple:
    return entry.msgctxt, entry.msgid


def _translation(entry: polib.POEntry):
    return tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr


def _reviewed(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags or not entry.msgid:
        return False
    return all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)


def _read(path: Path) -> polib.POFile:
    from translate_pipeline.catalog.io import read_catalog

    return read_catalog(path)


sentence = st.sampled_from(range(len(POOL)))
article = st.lists(
    st.tuples(sentence, st.sampled_from(["", " Изменено.", " Это уточнение."])), min_size=1, max_size=5
)
translator_op = st.one_of(
    st.tuples(st.just("review"), sentence, st.text("abc xyz\u2028", min_size=1, max_size=12)),
    st.tuples(st.just("comment"), sentence, st.text("note ", min_size=1, max_size=8)),
    st.tuples(st.just("fuzzy"), sentence, st.just("")),
    st.tuples(st.just("plural"), sentence, st.text("pl", min_size=1, max_size=6)),
    st.tuples(st.just("context"), sentence, st.sampled_from(["h", "menu", ""])),
)
round_ = st.tuples(st.lists(translator_op, max_size=5), article, st.sampled_from(["update", "translate"]))


def _write_article(project: Path, sentences: list[tuple[int, str]]) -> None:
    lines = ["Новости Костаная"] + [POOL[i].rstrip(".") + (tail or ".") for i, tail in sentences]
    (project / "articles" / "news.ru.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _translator(path: Path, ops) -> None:
    catalog = polib.pofile(str(path), wrapwidth=78)
    by_msgid = {}
    for entry in catalog:
        by_msgid.setdefault(entry.msgid, entry)
    live = [e for e in catalog if not e.obsolete and not e.msgid_plural and e.msgctxt is None]
    for op, index, text in ops:
        if not live:
            break
        entry = live[index % len(live)]
        if op == "review":
            entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif op == "comment":
            entry.tcomment = text.strip() or "n"
        elif op == "fuzzy" and entry.msgstr and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        elif op == "plural" and not entry.msgstr:
            entry.msgid_plural = entry.msgid + " (%d)"
            entry.msgstr_plural = {0: text, 1: text + "s"}
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif op == "context" and not any(e.msgctxt == (text or "ctx") and e.msgid == entry.msgid for e in catalog):
            catalog.append(polib.POEntry(msgctxt=text or "ctx", msgid=entry.msgid, msgstr=f"[{text}] {entry.msgid}",
                                         tcomment="context"))
    catalog.save(str(path))


def _check(before: polib.POFile, after: polib.POFile, article_ids: set[str]) -> None:
    found = {}
    for entry in after:
        found.setdefault(_key(entry), []).append(entry)
    for entry in before:
        if not entry.msgid:
            continue
        now = found.get(_key(entry), [])
        if _reviewed(entry):
            assert any(_translation(e) == _translation(entry) for e in now), f"lost {_key(entry)}"
            if not entry.obsolete and entry.msgctxt is None and entry.msgid in article_ids:
                live = [e for e in now if not e.obsolete]
                assert live and _reviewed(live[0]) and _translation(live[0]) == _translation(entry), _key(entry)
        if entry.tcomment:
            assert any(e.tcomment == entry.tcomment for e in now), f"comment lost on {_key(entry)}"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=article, rounds=st.lists(round_, min_size=1, max_size=3))
def test_reviewed_work_survives_any_sequence_of_edits_and_runs(first, rounds):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        (project / "articles").mkdir(parents=True)
        _write_article(project, first)
        assert run(project, "update", "articles", "--lang", "en").exit_code == 0
        path = project / "locales" / "en" / "LC_MESSAGES" / "news.po"
        for ops, sentences, command in rounds:
            _translator(path, ops)
            _write_article(project, sentences)
            before = _read(path)
            args = ["update", "articles", "--lang", "en"] if command == "update" else [
                "translate", "articles", "--to", "en", "--no-mt"]
            result = run(project, *args)
            assert result.exit_code == 0, result.stderr
            after = _read(path)
            article_ids = {e.msgid for e in after if not e.obsolete and e.occurrences}
            _check(before, after, article_ids)
            data = path.read_bytes()
            assert run(project, *args).exit_code == 0
            assert path.read_bytes() == data, "a second run changed the catalog"


# --- kill -9 during the write phase ------------------------------------------------

@pytest.mark.parametrize("victim", ["news.pot", "news.po"])
def test_kill_9_during_the_write_phase_loses_nothing(tmp_path, victim):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    _write_article(project, [(0, ""), (1, ""), (2, "")])
    assert run(project, "update", "articles", "--lang", "en,kk").exit_code == 0
    for lang in ("en", "kk"):
        _translator(project / "locales" / lang / "LC_MESSAGES" / "news.po",
                    [("review", 0, f"{lang} title"), ("comment", 1, "keep me"), ("plural", 2, "pl")])
    befores = {lang: _read(project / "locales" / lang / "LC_MESSAGES" / "news.po") for lang in ("en", "kk")}
    _write_article(project, [(0, ""), (3, ""), (1, " Изменено.")])
    kill_at_marker(HANG_IN_FSYNC, tmp_path / "marker", f".{victim}.", "-C", str(project), "update", "articles",
                   "--lang", "en,kk")
    stale = list((project / "locales").rglob(".*.tmp"))
    assert stale, "the kill should have left the temporary file behind"
    for lang in befores:
        _read(project / "locales" / lang / "LC_MESSAGES" / "news.po")  # every file whole, old or new
    result = run(project, "update", "articles", "--lang", "en,kk")
    assert result.exit_code == 0, result.stderr
    assert not list((project / "locales").rglob(".*.tmp"))
    for lang, before in befores.items():
        after = _read(project / "locales" / lang / "LC_MESSAGES" / "news.po")
        _check(before, after, {e.msgid for e in after if not e.obsolete and e.occurrences})
