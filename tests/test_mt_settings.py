from pathlib import Path

from translate_pipeline.core.settings import DecodeOptions
from translate_pipeline.mt.cache import cache_key
from translate_pipeline.mt.decoding import CT2Engine
from translate_pipeline.mt.settings import decode_options, parse_settings


def test_threads_follow_core_count():
    assert [(o.inter_threads, o.intra_threads) for o in (decode_options(DecodeOptions(), n) for n in (1, 2, 4, 8))] == [
        (1, 1), (2, 1), (2, 2), (4, 2)]


def test_overrides_and_relative_paths():
    settings = parse_settings({"beam_size": 2, "inter_threads": 3, "packages_dir": "models/argos",
                               "pivots": "en", "index_timeout": 3}, Path("/project"))
    assert (settings.decode.beam_size, settings.decode.inter_threads) == (2, 3)
    assert settings.packages_dir == Path("/project/models/argos")
    assert settings.pivots == ("en",) and settings.table.index_timeout == 3.0


def test_loop_guard_and_cache_settings():
    import pytest

    from translate_pipeline.core.errors import PipelineError

    defaults = parse_settings({}, Path("/project"))
    assert (defaults.decode.retry_repetition, defaults.decode.retry_repetition_penalty,
            defaults.decode.retry_no_repeat_ngram_size, defaults.decode.repetition_penalty) == (True, 1.3, 4, 1.0)
    assert defaults.table.cache and defaults.cache_max_bytes == 1024 << 20
    settings = parse_settings({"retry_repetition": False, "no_repeat_ngram_size": 3, "cache": False,
                               "cache_max_mb": 64}, Path("/project"))
    assert not settings.decode.retry_repetition and settings.decode.no_repeat_ngram_size == 3
    assert not settings.table.cache and settings.cache_max_bytes == 64 << 20
    for bad in ({"retry_repetition": "yes"}, {"cache_max_mb": 0}, {"repetition_penalty": 0}):
        with pytest.raises(PipelineError):
            parse_settings(bad, Path("/project"))


# --- the MT cache key and MT-state come from the fields that affect the output ----------------

class _Probe(CT2Engine):
    """A CT2Engine without a model: only its identity and decoding settings are looked at."""

    provenance = "probe"
    encode = decode = None


def _key(options) -> str:
    engine = _Probe(Path("/nonexistent"), options)
    return cache_key(engine.identity, engine.decode_settings, 1, "Да.")


def _other_value(value):
    return (not value) if isinstance(value, bool) else "int8" if isinstance(value, str) else value + 1


def test_every_output_setting_changes_the_cache_key_and_speed_settings_do_not():
    import dataclasses

    from translate_pipeline.core.settings import OUTPUT

    base = decode_options(DecodeOptions(), 2)
    output = [f.name for f in dataclasses.fields(DecodeOptions) if f.metadata.get(OUTPUT)]
    speed = [f.name for f in dataclasses.fields(DecodeOptions) if not f.metadata.get(OUTPUT)]
    assert set(speed) == {"device", "inter_threads", "intra_threads", "max_batch_size"}
    for name in output:
        assert _key(dataclasses.replace(base, **{name: _other_value(getattr(base, name))})) != _key(base), name
    for name, value in [("device", "cuda"), ("inter_threads", 7), ("intra_threads", 3), ("max_batch_size", 1)]:
        assert _key(dataclasses.replace(base, **{name: value})) == _key(base), name


def test_a_new_output_setting_rekeys_the_cache_with_no_other_edit():
    import dataclasses

    from translate_pipeline.core.settings import affects_output

    @dataclasses.dataclass(frozen=True)
    class WithSampling(DecodeOptions):  # a decoding option added later, declared in one place
        sampling_topk: int = affects_output(1)
        sampling_seed_log: bool = False  # not declared as affecting the output

    base = decode_options(DecodeOptions(), 2)
    one = WithSampling(**{f.name: getattr(base, f.name) for f in dataclasses.fields(DecodeOptions)})
    assert _key(dataclasses.replace(one, sampling_topk=10)) != _key(one)
    assert _key(dataclasses.replace(one, sampling_seed_log=True)) == _key(one)


def test_mt_state_of_existing_catalogs_stays_current():
    """The output settings keep the names and values catalogs are stamped with (MT-state model=…).

    Issue 23 changed them once, on purpose: ``compute_type`` defaults to ``"default"`` (the type the
    model was converted with; ``"auto"`` ran a float32 conversion as int8) and ``patience`` (the beam
    stopping rule) joined them, so drafts stamped before count as stale once (``--refresh-mt``).
    """
    from translate_pipeline.catalog.mt_state import MTState

    settings = _Probe(Path("/nonexistent"), decode_options(DecodeOptions(), 2)).decode_settings
    assert MTState.of("p", "id", settings, "").model == "12e465e4d57a"
    assert dict(settings) == {
        "compute_type": "default", "beam_size": 4, "patience": 1.0, "length_penalty": 1.0, "max_length_ratio": 2.0,
        "max_length_extra": 16, "max_decoding_length": 0, "min_decoding_length": 1, "repetition_penalty": 1.0,
        "no_repeat_ngram_size": 0, "retry_repetition": True, "retry_repetition_penalty": 1.3,
        "retry_no_repeat_ngram_size": 4, "max_input": None, "extras": {}}
