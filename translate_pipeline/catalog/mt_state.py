"""Is an MT draft still the machine's, and was it made by today's model and glossary?

When MT fills an entry it records ``#. MT-state: draft=<hash> model=<hash> glossary=<hash>``:
a hash of the msgstr it wrote, of the engine's identity (model files, version,
decoding settings) and of the glossary's constraints on that segment.  Together
with the ``Origin`` line (the route) that is enough to tell, later and without
any other record:

* ``edited``  -- a translator changed the msgstr, removed ``fuzzy`` or wrote a
  translator comment: never touched again by MT;
* ``stale``   -- untouched, but the route, model or glossary state differs from today's;
* ``current`` -- untouched and made exactly as today's run would make it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Mapping

import polib

from translate_pipeline.catalog import annotations

EDITED, STALE, CURRENT = "edited", "stale", "current"


def short_hash(text: str) -> str:
    """First 12 hex digits of SHA-256 over the UTF-8 text (48 bits: collisions are not a concern here)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class MTState:
    """What today's run would record for a segment: ``Origin`` value, model hash, glossary hash."""

    origin: str  # "MT argos translate-ru_en 1.9 (ru→en)" / the pivot route
    model: str  # short_hash(engine identity + decoding settings)
    glossary: str  # Glossary.state(msgid, lang, settings)

    @classmethod
    def of(cls, provenance: str, identity: str, settings: Mapping[str, object], glossary: str) -> "MTState":
        """Today's state from an engine's ``provenance``, ``identity``, ``decode_settings`` and
        ``Glossary.state`` of the segment."""
        return cls(f"MT {provenance}", short_hash(json.dumps([identity, settings], sort_keys=True, default=str)),
                   glossary)

    def line(self, draft: str) -> str:
        """The ``MT-state`` value for a draft written now."""
        return f"draft={short_hash(draft)} model={self.model} glossary={self.glossary}"


def recorded(entry: polib.POEntry) -> dict[str, str]:
    """The ``MT-state`` fields of an entry (empty when it has none)."""
    value = annotations.first(entry, annotations.MT_STATE) or ""
    return dict(part.split("=", 1) for part in value.split() if "=" in part)


def draft_status(entry: polib.POEntry, today: MTState | None) -> str | None:
    """``edited`` / ``stale`` / ``current`` for a live MT draft, None for any other entry.

    ``today`` None (no model for the pair today) leaves untouched drafts ``current``: nothing
    could redo them.  A draft written before ``MT-state`` existed counts as stale when untouched
    (its msgstr still equals ``MT-raw``): what made it is unknown.
    """
    if entry.obsolete or not entry.msgstr or annotations.origin_kind(entry) != "mt":
        return None
    state = recorded(entry)
    if "draft" in state:
        untouched = state["draft"] == short_hash(entry.msgstr)
    else:
        untouched = " ".join(entry.msgstr.split()) == (annotations.first(entry, annotations.MT_RAW) or "")
    if not untouched or not entry.fuzzy or entry.tcomment.strip():
        return EDITED
    if today is None:
        return CURRENT
    same = (annotations.first(entry, annotations.ORIGIN) == today.origin
            and state.get("model") == today.model and state.get("glossary") == today.glossary)
    return CURRENT if same else STALE


def untouched_draft(entry: polib.POEntry) -> bool:
    """An MT draft exactly as the machine wrote it (nobody edited, un-fuzzied or commented it):
    ``translate --refresh-mt`` may replace it, as nothing of a translator's is in it."""
    return draft_status(entry, None) == CURRENT
