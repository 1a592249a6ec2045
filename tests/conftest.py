"""Shared fixtures.  MT section: tiny real Argos packages built once per session."""
from __future__ import annotations

import http.server
import json
import os
import socket
import sys
import threading
from pathlib import Path

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


@pytest.fixture(scope="session")
def silent_package(tmp_path_factory) -> Path:
    """A real Argos ru→en package whose model ends every translation at once (``</s>`` first): empty MT output."""
    from mt_models import build_copy_package

    return build_copy_package(tmp_path_factory.mktemp("silent"), "ru", "en", eos_first=True,
                              name="translate-ru_en-silent")


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
    from helpers import needs_extra

    needs_extra("transformers", "convert")
    import torch

    from hf_models import build_all

    torch.set_num_threads(1)  # tiny models: threads only add contention on a shared 2-core machine
    return build_all(tmp_path_factory.mktemp("hf-snapshots"))


@pytest.fixture
def closed_port():
    """A localhost port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def local_index(copy_packages, monkeypatch, tmp_path):
    """An HTTP server on localhost that serves an Argos index and one package."""
    archive = copy_packages["ru_en"]
    served = {"/index.json": None, "/ru_en.argosmodel": archive.read_bytes()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = served.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    served["/index.json"] = json.dumps([
        {"type": "translate", "from_code": "ru", "to_code": "en", "package_version": "1.9",
         "links": [f"{base}/ru_en.argosmodel"], "from_name": "Russian", "to_name": "English"},
        {"type": "sbd", "from_code": "ru", "package_version": "1", "links": []},
        {"type": "translate", "from_code": "en", "to_code": "de", "package_version": "1.0", "links": []},
    ]).encode()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()
