from pathlib import Path

from translate_pipeline.mt.settings import default_decode_options, parse_settings


def test_threads_follow_core_count():
    assert [(o.inter_threads, o.intra_threads) for o in map(default_decode_options, (1, 2, 4, 8))] == [
        (1, 1), (2, 1), (2, 2), (4, 2)]


def test_overrides_and_relative_paths():
    settings = parse_settings({"beam_size": 2, "inter_threads": 3, "packages_dir": "models/argos",
                               "pivots": "en", "index_timeout": 3}, Path("/project"))
    assert (settings.decode.beam_size, settings.decode.inter_threads) == (2, 3)
    assert settings.packages_dir == Path("/project/models/argos")
    assert settings.pivots == ("en",) and settings.index_timeout == 3.0
