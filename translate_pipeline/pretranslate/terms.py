"""The ``Terms:`` line on PO entries, so translators see required terms in Poedit."""
from __future__ import annotations

import polib

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.glossary.api import Glossary


def annotate_entry(entry: polib.POEntry, glossary: Glossary, lang: str) -> bool:
    """Set (or, when the source has no terms any more, remove) the entry's ``Terms`` line.

    Returns whether the comment changed.
    """
    return Provenance.of(entry).put(Key.TERMS, glossary.terms_note(entry.msgid, lang)).write(entry)


def annotate_catalog(catalog: polib.POFile, glossary: Glossary, lang: str) -> int:
    """Annotate every live entry of a catalog; returns how many comments changed."""
    return sum(annotate_entry(e, glossary, lang) for e in catalog if not e.obsolete)
