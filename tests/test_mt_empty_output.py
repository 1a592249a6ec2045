"""Issue 23 item 3 and issue 22 item 6: empty MT output is a failed segment with its cause, counted as
unfilled and against --require-mt; unknown-token marks in a msgstr are an error that blocks publishing."""
from __future__ import annotations

import pytest
from helpers import command_document, po, run
from qa_project import entry, write_po
from qa_support import problems, severities

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.mt.engine import Engine, Hypothesis
from translate_pipeline.pretranslate.suggestion import suggestion_from

SENTENCES = ["Завод выпустил первую партию грузовиков.", "Компания открыла новый цех.",
             "Министр посетил Костанай."]


def _project(tmp_path, package):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "news.ru.txt").write_text(" ".join(SENTENCES) + "\n", "utf-8")
    (project / "translate-pipeline.toml").write_text('target_langs = ["en"]\n[mt]\nbeam_size = 1\n'
                                                  "min_decoding_length = 0  # let the model end at once\n", "utf-8")
    assert run(project, "models", "install", str(package)).exit_code == 0
    return project


def test_a_model_that_writes_nothing_fills_nothing_and_fails_require_mt(silent_package, argos_dir, tmp_path):
    project = _project(tmp_path, silent_package)
    plain = run(project, "translate", "articles")
    assert plain.exit_code == 0  # without --require-mt the catalogs are written and the run succeeds
    assert "en: 3 untranslated sentence(s): none filled; 3 left (3 MT failed on)" in plain.stdout
    cause = "empty MT output: the model ended the translation at once (</s> first)"
    warnings = [line for line in plain.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3 and all(f"MT failed, left untranslated ({cause})" in w for w in warnings)
    assert warnings[0].startswith("warning: articles/news.ru.txt:1:")
    for e in (e for e in po(project, "en", "news") if e.msgid):
        assert e.msgstr == "" and not e.fuzzy
        assert Provenance.of(e).values(Key.QA) == (f"MT failed ({cause}); translate this segment by hand",)
    strict = run(project, "translate", "articles", "--require-mt")
    assert strict.exit_code == 1
    assert "--require-mt: 3 sentence(s) left without machine translation" in strict.stderr


def test_the_json_report_lists_each_failed_segment_with_its_cause(silent_package, argos_dir, tmp_path):
    project = _project(tmp_path, silent_package)
    cause = "empty MT output: the model ended the translation at once (</s> first)"
    for args, code in (([], 0), (["--require-mt"], 1)):
        result = run(project, "translate", "articles", "--format", "json", *args)
        assert result.exit_code == code, result.stderr
        document = command_document("translate", result.stdout, code)
        (en,) = document["languages"]
        assert en["filled"] == {} and en["left"] == 3 and document["without_mt"] == 3
        assert [f.split(": ", 1)[1] for f in en["mt_failed"]] == [f"MT failed, left untranslated ({cause})"] * 3
        assert en["mt_failed"][0].startswith("articles/news.ru.txt:1")
        refusals = [p["message"] for p in document["problems"]]
        assert [r.startswith("--require-mt: 3 sentence(s) left without machine translation") for r in refusals] == \
            ([True] if code else [])


def test_only_whitespace_output_is_empty_too(silent_package, argos_dir, tmp_path):
    """With min_decoding_length = 1 the model may not end at once: for a sentence whose first piece is a
    bare ``▁`` that is all it writes -- still no text."""
    project = _project(tmp_path, silent_package)
    config = project / "translate-pipeline.toml"
    config.write_text(config.read_text("utf-8").replace("min_decoding_length = 0", "min_decoding_length = 1"))
    result = run(project, "translate", "articles")
    assert "MT failed, left untranslated (empty MT output: the model wrote only tokens that are no text (▁))" \
        in result.stderr


def test_models_check_names_the_cause(silent_package, argos_dir, tmp_path):
    project = _project(tmp_path, silent_package)
    result = run(project, "models", "check", "ru", "en")
    assert result.exit_code == 1
    assert result.stderr.count("error: ru→en: no translation of") == 5 and "(</s> first)" in result.stderr


class _Blank(Engine):
    source, target, provenance = "ru", "en", "blank engine"

    def translate_batch(self, texts, n_best=1, progress=None):
        return [[Hypothesis("  ", -1.0)] for _ in texts]


def test_empty_text_from_any_engine_is_a_failed_suggestion():
    suggestion = suggestion_from(_Blank(), Hypothesis(" ", -1.0))
    assert suggestion is not None and suggestion.error == "empty MT output: the engine returned no text"
    assert suggestion.text == ""


# --- unknown-token marks ---------------------------------------------------------------------

@pytest.mark.parametrize("target, count", [
    ("⁇ We are ready to open the plant. ⁇", 2),
    ("We are ready ⁇ to open the plant.", 1),
    ("We are ready <unk> to open the plant.", 1),
])
def test_unknown_token_marks_are_an_error(target, count):
    source = "«Мы готовы открыть завод»."
    found = problems("unknown-token", source, target)
    assert len(found) == 1 and found[0].startswith(f"{count} unknown-token mark(s)")
    assert severities("unknown-token", source, target) == [None]  # the check's default: error


def test_a_mark_the_source_has_is_not_a_finding():
    assert problems("unknown-token", "Символ ⁇ в тексте.", "The symbol ⁇ in the text.") == []


def test_publish_refuses_a_draft_with_unknown_token_marks_even_with_allow_fuzzy(tmp_path):
    root = tmp_path / "project"
    (root / "articles").mkdir(parents=True)
    source = "«Мы готовы открыть завод», — сказал директор."
    (root / "articles" / "news.ru.txt").write_text(source + "\n", "utf-8")
    (root / "translate-pipeline.toml").write_text('target_langs = ["en"]\n', "utf-8")
    bad = entry(source, "⁇ We are ready to open the plant ⁇, the director said.", 1, flags=["fuzzy"])
    bad.occurrences = [("articles/news.ru.txt", "1")]
    write_po(root, "en", "news", [bad])
    checked = run(root, "check")
    assert checked.exit_code == 1 and "[unknown-token]" in checked.stdout
    published = run(root, "publish", "--allow-fuzzy", "--out", str(root / "out"))
    assert published.exit_code == 1 and "unknown-token" in published.stdout + published.stderr
    assert not list(root.glob("out/**/en/**/*.html"))
