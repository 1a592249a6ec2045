"""The manifest ``models add`` keeps beside a converted model: ``translate-pipeline-model.json``.

It says what the directory is (family, where it came from, version, license, quantization, the
tokenizer files and the vocabulary's language tokens) and, recorded from the snapshot's own
tokenizer, how a segment is framed (:class:`~translate_pipeline.mt.families.Framing`, with the
``{source}``/``{target}`` placeholders).  It travels with the directory, so a model converted on
one machine is added on another, without transformers, exactly as it was; the engine frames by
the recorded framing, and only a manifest without one (written before framing was recorded, or
by hand) falls back on the family's default.  The framing part, for a model whose tokenizer writes
the target token after SentencePiece's ``▁``::

    "framing": {"before": ["▁", "{target}"], "after": ["</s>"], "target_prefix": []}
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.mt.families import PRESETS, Framing, read_json

MANIFEST = "translate-pipeline-model.json"


@dataclass(frozen=True)
class Manifest:
    """What ``models add`` knows about a converted model (stored as :data:`MANIFEST` beside it)."""

    kind: str
    source: str  # Hugging Face id or directory it was converted from
    version: str = ""  # snapshot revision, when known
    license: str = ""
    quantization: str = ""
    max_input_length: int = 0
    tokenizer: str = ""
    target_tokenizer: str = ""
    language_tokens: list[str] = field(default_factory=list)  # every language token of the vocabulary
    # {"before": […], "after": […], "target_prefix": […]} from the snapshot's tokenizer; None: not recorded
    framing: dict | None = None

    def recorded_framing(self) -> Framing | None:
        """The framing recorded from the snapshot's tokenizer, or None."""
        if self.framing is None:
            return None
        return Framing(*(tuple(self.framing.get(part, ())) for part in ("before", "after", "target_prefix")))

    def with_framing(self, framing: Framing | None) -> "Manifest":
        value = None if framing is None else {"before": list(framing.before), "after": list(framing.after),
                                              "target_prefix": list(framing.target_prefix)}
        return Manifest(**{**asdict(self), "framing": value})


def read_manifest(model_dir: Path) -> Manifest | None:
    """The manifest of a converted model directory; None when it has none.  One-line errors for an
    unreadable or invalid one."""
    path = Path(model_dir) / MANIFEST
    if not path.is_file():
        return None
    data = read_json(path)
    known = {f for f in Manifest.__dataclass_fields__}
    try:
        manifest = Manifest(**{k: v for k, v in data.items() if k in known})
    except TypeError as exc:
        raise PipelineError(f"invalid {MANIFEST} ({exc})", path) from exc
    if manifest.kind not in PRESETS:
        raise PipelineError(f"invalid {MANIFEST} (kind {manifest.kind!r} is none of {', '.join(PRESETS)})", path)
    framing = manifest.framing
    if framing is not None and not (isinstance(framing, dict) and all(
            isinstance(framing.get(part, []), list) and all(isinstance(t, str) for t in framing.get(part, []))
            for part in ("before", "after", "target_prefix"))):
        raise PipelineError(f"invalid {MANIFEST} (framing must hold lists of tokens: before, after, "
                            "target_prefix)", path)
    return manifest


def write_manifest(manifest: Manifest, model_dir: Path) -> None:
    (Path(model_dir) / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2, ensure_ascii=False) + "\n", "utf-8")
