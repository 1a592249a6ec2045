from glossary_fixtures import starter
from helpers import notes

from translate_pipeline.catalog.provenance import Key, Origin, Provenance

from translate_pipeline.mt.engine import Engine, Hypothesis
from translate_pipeline.pretranslate.enforce import code_switch, enforce

G = starter()


class ScriptedEngine(Engine):
    """Answers from a table (unknown inputs are copied through) and records every batch."""

    source = "ru"

    def __init__(self, target: str, table: dict[str, list[str]]):
        self.target = target
        self.table = table
        self.calls: list[tuple[list[str], int]] = []

    @property
    def provenance(self) -> str:
        return f"scripted (ru→{self.target})"

    def translate_batch(self, texts, n_best=1, progress=None):
        self.calls.append((list(texts), n_best))
        out = []
        for text in texts:
            options = self.table.get(text, [text])
            out.append([Hypothesis(t, -0.1 * (i + 1)) for i, t in enumerate(options[:n_best])])
        return out


def test_best_hypothesis_already_satisfies_the_terms():
    engine = ScriptedEngine("en", {"Аким Костанайской области.": ["The akim of Kostanay region.", "The governor."]})
    (s,) = enforce(engine, ["Аким Костанайской области."], G)
    assert s.text == s.provenance.mt_raw == "The akim of Kostanay region."
    assert s.origin is Origin.MT and s.provenance.first(Key.ORIGIN) == "MT scripted (ru→en)" and s.fuzzy
    assert notes(s) == {"Glossary": "satisfied", "Terms": "аким → akim; Костанайская область → Kostanay region"}
    assert len(engine.calls) == 1


def test_n_best_picks_the_best_hypothesis_that_carries_all_terms():
    source = "Аким Костанайской области посетил завод."
    engine = ScriptedEngine("en", {source: [
        "The governor of Kostanay region visited the plant.",
        "The akim of the region visited the plant.",
        "The akim of Kostanay region visited the plant.",
        "Akim of Kostanay region visited plant.",
    ]})
    (s,) = enforce(engine, [source], G, n_best=4)
    assert s.text == "The akim of Kostanay region visited the plant."
    assert notes(s)["Glossary"] == "enforced (n-best 3 of 4)"
    assert engine.calls == [([source], 4)]


def test_forbidden_variant_rejects_a_hypothesis():
    source = "Выпуск ведущих мостов."
    engine = ScriptedEngine("en", {source: ["Production of drive axles (leading bridges).", "Production of drive axles."]})
    (s,) = enforce(engine, [source], G, n_best=2)
    assert s.text == "Production of drive axles." and notes(s)["Glossary"] == "enforced (n-best 2 of 2)"


def test_code_switching_retranslates_with_the_target_term():
    source = "Об этом сообщили в МИИРе."
    switched = "Об этом сообщили в MIID."
    assert code_switch(source, G.find(source), G.concepts(source, "en"), "en") == switched
    engine = ScriptedEngine("en", {source: ["This was reported by the MIIR."], switched: ["This was reported by MIID."]})
    (s,) = enforce(engine, [source], G)
    assert s.text == "This was reported by MIID." and notes(s)["Glossary"] == "enforced (code-switch)"
    assert [texts for texts, _ in engine.calls] == [[source], [switched]]


def test_unmet_term_keeps_the_best_hypothesis_and_names_the_missing_term():
    source = "Аким Костанайской области и представители МИИР."
    engine = ScriptedEngine("en", {source: ["The governor of Kostanay region and MIIR officials."]})
    # the code-switched source is unknown to the script, so the engine copies it: still not a translation
    engine.table["akim Kostanay region и представители MIID."] = ["Governor Kostanay region and MIIR."]
    (s,) = enforce(engine, [source], G)
    assert s.text == "The governor of Kostanay region and MIIR officials." and s.fuzzy
    assert notes(s)["Glossary"] == "missing: аким → akim; МИИР → MIID; forbidden: MIIR (МИИР)"
    assert notes(s)["Terms"] == "аким → akim; Костанайская область → Kostanay region; МИИР → MIID"


def test_batch_first_one_call_per_n_best_then_one_retry_and_output_is_always_a_hypothesis():
    sources = ["Аким выступил.", "Погода хорошая.", "МИИР сообщил.", "Акимат ответил."]
    table = {
        "Аким выступил.": ["The governor spoke."],
        "Akim выступил.": ["The akim spoke."],
        "Погода хорошая.": ["The weather is fine."],
        "МИИР сообщил.": ["MIID reported."],
        "Акимат ответил.": ["The administration replied."],
        "Akimat ответил.": ["The administration answered."],
    }
    engine = ScriptedEngine("en", table)
    out = enforce(engine, sources, G, n_best=3)
    # segments without terms need no alternatives (a pivot would translate each of them n times)
    assert engine.calls == [
        (["Погода хорошая."], 1),
        (["Аким выступил.", "МИИР сообщил.", "Акимат ответил."], 3),
        (["Akim выступил.", "Akimat ответил."], 3),  # a term opening the sentence keeps its capital
    ]
    produced = {t for options in table.values() for t in options}
    assert all(s.text in produced for s in out)
    assert [notes(s).get("Glossary") for s in out] == [
        "enforced (code-switch)", None, "satisfied", "missing: акимат → akimat"]
    assert notes(out[1]) == {}  # no terms, no glossary lines


