"""The whole main job through the CLI, with tiny real Argos models built by the test suite.

models install → translate (TM, glossary-steered MT, direct and pivot routes) →
review → second article served from the TM → stats.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import new_project, po, run

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.core.settings import load_config
from translate_pipeline.glossary import load_glossary

REPO = Path(__file__).resolve().parents[1]


def _project_with_glossary(tmp_path):
    project = new_project(tmp_path)
    shutil.copytree(REPO / "glossary", project / "glossary")
    return project


@pytest.mark.slow  # ~10 s: two packages, a pivot and glossary n-best (65 s with n-best 4 / beam 4)
def test_install_and_translate_fills_everything_with_provenance_and_terms(copy_packages, argos_dir, tmp_path):
    project = _project_with_glossary(tmp_path)
    # n-best 2 still exercises every enforcement step (n-best choice, code-switch, pivot n-best);
    # the default 4 through a pivot decodes 4 × 4 second-leg hypotheses per sentence for no extra coverage
    (project / "translate-pipeline.toml").write_text("[mt]\nbeam_size = 2\n\n[glossary]\nn_best = 2\n",
                                                      encoding="utf-8")
    for package in ("ru_en", "en_kk"):
        installed = run(project, "models", "install", str(copy_packages[package]))
        assert installed.exit_code == 0, installed.stderr
    result = run(project, "translate", "articles", "--to", "en,kk", "--require-mt")
    assert result.exit_code == 0, result.stderr
    assert "MT route: ru→kk: pivot ru→en→kk" in result.stdout
    glossary = load_glossary(load_config(project))
    claimed = unmet = 0
    for lang in ("en", "kk"):
        for entry in po(project, lang):
            assert entry.msgstr and entry.fuzzy, entry.msgid  # every entry filled, as a draft
            origin = Provenance.of(entry).first(Key.ORIGIN)
            assert origin.startswith("MT ") and ("pivot ru→en→kk" in origin) == (lang == "kk")
            assert Provenance.of(entry).first(Key.MT_RAW) == entry.msgstr
            outcome = Provenance.of(entry).first(Key.GLOSSARY)
            if glossary.find(entry.msgid):
                assert Provenance.of(entry).first(Key.TERMS)
                checks = glossary.check(entry.msgid, entry.msgstr, lang)
                if outcome.startswith(("satisfied", "enforced")):
                    claimed += 1
                    assert all(c.ok for c in checks), (entry.msgid, entry.msgstr, checks)
                else:
                    unmet += 1
                    assert outcome.startswith("missing") and entry.fuzzy
    assert claimed > 5  # the sample article is full of terms
    stats = json.loads(run(project, "stats", "--format", "json").stdout)["rows"]
    assert all(row["origin_segments"]["mt"] == row["segments"]["total"] for row in stats)


def test_reviewed_sentences_serve_a_second_article_from_the_tm(copy_packages, argos_dir, tmp_path):
    project = _project_with_glossary(tmp_path)
    run(project, "models", "install", str(copy_packages["ru_en"]))
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0
    catalog = po(project, "en")
    for entry in catalog:  # a translator reviews everything
        entry.msgstr = f"Reviewed: {entry.msgid}"
        entry.flags.remove("fuzzy")
    catalog.save()
    shared = "Продукция будет на 100% экспортоориентированной."
    (project / "articles" / "follow-up.ru.txt").write_text(
        f"Новости завода\n{shared} Первые мосты выпустят весной.\n", encoding="utf-8"
    )
    result = run(project, "translate", "articles", "--to", "en")
    assert result.exit_code == 0, result.stderr
    assert "TM: remembered" in result.stdout and "1 by TM" in result.stdout
    second = po(project, "en", "follow-up")
    served = second.find(shared)
    assert served.msgstr == f"Reviewed: {shared}" and served.fuzzy
    assert Provenance.of(served).first(Key.ORIGIN).startswith("TM 100% exact from kamaz-kazakhstan")
    assert Provenance.of(second.find("Первые мосты выпустят весной.")).first(Key.ORIGIN).startswith("MT ")
    # the reviewed first article is untouched
    assert all(e.msgstr == f"Reviewed: {e.msgid}" and not e.fuzzy for e in po(project, "en"))
    rows = {row["article"]: row for row in json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]}
    assert rows["follow-up"]["origin_segments"]["tm"] == 1
    first = rows["kamaz-kazakhstan"]
    # every MT draft was rewritten and signed off: post-edited work, not MT (issue 19), translated by state
    assert first["origin_segments"]["post-edited"] == first["segments"]["translated"] == first["segments"]["total"]
    assert first["origin_segments"]["mt"] == 0
    edits = first["post_editing"]
    assert edits["segments"] == {"mt": 0, "post-edited": first["segments"]["total"], "tm": 0, "human": 0}
    assert edits["scored"] == first["segments"]["total"] and edits["ter"] > 0 and edits["chrf"] < 100


def test_require_mt_fails_a_batch_job_when_a_pair_has_no_model(copy_packages, argos_dir, tmp_path):
    project = new_project(tmp_path)
    run(project, "models", "install", str(copy_packages["ru_en"]))
    result = run(project, "translate", "articles", "--to", "en,kk", "--require-mt")
    assert result.exit_code == 1
    assert "no MT model for ru→kk" in result.stderr and "error: --require-mt" in result.stderr
    assert all(e.msgstr for e in po(project, "en"))  # what could be done was done and written
    assert not any(e.msgstr for e in po(project, "kk"))
