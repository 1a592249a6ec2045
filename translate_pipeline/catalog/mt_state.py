"""What an MT draft made today would record: the ``Origin`` value and the ``MT-state`` hashes.

When MT fills an entry it records ``MT-state`` (:class:`~.provenance.MTRecord`): a hash of the
msgstr it wrote, of the engine's identity (model files, version, decoding settings) and of the
glossary's constraints on that segment.  Compared with :class:`MTState` -- the same for a draft
made now -- that tells, later and without any other record, whether an untouched draft is still
what today's run would write (:meth:`~.state.EntryStatus.mt_draft`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Mapping

from translate_pipeline.catalog.provenance import MTRecord, Origin, origin_line


def short_hash(text: str) -> str:
    """First 12 hex digits of SHA-256 over the UTF-8 text (48 bits: collisions are not a concern here)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class MTState:
    """What today's run would record for a segment: ``Origin`` value, model hash, glossary hash."""

    origin: str  # the Origin value: "MT argos translate-ru_en 1.9 (ru→en)" / "MT pivot ru→en→kk: …"
    model: str  # short_hash(engine identity + decoding settings)
    glossary: str  # Glossary.state(msgid, lang, settings)

    @classmethod
    def of(cls, provenance: str, identity: str, settings: Mapping[str, object], glossary: str) -> "MTState":
        """Today's state from an engine's ``provenance``, ``identity``, ``decode_settings`` and
        ``Glossary.state`` of the segment."""
        return cls(origin_line(Origin.MT, provenance),
                   short_hash(json.dumps([identity, settings], sort_keys=True, default=str)), glossary)

    def record(self, draft: str) -> MTRecord:
        """The ``MT-state`` record for ``draft`` written now."""
        return MTRecord(short_hash(draft), self.model, self.glossary)

    def made(self, origin: str | None, record: MTRecord) -> bool:
        """A draft with this ``Origin`` value and ``MT-state`` record is what today's run would make."""
        return origin == self.origin and record.model == self.model and record.glossary == self.glossary
