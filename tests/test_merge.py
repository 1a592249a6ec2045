"""Merge semantics: the central promise that reviewed work is never lost."""
from __future__ import annotations

import tempfile
from pathlib import Path

import polib
from helpers import new_project, po, run, snapshot
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from translate_pipeline import workflow as jobs
from translate_pipeline.core.settings import load_config
from translate_pipeline.source.readers import load_articles

ARTICLE = "articles/kamaz-kazakhstan.ru.txt"


def _lines(project: Path) -> list[str]:
    return (project / ARTICLE).read_text(encoding="utf-8").splitlines()


def _write_lines(project: Path, lines: list[str]) -> None:
    (project / ARTICLE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _review(project: Path, lang: str, translations: dict[str, str], comment: str | None = None) -> None:
    catalog = po(project, lang)
    for entry in catalog:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if comment:
                entry.tcomment = comment
    catalog.save()


def test_rerun_on_unchanged_article_changes_no_byte(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "translate", "articles").exit_code == 0
    _review(project, "en", {po(project, "en")[0].msgid: "Bridge plant for KAMAZ"}, "checked")
    before = snapshot(project)
    for command in (["translate", "articles"], ["update", "articles"], ["extract", "articles"]):
        assert run(project, *command).exit_code == 0
        assert snapshot(project) == before


def test_edit_changed_removed_and_revived_sentences(tmp_path):
    project = new_project(tmp_path)
    run(project, "update", "articles", "--lang", "en")
    lines = _lines(project)
    title = lines[0]
    removed = "Он поставит технологии, отвечающие мировым стандартам."
    _review(
        project,
        "en",
        {title: "A bridge plant for KAMAZ trucks to open in Kostanay", removed: "It will supply technology."},
        "translator note",
    )
    # change the title slightly, remove one sentence
    lines[0] = title.replace("грузовиков", "грузовых автомобилей")
    lines[5] = lines[5].replace(" " + removed, "")
    _write_lines(project, lines)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    catalog = po(project, "en")
    changed = catalog.find(lines[0])
    assert changed.msgstr == "A bridge plant for KAMAZ trucks to open in Kostanay"
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == title
    assert changed.tcomment == "translator note"
    gone = [e for e in catalog.obsolete_entries() if e.msgid == removed]
    assert gone and gone[0].msgstr == "It will supply technology." and gone[0].tcomment == "translator note"
    # the old title translation is kept as obsolete too: nothing dropped
    assert any(e.msgid == title and e.msgstr for e in catalog.obsolete_entries())
    # restore the sentence: it comes back reviewed, not fuzzy
    lines[5] = lines[5] + " " + removed
    _write_lines(project, lines)
    run(project, "update", "articles", "--lang", "en")
    revived = po(project, "en").find(removed)
    assert revived is not None and not revived.obsolete
    assert revived.msgstr == "It will supply technology." and "fuzzy" not in revived.flags


def test_translator_header_and_fuzzy_state_survive(tmp_path):
    project = new_project(tmp_path)
    run(project, "update", "articles", "--lang", "kk")
    catalog = po(project, "kk")
    catalog.metadata["Last-Translator"] = "Айгүл <aigul@example.kz>"
    catalog[1].msgstr = "Жоба"
    catalog[1].flags.append("fuzzy")
    catalog.save()
    (project / ARTICLE).write_text(
        (project / ARTICLE).read_text(encoding="utf-8") + "Новый абзац в конце статьи.\n", encoding="utf-8"
    )
    run(project, "update", "articles", "--lang", "kk")
    catalog = po(project, "kk")
    assert catalog.metadata["Last-Translator"] == "Айгүл <aigul@example.kz>"
    assert catalog[1].msgstr == "Жоба" and "fuzzy" in catalog[1].flags
    assert catalog.find("Новый абзац в конце статьи.").msgstr == ""


POOL = [
    "Аким области открыл новый завод.",
    "Министерство сообщило о проекте.",
    "Инвестиции составят 2,5 млрд тенге.",
    "Завод выпустит 30 тысяч машин в год.",
    "В 2018 году концерн стал акционером.",
    "Соглашение подписали в Астане.",
    "Работы начнутся весной.",
    "Продукция пойдёт на экспорт.",
]

ops = st.lists(
    st.tuples(st.sampled_from(["delete", "change", "insert", "restore", "review", "fuzzy", "comment"]), st.integers(0, 20)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=ops)
@example(operations=[("review", 1), ("change", 0), ("delete", 0)])  # obsolete entry with a previous msgid
def test_random_edits_never_lose_reviewed_work(operations):
    """Random article edits × random translator edits × re-runs: no reviewed msgstr or comment lost."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "articles").mkdir()
        sentences = POOL[:5]
        removed: list[str] = []
        path = project / "articles" / "a.ru.txt"

        def write() -> None:
            path.write_text("Заголовок статьи\n" + "\n".join(sentences) + "\n", encoding="utf-8")

        def update() -> None:
            config = load_config(project)
            jobs.update(config, load_articles(config, ["articles"]), ["en"])

        write()
        update()
        reviewed: dict[str, str] = {}
        comments: dict[str, str] = {}
        po_file = project / "locales" / "en" / "LC_MESSAGES" / "a.po"
        for step, (op, n) in enumerate(operations):
            if op in ("review", "fuzzy", "comment"):
                catalog = polib.pofile(str(po_file))
                active = [e for e in catalog if not e.obsolete]
                entry = active[n % len(active)]
                if op == "review":
                    entry.msgstr = f"Reviewed {step}"
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                    reviewed[entry.msgid] = entry.msgstr
                elif op == "fuzzy" and not entry.msgstr:
                    entry.msgstr = f"Draft {step}"
                    entry.flags.append("fuzzy")
                elif op == "comment":
                    entry.tcomment = f"note {step}"
                    comments[entry.msgid] = entry.tcomment
                catalog.save()
            else:
                if op == "delete" and sentences:
                    removed.append(sentences.pop(n % len(sentences)))
                elif op == "change" and sentences:
                    i = n % len(sentences)
                    sentences[i] = sentences[i][:-1] + f" и ещё {step}."
                elif op == "insert":
                    fresh = [s for s in POOL if s not in sentences]
                    if fresh:
                        sentences.insert(n % (len(sentences) + 1), fresh[n % len(fresh)])
                elif op == "restore" and removed:
                    sentences.append(removed.pop())
                write()
                update()
            catalog = polib.pofile(str(po_file))
            pairs = {(e.msgid, e.msgstr) for e in catalog}
            for msgid, msgstr in reviewed.items():
                assert (msgid, msgstr) in pairs, (msgid, msgstr)
            for msgid, note in comments.items():
                assert any(e.msgid == msgid and e.tcomment == note for e in catalog)
            for entry in catalog:
                if not entry.obsolete and entry.msgid in reviewed and entry.msgid in sentences:
                    assert entry.msgstr == reviewed[entry.msgid] and "fuzzy" not in entry.flags
        before = po_file.read_bytes()
        update()
        assert po_file.read_bytes() == before


def test_catalog_saved_by_a_translator_during_the_run_is_not_overwritten(tmp_path):
    """MT can run for minutes; a PO file saved in Poedit meanwhile must win over the run's older copy."""
    import pytest

    from translate_pipeline.catalog.provenance import Provenance
    from translate_pipeline.core.errors import PipelineError
    from translate_pipeline.core.settings import load_config
    from translate_pipeline.pretranslate.suggestion import Suggestion

    project = new_project(tmp_path)
    config = load_config(project)
    articles = load_articles(config, ["articles"])
    jobs.update(config, articles, ["en"])
    path = project / "locales" / "en" / "LC_MESSAGES" / "kamaz-kazakhstan.po"

    class TranslatorSavesMidRun:
        name = "slow-mt"

        def suggest(self, texts, source, target):
            saved = polib.pofile(str(path))
            saved[0].msgstr = "Reviewed by a translator."
            saved.save()
            return [Suggestion(f"draft {i}", Provenance.from_mt("test")) for i, _ in enumerate(texts)]

    with pytest.raises(PipelineError, match="changed on disk during this run"):
        jobs.translate(config, articles, ["en"], sources=[TranslatorSavesMidRun()])
    entries = [e for e in po(project, "en") if e.msgid]
    assert entries[0].msgstr == "Reviewed by a translator."
    assert not any(e.msgstr.startswith("draft") for e in entries)
