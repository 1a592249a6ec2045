"""The Argos index: fast, clear failure offline; install by pair from a (local) index."""
from __future__ import annotations

import http.server
import json
import socket
import threading

import pytest

from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.mt import index
from translate_pipeline.mt.packages import list_packages


@pytest.fixture
def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_index_is_one_clear_line(monkeypatch, closed_port):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port}/")
    with pytest.raises(PipelineError) as caught:
        index.available_packages(timeout=5)
    message = str(caught.value)
    assert message.startswith(f"cannot reach http://127.0.0.1:{closed_port}/index.json (")
    assert "translate-pipeline models install PATH.argosmodel" in message and "\n" not in message


def test_silent_index_times_out(monkeypatch):
    with socket.socket() as server:  # accepts connections, never answers
        server.bind(("127.0.0.1", 0))
        server.listen()
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{server.getsockname()[1]}/")
        with pytest.raises(PipelineError, match="cannot reach .*timed out"):
            index.available_packages(timeout=0.3)


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


def test_available_lists_translation_packages(local_index):
    offered = index.available_packages(timeout=5)
    assert [(p.source, p.target, p.version, p.name) for p in offered] == [
        ("ru", "en", "1.9", "translate-ru_en"), ("en", "de", "1.0", "translate-en_de")]


def test_cli_install_by_pair_downloads_validates_installs(local_index, argos_dir, tmp_path):
    from click.testing import CliRunner

    from translate_pipeline.cli import main

    result = CliRunner().invoke(main, ["-C", str(tmp_path), "models", "install", "ru", "en"])
    assert result.exit_code == 0, result.output
    assert "installed ru→en 1.9" in result.output
    assert [p.pair for p in list_packages(argos_dir)[0]] == ["ru→en"]

    result = CliRunner().invoke(main, ["-C", str(tmp_path), "models", "install", "en", "fi"])
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "the Argos index offers no en→fi package" in result.output
