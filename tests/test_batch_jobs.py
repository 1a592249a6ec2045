"""Issue 22: an unattended batch over an archive — one bad file never stops it, the log gets the errors and
a summary, ``-q`` only those, and a non-terminal stderr only lines of text."""
from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import polib
import pytest
from helpers import run

from translate_pipeline.core.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
CITIES = ["Костанае", "Алматы", "Астане", "Караганде", "Павлодаре", "Шымкенте", "Актобе"]


def article(i: int) -> str:
    city = CITIES[i % len(CITIES)]
    return (f"Новость номер {i} из {city}\n"
            f"Завод номер {i} по выпуску мостов построят в {city}.\n"
            f"На предприятии номер {i} создадут {100 + i} рабочих мест.\n")


@pytest.fixture
def archive(tmp_path, copy_packages, argos_dir) -> Path:
    """50 articles with a ru→en model: news-07 has a malformed catalog, news-50 is Windows-1251."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    for i in range(1, 50):
        (project / "articles" / f"news-{i:02}.ru.txt").write_text(article(i), encoding="utf-8")
    (project / "articles" / "news-50.ru.txt").write_bytes(article(50).encode("cp1251"))
    broken = project / "locales" / "en" / "LC_MESSAGES" / "news-07.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "x"\nmsgstr "\\q"\n',
                      encoding="utf-8")
    (project / "translate-pipeline.toml").write_text('target_langs = ["en"]\n[mt]\nbeam_size = 1\n', encoding="utf-8")
    assert run(project, "models", "install", str(copy_packages["ru_en"])).exit_code == 0
    return project


ERRORS = [
    "error: articles/news-50.ru.txt:1: not UTF-8 text (byte 0xcd); it looks like Windows-1251: convert it with iconv "
    "-f WINDOWS-1251 -t UTF-8 articles/news-50.ru.txt > articles/news-50.ru.txt.utf8 && mv articles/news-50.ru.txt.utf8 "
    'articles/news-50.ru.txt (or read such files as they are: [source] encoding = "cp1251")',
    "error: locales/en/LC_MESSAGES/news-07.po:5: malformed PO: invalid escape '\\q'; "
    "article 'news-07' left as it is: fix the file",
]
SUMMARY = re.compile(r"processed 48 article\(s\) into en in \d+\.\d s: ([^;]+); (\d+) file\(s\) written, (\d+) unchanged; "
                     r"2 file\(s\) skipped with errors")


def test_fifty_articles_two_bad_files_the_other_48_are_translated(archive):
    result = run(archive, "translate", "--require-mt")
    assert result.exit_code == ExitCode.INPUT, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error: ")] == ERRORS
    *report, summary = result.stdout.splitlines()
    assert SUMMARY.fullmatch(summary) and SUMMARY.fullmatch(summary).groups() == (
        "144 of 144 sentence(s) pre-translated, 0 left", "96", "0"), summary  # 48 .pot + 48 .po
    assert report[0] == "en: 144 untranslated sentence(s): 144 by MT; 0 left"
    assert not any(line.startswith("wrote ") for line in result.stdout.splitlines())  # a summary, not a line per file
    catalogs = sorted((archive / "locales" / "en" / "LC_MESSAGES").glob("*.po"))
    assert len(catalogs) == 49  # 48 translated + the malformed one, left as it was
    for path in catalogs:
        if path.name != "news-07.po":
            assert all(entry.msgstr and entry.fuzzy for entry in polib.pofile(str(path)))
    assert "\\q" in (archive / "locales" / "en" / "LC_MESSAGES" / "news-07.po").read_text(encoding="utf-8")
    assert not (archive / "locales" / "news-50.pot").exists()

    quiet = run(archive, "-q", "translate", "--require-mt")  # the same archive again, as a cron job would
    assert quiet.exit_code == ExitCode.INPUT
    assert quiet.stderr.splitlines() == ERRORS
    (summary,) = quiet.stdout.splitlines()
    assert SUMMARY.fullmatch(summary).groups() == ("nothing to pre-translate", "0", "96")


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed entry point in a child process, stderr a pipe (a log file, not a terminal); the
    output as written, every byte (text mode would turn a carriage return into a newline)."""
    done = subprocess.run([sys.executable, "-c", "from translate_pipeline.cli import main; main()",
                           "-C", str(project), *args], capture_output=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=300)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


@pytest.mark.slow  # ~5 s: two child processes with MT
def test_a_log_file_gets_only_lines_of_text(archive):
    logged = _cli(archive, "translate")
    assert logged.returncode == ExitCode.INPUT
    assert "\r" not in logged.stderr and "\x1b" not in logged.stderr  # no progress bar, no terminal escapes
    assert all(line.isprintable() for line in logged.stderr.splitlines())
    assert [line for line in logged.stderr.splitlines() if line.startswith("error: ")] == ERRORS
    forced = _cli(archive, "translate", "--progress")  # forced on: the bars are drawn into the log
    assert forced.returncode == ExitCode.INPUT and "\r" in forced.stderr and "articles" in forced.stderr


@pytest.mark.slow  # ~6 s: three child processes
@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bars_on_a_terminal_and_not_with_no_progress(tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    for i in range(1, 8):
        (project / "articles" / f"news-{i}.ru.txt").write_text(article(i), encoding="utf-8")
    for flag, drawn in (("--progress", True), ("--no-progress", False)):
        leader, follower = os.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a terminal 80 columns wide
        try:
            done = subprocess.run([sys.executable, "-c", "from translate_pipeline.cli import main; main()",
                                   "-C", str(project), "update", flag], stderr=follower, stdout=subprocess.PIPE,
                                  env=os.environ | {"PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=120)
            os.close(follower)
            seen = b""
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
        finally:
            os.close(leader)
        assert done.returncode == 0
        assert (b"articles" in seen and b"\r" in seen) is drawn, seen
    plain = _cli(project, "update")
    assert plain.returncode == 0 and "\r" not in plain.stderr


def test_fail_fast_writes_nothing_and_keep_going_is_the_default_only_for_directories(tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "good.ru.txt").write_text(article(1), encoding="utf-8")
    (project / "articles" / "old.ru.txt").write_bytes(article(2).encode("koi8_r"))
    stopped = run(project, "translate", "--no-mt", "--fail-fast")
    assert stopped.exit_code == ExitCode.INPUT and not (project / "locales").exists()
    assert "it looks like KOI8-R: convert it with iconv -f KOI8-R -t UTF-8 articles/old.ru.txt" in stopped.stderr
    named = run(project, "update", "articles/good.ru.txt", "articles/old.ru.txt")  # files named: fail fast
    assert named.exit_code == ExitCode.INPUT and not (project / "locales").exists()
    kept = run(project, "update", "articles/good.ru.txt", "articles/old.ru.txt", "--keep-going")
    assert kept.exit_code == ExitCode.INPUT and (project / "locales" / "good.pot").exists()
    directory = run(project, "extract")  # articles_dir: keeps going
    assert directory.exit_code == ExitCode.INPUT and "1 file(s) skipped with errors" in directory.stdout
    missing = run(project, "update", "good", "no-such-article", "--keep-going")  # names too
    assert missing.exit_code == ExitCode.INPUT
    assert "error: no article named 'no-such-article' in articles/ and no such file or directory" in missing.stderr
