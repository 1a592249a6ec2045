"""One notion of "ready": stats and the publish gate answer with the same rule (readiness.blockers)."""
import json
from pathlib import Path

import polib
from _publish_fixtures import make_article
from helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from translate_pipeline.publish.gate import (
    FUZZY,
    NOT_IN_CATALOG,
    QA_ERROR,
    UNTRANSLATED,
    Policy,
    check,
)
from translate_pipeline.review.qa.finding import Finding
from translate_pipeline.review.stats import catalog_stats

WRONG = "The volume reached 251.3 billion тенге."  # figure swapped, a Russian word left in


def _project(tmp_path, msgstr):
    project = tmp_path / "proj"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "budget.ru.txt").write_text(
        "Бюджет\nОбъём достиг 215,3 млрд тенге.\n", encoding="utf-8")
    assert run(project, "update", "--lang", "en").exit_code == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "budget.po"
    po = polib.pofile(str(path))
    po.find("Бюджет").msgstr = "Budget"
    po.find("Объём достиг 215,3 млрд тенге.").msgstr = msgstr  # reviewed: no fuzzy flag
    po.save()
    return project


def test_reviewed_entry_with_qa_errors_blocks_stats_and_publish_alike(tmp_path):
    project = _project(tmp_path, WRONG)
    (row,) = json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]
    assert row["segments"]["translated"] == row["segments"]["total"]  # everything reviewed…
    assert row["findings"]["error"] >= 2 and row["ready"] is False  # …and still not ready
    gate = run(project, "publish", "--check", "--lang", "en")
    assert gate.exit_code == 1 and "ready budget [en]" not in gate.stdout
    (line,) = [l.removeprefix("error: ") for l in gate.stderr.splitlines() if l.startswith("error: locales/")]
    assert line.startswith("locales/en/LC_MESSAGES/budget.po:") and "QA error (source line 2)" in line
    assert "[numbers]" in line and "[script]" in line
    # an explicit, separate decision lets it through
    allowed = run(project, "publish", "--check", "--lang", "en", "--allow-qa-errors")
    assert allowed.exit_code == 0 and "ready budget [en]" in allowed.stdout
    site = tmp_path / "site"
    assert run(project, "publish", "--out", str(site), "--lang", "ru,en", "--allow-qa-errors").exit_code == 0
    data = json.loads((site / "budget" / "en.json").read_text(encoding="utf-8"))
    assert data["policy"]["allow_qa_errors"] is True  # the decision travels with the edition
    assert run(project, "publish", "--check", "--lang", "en", "--allow-fuzzy").exit_code == 1


def test_fixed_entry_is_ready_for_both(tmp_path):
    project = _project(tmp_path, "The volume reached 215.3 billion tenge.")
    (row,) = json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]
    assert row["ready"] is True and row["blockers"] == 0
    assert run(project, "publish", "--check", "--lang", "en").exit_code == 0


SENTENCES = [f"Предложение номер {i}." for i in range(6)]
VALID_HEADER = {"Language": "en", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
STATE = st.sampled_from(["missing", "untranslated", "fuzzy", "reviewed"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(STATE, st.booleans(), st.sampled_from(["error", "warning"])),
                min_size=len(SENTENCES), max_size=len(SENTENCES)))
def test_stats_ready_equals_gate_ok_for_any_catalog(cases):
    """Random entry states and QA findings: stats' ``ready`` and the gate's default verdict agree,
    and the gate names exactly the blocking sentences, with the reason by precedence."""
    article = make_article([("title", SENTENCES[:1]), ("paragraph", SENTENCES[1:])])
    po = polib.POFile()
    po.metadata = dict(VALID_HEADER)
    findings, expected = [], []
    for text, (state, has_finding, severity) in zip(SENTENCES, cases):
        if state == "missing":
            expected.append((NOT_IN_CATALOG, text))
            continue
        entry = polib.POEntry(msgid=text, msgstr="" if state == "untranslated" else "Sentence.")
        if state == "fuzzy":
            entry.flags.append("fuzzy")
        po.append(entry)
        if has_finding:
            findings.append(Finding("demo", "en", "numbers", severity, "m", text, "x.po", 1))
        if state == "untranslated":
            expected.append((UNTRANSLATED, text))
        elif state == "fuzzy":
            expected.append((FUZZY, text))
        elif has_finding and severity == "error":
            expected.append((QA_ERROR, text))
    report = check(article, "en", po, Policy(), findings=findings)
    assert [(m.reason, m.msgid) for m in report.missing] == expected
    if not any(state == "missing" for state, _, _ in cases):  # stats sees the catalog, not the article
        assert catalog_stats("demo", "en", po, findings).ready == report.ok


def test_a_header_gettext_rejects_blocks_stats_and_publish_alike():
    article = make_article([("paragraph", SENTENCES[:1])])
    po = polib.POFile()
    po.metadata = dict(VALID_HEADER)
    po.append(polib.POEntry(msgid=SENTENCES[0], msgstr="Sentence."))
    assert check(article, "en", po, Policy()).ok and catalog_stats("demo", "en", po, []).ready
    po.metadata["Content-Type"] = "text/plain; charset=CHARSET"
    report = check(article, "en", po, Policy(allow_fuzzy=True), po_path=Path("x.po"))
    assert not report.ok and not catalog_stats("demo", "en", po, []).ready
    assert report.lines() == ["x.po: header Content-Type charset is CHARSET, not UTF-8 (run update to repair it)"]