def test_kazakh_target_with_suffixes():
    source = "Аким Костанайской области подписал документ."
    engine = ScriptedEngine("kk", {source: ["Қостанай облысының әкімі құжатқа қол қойды."]})
    (s,) = enforce(engine, [source], G)
    assert notes(s)["Glossary"] == "satisfied"
    assert notes(s)["Terms"] == "аким → әкім; Костанайская область → Қостанай облысы"


def test_without_steering_terms_are_still_checked_and_reported():
    source = "Аким выступил."
    engine = ScriptedEngine("en", {source: ["The governor spoke.", "The akim spoke."]})
    (s,) = enforce(engine, [source], G, n_best=4, steer=False)
    assert s.text == "The governor spoke." and notes(s)["Glossary"] == "missing: аким → akim"
    assert engine.calls == [([source], 1)]


def test_copy_engine_fixes_homoglyph_brand_by_code_switching():
    (s,) = enforce(ScriptedEngine("en", {}), ["Автомобили марки Нyundai."], G)
    assert s.text == "Автомобили марки Hyundai." and notes(s)["Glossary"] == "enforced (code-switch)"


def test_terms_line_on_every_entry_with_terms():
    import polib

    from translate_pipeline.pretranslate.terms import annotate_catalog

    po = polib.POFile()
    with_terms = polib.POEntry(msgid="Аким Костанайской области.", msgstr="", comment="Origin: TM 100%")
    without = polib.POEntry(msgid="Погода хорошая.", msgstr="", comment="Terms: stale → old")
    po.extend([with_terms, without])
    assert annotate_catalog(po, G, "kk") == 2
    assert Provenance.of(with_terms).values(Key.TERMS) == ("аким → әкім; Костанайская область → Қостанай облысы",)
    assert Provenance.of(with_terms).values(Key.ORIGIN) == ("TM 100%",)
    assert Provenance.of(without).values(Key.TERMS) == ()
    assert annotate_catalog(po, G, "kk") == 0  # idempotent


def test_a_complete_hypothesis_beats_a_truncated_one():
    class Truncating(ScriptedEngine):
        def translate_batch(self, texts, n_best=1, progress=None):
            self.calls.append((list(texts), n_best))
            return [[Hypothesis("The akim of", -0.1, truncated=True), Hypothesis("The akim spoke.", -0.5)] for _ in texts]

    (s,) = enforce(Truncating("en", {}), ["Аким выступил."], G, n_best=2)
    assert s.text == "The akim spoke." and notes(s)["Glossary"] == "enforced (n-best 2 of 2)"


def test_through_a_pivot_each_pass_is_one_batch_per_leg():
    """ru→en→kk with the glossary: one call per leg for the segments without terms (1-best), one for
    those with terms (n-best: the second leg gets n inputs per segment, in the same call), one for the
    code-switched retries -- never a call per segment or per hypothesis."""
    from translate_pipeline.mt.pivot import PivotEngine

    class Leg(ScriptedEngine):
        def __init__(self, source, target, alternatives):
            super().__init__(target, {})
            self.source, self.alternatives = source, alternatives

        def translate_batch(self, texts, n_best=1, progress=None):
            self.calls.append((list(texts), n_best))
            return [[Hypothesis(text if k == 0 else f"{text} ({k})", -float(k)) for k in range(n_best)]
                    for text in texts]

    first, second = Leg("ru", "en", 3), Leg("en", "kk", 3)
    sources = ["Погода хорошая.", "Аким выступил.", "Акимат ответил.", "Дождь."]
    out = enforce(PivotEngine(first, second), sources, G, n_best=3)
    assert [(len(texts), n) for texts, n in first.calls] == [(2, 1), (2, 3), (2, 3)]
    assert [(len(texts), n) for texts, n in second.calls] == [(2, 1), (6, 3), (6, 3)]
    assert second.calls[1][0][:3] == ["Аким выступил.", "Аким выступил. (1)", "Аким выступил. (2)"]
    assert [notes(s).get("Glossary") for s in out] == [None, "enforced (code-switch)", "enforced (code-switch)", None]
    assert [s.text for s in out] == ["Погода хорошая.", "Әкім выступил.", "Әкімдік ответил.", "Дождь."]
