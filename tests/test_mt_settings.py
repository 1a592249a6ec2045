from pathlib import Path

from translate_pipeline.core.settings import DecodeOptions
from translate_pipeline.mt.settings import decode_options, parse_settings


def test_threads_follow_core_count():
    assert [(o.inter_threads, o.intra_threads) for o in (decode_options(DecodeOptions(), n) for n in (1, 2, 4, 8))] == [
        (1, 1), (2, 1), (2, 2), (4, 2)]


def test_overrides_and_relative_paths():
    settings = parse_settings({"beam_size": 2, "inter_threads": 3, "packages_dir": "models/argos",
                               "pivots": "en", "index_timeout": 3}, Path("/project"))
    assert (settings.decode.beam_size, settings.decode.inter_threads) == (2, 3)
    assert settings.packages_dir == Path("/project/models/argos")
    assert settings.pivots == ("en",) and settings.index_timeout == 3.0


def test_loop_guard_and_cache_settings():
    import pytest

    from translate_pipeline.core.errors import PipelineError

    defaults = parse_settings({}, Path("/project"))
    assert (defaults.decode.retry_repetition, defaults.decode.retry_repetition_penalty,
            defaults.decode.retry_no_repeat_ngram_size, defaults.decode.repetition_penalty) == (True, 1.3, 4, 1.0)
    assert defaults.cache and defaults.cache_max_bytes == 1024 << 20
    settings = parse_settings({"retry_repetition": False, "no_repeat_ngram_size": 3, "cache": False,
                               "cache_max_mb": 64}, Path("/project"))
    assert not settings.decode.retry_repetition and settings.decode.no_repeat_ngram_size == 3
    assert not settings.cache and settings.cache_max_bytes == 64 << 20
    for bad in ({"retry_repetition": "yes"}, {"cache_max_mb": 0}, {"repetition_penalty": 0}):
        with pytest.raises(PipelineError):
            parse_settings(bad, Path("/project"))
