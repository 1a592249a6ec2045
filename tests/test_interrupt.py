"""Fresh-user trial 4, item 5: Ctrl-C (SIGINT) and SIGTERM end a command with 128 + the signal's number
(130, 143: the shell's convention, never 1, the gate's), one ``error:`` line and, with ``--format json``,
the failure document; a catalog being replaced at that moment is back as it was, and a rerun goes on."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest
from helpers import BETWEEN_THE_RENAMES, command_document, kill_at_marker, run

from translate_pipeline.core import fs
from translate_pipeline.core.errors import ExitCode

# A terminal's Ctrl-C reaches Python as KeyboardInterrupt unless the shell that started it ignores SIGINT
# (a background job does): the test restores the terminal's behaviour.
INTERRUPTIBLE = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n" + BETWEEN_THE_RENAMES
LINE = "error: interrupted ({}): nothing half-written; run the command again to go on"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with its en catalog, and an article grown since, so ``update`` replaces the catalog."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    article = project / "articles" / "news.ru.txt"
    article.write_text("Завод построят в Костанае.\nСоглашение подписали в Астане.\n", encoding="utf-8")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    with article.open("a", encoding="utf-8") as handle:
        handle.write("Новая фраза появилась.\n")
    return project


def catalog(project: Path) -> Path:
    return project / "locales" / "en" / "LC_MESSAGES" / "news.po"


def leftovers(project: Path) -> list[Path]:
    return [p for p in project.rglob("*") if p.is_file() and (".tmp" in p.name or ".kept-" in p.name)]


@pytest.mark.parametrize(("sig", "code", "what"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_a_signal_between_the_renames_exits_128_plus_its_number(project, tmp_path, sig, code, what):
    """The catalog is moved aside, the new one not linked yet: the signal puts the old one back."""
    before = catalog(project).read_bytes()
    ended = kill_at_marker(INTERRUPTIBLE, tmp_path / "marker", "news.po", "-C", str(project),
                           "update", "articles", "--lang", "en", sig=sig)
    assert ended.returncode == code == ExitCode.INTERRUPTED + (sig - signal.SIGINT), ended.stderr
    assert ended.stderr.splitlines() == [LINE.format(what)], ended.stderr
    assert "Traceback" not in ended.stderr and ended.stdout == ""
    assert catalog(project).read_bytes() == before and not leftovers(project)
    again = run(project, "update", "articles", "--lang", "en")  # the rerun goes on from there
    assert again.exit_code == 0, again.stderr
    assert "Новая фраза появилась." in catalog(project).read_text(encoding="utf-8")


def test_ctrl_c_with_format_json_prints_the_failure_document(project, tmp_path):
    ended = kill_at_marker(INTERRUPTIBLE, tmp_path / "marker", "news.po", "-C", str(project),
                           "update", "articles", "--lang", "en", "--format", "json", sig=signal.SIGINT)
    assert ended.returncode == 130 and ended.stderr.splitlines() == [LINE.format("Ctrl-C")]
    document = command_document("update", ended.stdout, 130)
    assert [p["exit_code"] for p in document["problems"]] == [130]
    assert document["problems"][0]["text"] == LINE.format("Ctrl-C")


@pytest.mark.parametrize("fmt", [(), ("--format", "json")])
def test_keyboard_interrupt_in_process(project, monkeypatch, fmt):
    """The click-runner level: KeyboardInterrupt out of a command is the same exit status and line."""
    before = catalog(project).read_bytes()
    template = project / "locales" / "news.pot"
    template_before = template.read_bytes()
    real = fs._link

    def interrupted(source, target):  # Ctrl-C as the new template is linked into place, the old one aside
        if str(source).endswith(".tmp"):
            raise KeyboardInterrupt
        return real(source, target)

    monkeypatch.setattr(fs, "_link", interrupted)
    result = run(project, "update", "articles", "--lang", "en", *fmt)
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr.splitlines() == [LINE.format("Ctrl-C")]
    if fmt:
        command_document("update", result.stdout, 130)
    assert catalog(project).read_bytes() == before and template.read_bytes() == template_before
    assert not leftovers(project)


def test_the_cli_puts_back_the_sigterm_handler_it_found(project):
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        assert run(project, "update", "articles", "--lang", "en").exit_code == 0
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)
