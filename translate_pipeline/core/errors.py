"""User-facing errors and the exit status they give: the CLI prints them as one line and exits non-zero.

Every command exits with one of :class:`ExitCode`, whatever went wrong: a job
or a cron line can tell "the gate said no" (1) from "the job is misconfigured"
(2, 3) and from "the machine is not ready" (4).  The kind of a problem is its
class: :class:`PipelineError` is bad project input or configuration,
:class:`EnvironmentProblem` the machine, :class:`Refused` a gate.
"""
from __future__ import annotations

import errno
import signal
from enum import IntEnum
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


class ExitCode(IntEnum):
    """The exit status of every command (README: Exit codes); :attr:`meaning` says when each is given."""

    OK = 0
    REFUSED = 1
    USAGE = 2
    INPUT = 3
    ENVIRONMENT = 4
    INTERRUPTED = 130  # 128 + SIGINT, the shell's convention
    TERMINATED = 143  # 128 + SIGTERM

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "success",
    ExitCode.REFUSED: "the command ran and its gate said no: QA errors (check), a refused publish, "
                      "--require-mt unmet, nothing to count or compile, a TMX or glossary import that adds nothing, "
                      "a model's check failed (probe or framing), a models add route takeover without --replace",
    ExitCode.USAGE: "usage error: unknown command or option, missing argument (click's)",
    ExitCode.INPUT: "bad project input or configuration: an article, catalog, glossary, TMX or settings file, "
                    "a language code, a missing file; with --keep-going, files were skipped",
    ExitCode.ENVIRONMENT: "the environment: a missing model, an extra not installed, a full or read-only disk, "
                          "the project lock held too long, no network or cluster",
    ExitCode.INTERRUPTED: "interrupted by Ctrl-C (SIGINT): every file is either as it was or fully written; "
                          "run the command again to go on",
    ExitCode.TERMINATED: "stopped by SIGTERM (kill, a job scheduler's timeout): as after Ctrl-C",
}


def extra_hint(extra: str) -> str:
    """How to install the optional ``extra`` (pyproject.toml): from a checkout, since translate-pipeline
    is not on PyPI (``pip install 'translate-pipeline[convert]'`` finds nothing)."""
    return f"pip install -e '.[{extra}]' in your translate-pipeline checkout (not on PyPI)"


def exit_code_table() -> list[tuple[int, str]]:
    """``(code, meaning)`` for every exit status, as the README and ``--help`` list them."""
    return [(int(code), code.meaning) for code in ExitCode]


class PipelineError(Exception):
    """Bad project input or configuration (exit status 3), not a bug.

    ``path`` and ``line`` name the file at fault so the one-line message tells
    the user exactly what to fix.  Subclasses set :attr:`exit_code` for the other kinds.
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return one_line(self.message)
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return one_line(f"{where}: {self.message}")

    def but(self, message: str | None = None, path: str | Path | None = None) -> PipelineError:
        """The same problem (same class, so the same exit status) with another message or path.

        A new ``path`` also replaces the old one where the message quotes it (an ``iconv`` command).
        """
        other = type(self).__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.message = self.message if message is None else message
        if path is not None:
            if self.path is not None:
                other.message = other.message.replace(str(self.path), str(path))
            other.path = Path(path)
        Exception.__init__(other, str(other))
        return other


class EnvironmentProblem(PipelineError):
    """The machine, not the project (exit status 4): a model not installed, an optional extra
    missing, a full or read-only disk, the project lock held too long, no network or cluster."""

    exit_code = ExitCode.ENVIRONMENT


class Refused(PipelineError):
    """The command did its work and its gate said no (exit status 1): QA errors, ``--require-mt`` unmet,
    nothing to count."""

    exit_code = ExitCode.REFUSED


class Interrupted(PipelineError):
    """The run was stopped by a signal (exit status 128 + its number): Ctrl-C (SIGINT) or SIGTERM.

    Every write goes through a temporary file and a rename (:mod:`translate_pipeline.core.fs`), so
    the signal leaves each file either as it was or fully written, and a rerun goes on from there.
    """

    def __init__(self, signum: int = signal.SIGINT):
        self.exit_code = ExitCode.TERMINATED if signum == signal.SIGTERM else ExitCode.INTERRUPTED
        what = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        super().__init__(f"interrupted ({what}): nothing half-written; run the command again to go on")


# What the operating system says about the machine rather than about the project's files.
_ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EROFS", "EACCES", "EPERM", "EIO",
                                      "EMFILE", "ENFILE", "ENOMEM", "EAGAIN", "EBUSY", "ETXTBSY")
    if hasattr(errno, name)
)


def os_error(what: str, exc: OSError, path: str | Path | None) -> PipelineError:
    """``what: <the system's reason>`` for ``path``: an :class:`EnvironmentProblem` for a full or
    read-only disk, missing permission or another limit of the machine, else a :class:`PipelineError`
    (a directory where a file belongs, a missing file)."""
    kind = EnvironmentProblem if exc.errno in _ENVIRONMENT_ERRNOS else PipelineError
    return kind(f"{what}: {exc.strerror or exc}", path)


def worst(problems: Iterable[PipelineError]) -> ExitCode:
    """The exit status for several problems: the highest (the machine before input, input before a gate)."""
    return max((p.exit_code for p in problems), default=ExitCode.OK)


def one_line(text: str) -> str:
    """``text`` with control characters (a newline in a file name) written as escapes: one line."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def attempt(problems: list[PipelineError] | None, action: Callable[[], T], hint: str | None = None) -> T | None:
    """``action()``, where one bad file must block only the work that needs it.

    Without ``problems`` a PipelineError propagates (the whole job stops); with a
    list it is appended there (with ``hint``, what to do, if given) and None returned,
    so the caller skips that item and goes on, and the command reports every problem
    at the end (its exit status: :func:`worst`).
    """
    if problems is None:
        return action()
    try:
        return action()
    except PipelineError as exc:
        problems.append(exc if hint is None else with_hint(exc, hint))
        return None


def collect(problems: list[PipelineError] | None, exc: PipelineError) -> None:
    """Raise ``exc``, or append it to ``problems`` when the caller goes on past bad items (see :func:`attempt`)."""
    if problems is None:
        raise exc
    problems.append(exc)


def with_hint(exc: PipelineError, hint: str) -> PipelineError:
    """``exc`` (same kind, file and line) with what to do about it appended."""
    return exc.but(f"{exc.message}; {hint}")
