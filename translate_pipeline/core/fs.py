"""File writes every stage shares: never a half-written file on disk."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from translate_pipeline.core.errors import PipelineError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temp file in the same directory and rename: never a half-written file.

    Text is written as UTF-8 with Unix line ends; bytes (MO files) as they are.
    A directory or file that cannot be written is a one-line error.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PipelineError(f"cannot create directory: {exc.strerror}", exc.filename or path.parent) from exc
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise PipelineError(f"cannot write: {exc.strerror}", path) from exc
        raise
