"""Issue 11: MT that never loses a batch -- over-long segments, per-segment engine errors,
--require-mt, repetition -- on the tests' real copy model (1,024 positions, like NLLB)."""
from __future__ import annotations

import pytest
from helpers import notes, po, run

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.mt import decoding
from translate_pipeline.mt.repetition import repetition

NAMES = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов"]
# A pasted list of names, one clause each: ~1,500 tokens for the copy model's tokenizer.
LONG = "; ".join(f"{NAMES[i % len(NAMES)]} {i}" for i in range(145))
# The same without a clause boundary: it cannot be cut anywhere but inside a clause.
UNCUT = LONG.replace(";", "")
NORMAL = [f"Завод номер {i} выпустил новую партию грузовиков." for i in range(50)]


def _project(tmp_path, copy_packages, long_text=LONG):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    paragraphs = [" ".join(NORMAL[k:k + 5]) for k in range(0, 25, 5)] + [long_text] + \
                 [" ".join(NORMAL[k:k + 5]) for k in range(25, 50, 5)]
    (project / "articles" / "names.ru.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (project / "translate-pipeline.toml").write_text("[mt]\nbeam_size = 1\n", encoding="utf-8")
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    return project


def _entries(project):
    return {e.msgid: e for e in po(project, "en", "names") if e.msgid}


@pytest.mark.slow
def test_the_long_segment_is_translated_in_pieces_and_the_other_50_as_usual(copy_packages, argos_dir, tmp_path):
    project = _project(tmp_path, copy_packages)
    result = run(project, "translate", "articles", "--to", "en", "--require-mt")
    assert result.exit_code == 0, result.stderr
    entries = _entries(project)
    assert set(entries) == set(NORMAL) | {LONG}
    assert all(entries[s].msgstr == s and entries[s].fuzzy for s in NORMAL)  # the copy model copies
    long = entries[LONG]
    assert long.msgstr == LONG and long.fuzzy
    (note,) = Provenance.of(long).values(Key.QA)
    assert note.startswith("MT translated this segment in 2 pieces") and "1022-token input" in note
    assert "51 untranslated sentence(s): 51 by MT; 0 left" in result.stdout


class _FailingTranslator:
    """A CTranslate2 translator that fails every batch holding a source with ``marker`` in it."""

    def __init__(self, translator, marker: str):
        self.translator, self.marker = translator, marker

    def translate_batch(self, sources, **kwargs):
        if any(self.marker in "".join(tokens) for tokens in sources):
            raise RuntimeError("forced failure")
        return self.translator.translate_batch(sources, **kwargs)


@pytest.fixture
def failing(monkeypatch):
    def install(marker: str):
        real = decoding.load_translator
        monkeypatch.setattr(decoding, "load_translator",
                            lambda *a, **k: _FailingTranslator(real(*a, **k), marker))
    return install


@pytest.mark.slow
def test_an_engine_error_on_one_segment_leaves_only_that_segment(copy_packages, argos_dir, tmp_path, failing,
                                                                 monkeypatch):
    project = _project(tmp_path, copy_packages)
    real = decoding.load_translator
    failing("номер▁7▁")  # only "Завод номер 7 …" (pieces joined with ▁ for spaces)
    result = run(project, "translate", "articles", "--to", "en")
    assert result.exit_code == 0, result.stderr
    entries = _entries(project)
    broken = NORMAL[7]
    assert entries[broken].msgstr == "" and not entries[broken].fuzzy
    assert Provenance.of(entries[broken]).values(Key.QA)[0].startswith("MT failed (CTranslate2 failed (forced")
    assert all(entries[s].msgstr == s for s in NORMAL if s != broken)
    assert entries[LONG].msgstr == LONG
    assert "warning: articles/names.ru.txt:3: MT failed, left untranslated" in result.stderr
    assert "51 untranslated sentence(s): 50 by MT; 1 left (1 MT failed on)" in result.stdout
    # --require-mt fails the batch job; a later run without the fault fills the entry and drops the note
    assert run(project, "translate", "articles", "--to", "en", "--require-mt").exit_code == 1
    monkeypatch.setattr(decoding, "load_translator", real)
    assert run(project, "translate", "articles", "--to", "en", "--require-mt").exit_code == 0
    fixed = _entries(project)[broken]
    assert fixed.msgstr == broken and Provenance.of(fixed).values(Key.QA) == ()


@pytest.mark.slow
def test_a_segment_too_long_without_a_clause_boundary_fails_with_the_reason(copy_packages, argos_dir, tmp_path):
    """Issue 23: never cut between two words of a clause or inside a word -- the entry stays empty, saying why."""
    project = _project(tmp_path, copy_packages, UNCUT)
    result = run(project, "translate", "articles", "--to", "en")
    assert result.exit_code == 0, result.stderr
    entries = _entries(project)
    assert entries[UNCUT].msgstr == "" and all(entries[s].msgstr == s for s in NORMAL)
    reason = "the segment is longer than the model's 1022-token input and has no clause boundary (; : — , and …) to cut it at"
    assert Provenance.of(entries[UNCUT]).values(Key.QA) == (f"MT failed ({reason}); translate this segment by hand",)
    assert f"warning: articles/names.ru.txt:11: MT failed, left untranslated ({reason})" in result.stderr


@pytest.mark.slow
def test_require_mt_fails_only_when_even_the_pieces_fail(copy_packages, argos_dir, tmp_path, failing):
    project = _project(tmp_path, copy_packages, LONG + " Казахстане")
    failing("Казахстане")
    result = run(project, "translate", "articles", "--to", "en", "--require-mt")
    assert result.exit_code == 1
    assert "1 sentence(s) left without machine translation" in result.stderr
    entries = _entries(project)
    assert entries[LONG + " Казахстане"].msgstr == ""
    assert all(entries[s].msgstr == s for s in NORMAL)


@pytest.mark.parametrize("source, output", [
    ("Превышение лимита.", "pre-pre- pre-pre- pre- pre-"),
    ("Да.", "Yes yes yes yes."),
    ("Кто?", "Who? Who? Who? Who? Who?"),
    ("Банк", "bankbankbankbank"),
    ("Да.", "Yes, this is what the company said about the new plant in the region."),
])
def test_loops_are_detected(source, output):
    assert repetition(source, output)


@pytest.mark.parametrize("source, output", [
    ("Он сказал: «нет, нет, нет».", 'He said: "no, no, no".'),
    ("Очень-очень хорошо", "Very very good"),
    ("Так себе", "so-so"),
    ("1 000 000 тенге", "1000000 tenge"),
    ("Компания объявила о запуске нового завода в Казахстане.",
     "The company announced the launch of a new plant in Kazakhstan."),
])
def test_ordinary_output_is_not_a_loop(source, output):
    assert repetition(source, output) is None


class _LoopingTranslator:
    """Decodes ``loop`` instead of any source holding ``marker`` -- unless asked for a repetition
    penalty and ``cured`` is set: a model that loops on greedy decoding and recovers with the retry."""

    def __init__(self, translator, marker: str, loop: list[str], cured: bool):
        self.translator, self.marker, self.loop, self.cured = translator, marker, loop, cured
        self.penalties: list[float] = []

    def translate_batch(self, sources, **kwargs):
        self.penalties.append(kwargs["repetition_penalty"])
        if not (self.cured and kwargs["repetition_penalty"] > 1):
            sources = [self.loop if self.marker in "".join(s) else s for s in sources]
        return self.translator.translate_batch(sources, **kwargs)


@pytest.mark.parametrize("cured", [True, False])
def test_a_loop_is_decoded_again_with_penalties_and_flagged_when_it_stays(copy_packages, argos_dir, monkeypatch,
                                                                         cured):
    from translate_pipeline.mt.argos_engine import ArgosEngine
    from translate_pipeline.mt.packages import install_archive
    from translate_pipeline.core.settings import DecodeOptions
    from translate_pipeline.mt.settings import decode_options

    engine = ArgosEngine(install_archive(copy_packages["ru_en"], argos_dir), decode_options(DecodeOptions(beam_size=1)))
    real = decoding.load_translator(engine.model_dir, engine.options)
    looping = _LoopingTranslator(real, "Превышение", engine.tokenizer.encode("pre-pre- pre-pre- pre- pre-"), cured)
    monkeypatch.setattr(decoding, "load_translator", lambda *a, **k: looping)
    texts = ["Превышение лимита.", "Да."]
    hyps = engine.translate_batch(texts)
    # a batch per decoding limit (each input has its own), then one retry batch, only for the looping segment
    assert looping.penalties == [1.0, 1.0, 1.3]
    assert hyps[1][0].text == "Да." and hyps[1][0].notes == ()
    if cured:
        assert hyps[0][0].text == "Превышение лимита." and hyps[0][0].notes == ()
    else:
        assert hyps[0][0].text == "pre-pre- pre-pre- pre- pre-"
        assert hyps[0][0].notes == ("MT output looks like a decoding loop (repeated fragment “pre-pre- pre-pre- pre- "
                                    "pre-”)",)


def _fake(source, target, fail_on="", upper=True):
    from translate_pipeline.mt.engine import Engine, Hypothesis, failed

    class Fake(Engine):
        def __init__(self):
            self.source, self.target = source, target

        @property
        def provenance(self):
            return f"fake {source}→{target}"

        def translate_batch(self, texts, n_best=1, progress=None):
            return [failed("boom") if fail_on and fail_on in t.lower() else
                    [Hypothesis(t.upper() if upper else t, -1.0 - k) for k in range(n_best)] for t in texts]

    return Fake()


def test_a_pivot_fails_only_the_segment_a_leg_failed_on():
    from translate_pipeline.mt.pivot import PivotEngine

    first_leg = PivotEngine(_fake("ru", "en", fail_on="плохо"), _fake("en", "kk"))
    second_leg = PivotEngine(_fake("ru", "en"), _fake("en", "kk", fail_on="плохо"))
    for pivot in (first_leg, second_leg):
        hyps = pivot.translate_batch(["хорошо", "плохо", "да"], n_best=2)
        assert [h[0].text for h in hyps] == ["ХОРОШО", "", "ДА"]
        assert hyps[1][0].error == "boom" and not hyps[0][0].error


def test_enforcement_fails_only_that_segment_and_a_failed_code_switch_keeps_the_first_pass():
    from glossary_fixtures import starter

    from translate_pipeline.pretranslate.enforce import enforce

    glossary = starter()
    texts = ["Аким выступил.", "Погода плохо.", "Погода хорошая."]
    out = enforce(_fake("ru", "en", fail_on="плохо", upper=False), texts, glossary, n_best=2)
    assert out[1].error == "boom" and out[1].text == ""
    assert out[2].text == "Погода хорошая." and not out[2].error
    # the first pass lacked "akim"; the code-switched retry ("Akim выступил.") fails: the first pass stays
    failing_retry = enforce(_fake("ru", "en", fail_on="akim", upper=False), texts[:1], glossary, n_best=2)
    assert failing_retry[0].text == "Аким выступил." and "missing: аким → akim" in notes(failing_retry[0])["Glossary"]


@pytest.mark.slow
def test_a_model_whose_limit_is_unreadable_learns_it_from_the_overflow(copy_packages, argos_dir, monkeypatch):
    from translate_pipeline.mt.argos_engine import ArgosEngine
    from translate_pipeline.mt.packages import install_archive
    from translate_pipeline.core.settings import DecodeOptions
    from translate_pipeline.mt.settings import decode_options

    monkeypatch.setattr(decoding, "position_limits", lambda model_dir: (None, None))
    engine = ArgosEngine(install_archive(copy_packages["ru_en"], argos_dir), decode_options(DecodeOptions(beam_size=1)))
    assert engine.max_input is None
    hyps = engine.translate_batch([NORMAL[0], LONG])
    assert engine.max_input == 1022  # CTranslate2 said "positions >= 1024"
    assert hyps[0][0].text == NORMAL[0] and hyps[1][0].text == LONG and not hyps[1][0].error
    assert hyps[1][0].notes[0].startswith("MT translated this segment in 2 pieces")
