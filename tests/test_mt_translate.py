"""Issue 3's "done when": install test-built packages, translate to en and kk, every entry filled."""
from __future__ import annotations

import shutil

from glossary_fixtures import STARTER
from helpers import new_project, po

from translate_pipeline import workflow as jobs
from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.core.settings import load_config
from translate_pipeline.mt.packages import install_archive
from translate_pipeline.pretranslate.mt_source import MTSource
from translate_pipeline.source.readers import load_articles


def test_direct_en_and_pivot_kk_fill_every_entry(copy_packages, argos_dir, tmp_path):
    install_archive(copy_packages["ru_en"], argos_dir)
    install_archive(copy_packages["en_kk"], argos_dir)
    project = new_project(tmp_path)
    config = load_config(project)
    source = MTSource(config, show_progress=False)
    result = jobs.translate(config, load_articles(config, ["articles"]), ["en", "kk"], sources=[source])

    assert [(r.lang, r.left, r.problems) for r in result.reports] == [("en", 0, []), ("kk", 0, [])]
    assert source.routes[("ru", "kk")].startswith("ru→kk: pivot ru→en→kk via argos translate-ru_en-copy 1.9")
    origins = {
        "en": "MT argos translate-ru_en-copy 1.9 (ru→en)",
        "kk": "MT pivot ru→en→kk: argos translate-ru_en-copy 1.9 (ru→en) + argos translate-en_kk-copy 1.0 (en→kk)",
    }
    for lang, origin in origins.items():
        entries = [e for e in po(project, lang) if e.msgid]
        assert entries and all(e.msgstr == e.msgid and e.fuzzy for e in entries)  # the model copies
        assert {Provenance.of(e).first(Key.ORIGIN) for e in entries} == {origin}


def test_missing_pair_is_reported_and_catalogs_still_written(copy_packages, argos_dir, tmp_path):
    install_archive(copy_packages["ru_en"], argos_dir)
    project = new_project(tmp_path)
    config = load_config(project)
    result = jobs.translate(config, load_articles(config, ["articles"]), ["en", "kk"],
                            sources=[MTSource(config, show_progress=False)])
    kk = next(r for r in result.reports if r.lang == "kk")
    assert kk.left == kk.pending > 0
    assert kk.problems and kk.problems[0].startswith("no MT model for ru→kk: Argos has no kk package; add a Hugging Face model")
    assert all(not e.msgstr for e in po(project, "kk") if e.msgid)
    assert all(e.msgstr for e in po(project, "en") if e.msgid)


def test_reviewed_translations_are_never_overwritten(copy_packages, argos_dir, tmp_path):
    lang = "en"
    install_archive(copy_packages["ru_en"], argos_dir)
    project = new_project(tmp_path)
    config = load_config(project)
    jobs.update(config, load_articles(config, ["articles"]), [lang])
    catalog = po(project, lang)
    reviewed = next(e for e in catalog if e.msgid)
    reviewed.msgstr = "Human translation."
    catalog.save()
    jobs.translate(config, load_articles(config, ["articles"]), [lang], sources=[MTSource(config, show_progress=False)])
    again = po(project, lang).find(reviewed.msgid)
    assert again.msgstr == "Human translation." and not again.fuzzy


def test_progress_counts_each_segment_once_with_glossary_enforcement(copy_packages, argos_dir, tmp_path, monkeypatch):
    """Enforcement translates in one batch per n-best, then retries some: the bar must end at 100 %."""
    import contextlib

    from translate_pipeline.glossary import load_glossary
    from translate_pipeline.pretranslate import mt_source as service

    ticks: list[float] = []

    @contextlib.contextmanager
    def recording_bar(total, engine, disable=None):
        yield ticks.append

    monkeypatch.setattr(service, "progress_bar", recording_bar)
    install_archive(copy_packages["ru_en"], argos_dir)
    project = new_project(tmp_path)
    (project / "glossary").mkdir()
    shutil.copy(STARTER, project / "glossary" / "terms.csv")
    config = load_config(project)
    glossary = load_glossary(config)
    jobs.update(config, load_articles(config, ["articles"]), ["en"])
    texts = [e.msgid for e in po(project, "en") if e.msgid]
    with_terms = [t for t in texts if glossary.concepts(t, "en")]
    assert 0 < len(with_terms) < len(texts)  # both batches (n-best 1 and n-best 4) are exercised
    out = MTSource(config, glossary=glossary).suggest(texts, "ru", "en")
    assert all(s is not None for s in out)
    assert sum(ticks) == len(texts)


def test_a_run_parses_each_po_file_once(tmp_path, monkeypatch):
    from collections import Counter

    from helpers import run

    import importlib

    from translate_pipeline.catalog import update

    harvest = importlib.import_module("translate_pipeline.tm.harvest")

    project = new_project(tmp_path)
    assert run(project, "translate", "articles", "--no-mt").exit_code == 0  # catalogs for en and kk exist now
    reads: Counter = Counter()
    for module in (update, harvest):
        real = module.read_catalog
        monkeypatch.setattr(module, "read_catalog", lambda path, real=real: reads.update([path]) or real(path))
    assert run(project, "translate", "articles", "--no-mt").exit_code == 0  # the TM harvest reads every catalog
    po_reads = {path: n for path, n in reads.items() if path.suffix == ".po"}
    assert len(po_reads) == 2 and set(po_reads.values()) == {1}, reads
