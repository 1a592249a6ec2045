"""The two normal forms of a source sentence the TM compares.

* ``exact_key``: what "the same sentence" means for an exact match — Unicode NFC,
  collapsed whitespace and TMX inline-code placeholders left out (:mod:`.inline`) only, so a 100 % match is safe to reuse verbatim.
* ``match_form``: what fuzzy scoring compares — additionally case-folded, with
  quote, apostrophe and dash styles unified and ё → е.  These differences do not
  change what a translator has to type, so they must not cost match points.
"""
from __future__ import annotations

import unicodedata

from translate_pipeline.tm.inline import strip_codes

_FOLD = str.maketrans(
    {
        **{q: '"' for q in "«»“”„‟″"},
        **{q: "'" for q in "‘’‚‛`´′"},
        **{d: "-" for d in "‐‑‒–—―−"},
        "ё": "е",
    }
)


def exact_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", strip_codes(text)).split())


def match_form(text: str) -> str:
    return exact_key(text).casefold().translate(_FOLD).replace("\x00", "")
