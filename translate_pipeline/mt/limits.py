"""How long an input a CTranslate2 model accepts, read from the shapes in its ``model.bin``.

A Transformer with learned (or stored sinusoidal) position encodings has a
fixed number of rows -- 1,024 for NLLB-200 and M2M-100 -- and CTranslate2
fails the whole batch with ``No position encodings are defined for positions
>= 1024`` on a longer input.  The table sizes are read from the file header
without loading any weights (format: ``ctranslate2/specs/model_spec.py``,
``_serialize``: version, spec name, revision, then per variable its name,
rank, shape, dtype and byte count; aliases last).
"""
from __future__ import annotations

import functools
import struct
from pathlib import Path


@functools.lru_cache(maxsize=None)
def position_limits(model_dir: Path) -> tuple[int | None, int | None]:
    """(encoder, decoder) rows of the position tables in ``model_dir/model.bin``.

    None for a side without a stored table (positions computed on the fly: no limit) and for a file
    this reader does not understand (binary version < 5, unreadable) -- decoding errors are then
    still isolated per segment by :mod:`.decoding`.
    """
    shapes: dict[str, tuple] = {}
    try:
        with open(Path(model_dir) / "model.bin", "rb") as f:
            def read(fmt: str) -> tuple:
                return struct.unpack(fmt, f.read(struct.calcsize(fmt)))

            def string() -> str:
                (n,) = read("H")
                return f.read(n)[:-1].decode("utf-8")
            (version,) = read("I")
            if version < 5:
                return None, None
            string()
            read("I")
            (count,) = read("I")
            for _ in range(count):
                name = string()
                (rank,) = read("B")
                shape = read("I" * rank)
                read("B")
                (nbytes,) = read("I")
                f.seek(nbytes, 1)
                shapes[name] = shape
            (aliases,) = read("I")
            for _ in range(aliases):
                alias, target = string(), string()
                shapes[alias] = shapes.get(target, ())
    except (OSError, struct.error, UnicodeDecodeError):
        return None, None
    rows = [shapes.get(f"{side}/position_encodings/encodings", ()) for side in ("encoder", "decoder")]
    return tuple(shape[0] if shape else None for shape in rows)
