"""User-facing errors: the CLI prints them as one line and exits non-zero."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


class PipelineError(Exception):
    """An error caused by input or environment, not by a bug.

    ``where`` names the file (and line) at fault so the one-line message tells
    the user exactly what to fix.
    """

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


def one_line(text: str) -> str:
    """``text`` with control characters (a newline in a file name) written as escapes: one line."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def attempt(problems: list[PipelineError] | None, action: Callable[[], T], hint: str | None = None) -> T | None:
    """``action()``, where one bad file must block only the work that needs it.

    Without ``problems`` a PipelineError propagates (the whole job stops); with a
    list it is appended there (with ``hint``, what to do, if given) and None returned,
    so the caller skips that item and goes on, and the command reports every problem
    at the end (exit status 1).
    """
    if problems is None:
        return action()
    try:
        return action()
    except PipelineError as exc:
        problems.append(exc if hint is None else with_hint(exc, hint))
        return None


def with_hint(exc: PipelineError, hint: str) -> PipelineError:
    """``exc`` (same file and line) with what to do about it appended."""
    return PipelineError(f"{exc.message}; {hint}", exc.path, exc.line)
