"""Shared fixtures.  MT section: tiny real Argos packages built once per session."""
from __future__ import annotations

import sys
from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests: CI (.ci/run exports HYPOTHESIS_PROFILE=ci) replays a fixed, derandomized search
# with no example database, so a run is deterministic; elsewhere Hypothesis explores freely and
# every failure it finds must be kept as an @example on the test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def _no_user_models(tmp_path_factory, monkeypatch):
    """Tests never see the developer's installed Argos packages: an empty package dir by default."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path_factory.mktemp("no-argos-packages")))


# --- MT ---------------------------------------------------------------------

@pytest.fixture(scope="session")
def copy_packages(tmp_path_factory) -> dict[str, Path]:
    """``.argosmodel`` files whose models copy their input: ru→en, en→kk, and a
    ru→en variant with a target prefix token.  No ru→kk: that pair needs the pivot."""
    from mt_models import build_copy_package

    out = tmp_path_factory.mktemp("argosmodels")
    return {
        "ru_en": build_copy_package(out, "ru", "en", version="1.9"),
        "en_kk": build_copy_package(out, "en", "kk", version="1.0"),
        "ru_en_prefix": build_copy_package(out, "ru", "en", version="2.0", target_prefix="__en__",
                                           name="translate-ru_en-prefixed"),
    }


@pytest.fixture
def argos_dir(tmp_path, monkeypatch) -> Path:
    """An empty Argos package directory, selected the way users do: ARGOS_PACKAGES_DIR."""
    directory = tmp_path / "argos-packages"
    directory.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def hf_snapshots(tmp_path_factory) -> dict[str, Path]:
    """Tiny random-weight Hugging Face snapshots of the five families (tests/hf_models.py), built once."""
    pytest.importorskip("transformers")
    import torch

    from hf_models import build_all

    torch.set_num_threads(1)  # tiny models: threads only add contention on a shared 2-core machine
    return build_all(tmp_path_factory.mktemp("hf-snapshots"))
