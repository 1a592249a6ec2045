"""The Argos index: fast, clear failure offline; install by pair from a (local) index."""
from __future__ import annotations

import socket

import pytest

from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.mt import index
from translate_pipeline.mt.packages import list_packages


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
