"""The jobs behind the CLI take their options as one frozen value (TranslateOptions, PublishOptions)
and do what the CLI used to decide itself: backend dispatch, --require-mt, publish languages."""
from __future__ import annotations

import dataclasses

import pytest
from helpers import new_project, po

from translate_pipeline import workflow
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import load_config
from translate_pipeline.core.langs import resolve_languages
from translate_pipeline.publish.run import PublishOptions, default_langs, publish_project


def test_options_are_frozen_values():
    with pytest.raises(dataclasses.FrozenInstanceError):
        workflow.TranslateOptions().use_mt = False
    with pytest.raises(dataclasses.FrozenInstanceError):
        PublishOptions().preview = True


@pytest.mark.parametrize("options, message", [
    (workflow.TranslateOptions(ray_address="10.0.0.1:6379"), "--ray-address needs the Ray backend"),
    (workflow.TranslateOptions(backend="ray", refresh_mt=True), "--refresh-mt runs on the local backend only"),
])
def test_backend_choices_are_refused_before_anything_is_read(tmp_path, options, message):
    project = new_project(tmp_path)
    (project / "articles" / "broken.ru.txt").write_bytes(b"\xff\xfe not UTF-8")  # never read
    with pytest.raises(PipelineError, match=message):
        workflow.translate_project(load_config(project), [], ["en"], options)
    assert not (project / "locales").exists()


def test_require_mt_is_accounted_by_the_job_after_the_catalogs_are_written(tmp_path):
    """No model for ru→en (the tests see no installed package): every pending segment is left without
    MT; with require_mt the result says why the run failed, the catalogs are written all the same."""
    config = load_config(new_project(tmp_path))
    counted = workflow.translate_project(config, [], ["en"], workflow.TranslateOptions(use_tm=False))
    (report,) = counted.reports
    assert counted.without_mt == report.pending > 0 and counted.unmet is None
    required = workflow.translate_project(config, [], ["en"], workflow.TranslateOptions(use_tm=False, require_mt=True))
    assert required.unmet == (f"--require-mt: {report.pending} sentence(s) left without machine translation "
                              "(no MT model for ru→en); `translate-pipeline models route` says how to get a model")
    assert [e.msgstr for e in po(config.root, "en")] == [""] * report.pending  # prepared for translators
    off = workflow.translate_project(config, [], ["en"], workflow.TranslateOptions(use_mt=False, require_mt=True))
    assert off.without_mt == 0 and off.unmet is None  # MT off: nothing was asked of it


def test_publish_languages_accept_kk_latin_in_any_spelling(tmp_path):
    config = load_config(new_project(tmp_path))
    published = default_langs(config)
    assert resolve_languages(["kk_latn", "KK-LATN", "kk-Latn", "en"], published)[0] == ["kk-Latn", "en"]  # one language, however spelt
    with pytest.raises(PipelineError, match="unknown language code 'xx'"):
        resolve_languages(["xx"], published)


def test_publish_without_out_only_runs_the_gate(tmp_path):
    project = new_project(tmp_path)
    config = load_config(project)
    result = publish_project(config, [], PublishOptions(langs=("ru",)))
    assert [doc.lang for doc in result.published] == ["ru"] and result.written == []
    assert sorted(p.name for p in project.iterdir()) == ["articles"]
    with pytest.raises(PipelineError, match="unknown edition 'pdf'"):
        publish_project(config, [], PublishOptions(out=tmp_path / "site", editions=("html", "pdf")))
    assert not (tmp_path / "site").exists()
