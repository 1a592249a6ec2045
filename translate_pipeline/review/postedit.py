"""Post-editing statistics: how the reviewed translations came about.

A reviewed entry (gettext *translated*) is one of four kinds, by its
:class:`~translate_pipeline.catalog.state.Authorship`: **MT accepted as is** (``mt``), **MT
post-edited** (``post-edited``), **TM** (``tm``) or **written by a person** (``human``: no
machine origin).  For the post-edited ones the edit distance between the raw MT (the entry's
``MT-raw`` line) and the reviewed translation is given as sacrebleu's corpus-level chrF
(Popović 2015; 100 = identical) and TER (Snover et al. 2006: edits per 100 words of the
reviewed text, i.e. HTER; 0 = identical), over the post-edited entries that kept their
``MT-raw``.  ``stats`` counts this per catalog, ``evaluate`` per language pair, both with
:func:`post_editing`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable

from sacrebleu.metrics import CHRF, TER

from translate_pipeline.catalog.state import Authorship, EntryStatus

KINDS = tuple(a.value for a in (Authorship.MT, Authorship.POST_EDITED, Authorship.TM, Authorship.HUMAN))


@dataclass(frozen=True)
class PostEditing:
    """Reviewed entries by kind (:data:`KINDS`), segments and source words, and the edit distance of the post-edited ones."""

    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    scored: int = 0  # post-edited entries with their MT-raw, which chrF and TER are over
    chrf: float | None = None  # raw MT against the reviewed text, corpus-level; None: nothing scored
    ter: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def post_editing(entries: Iterable[tuple[EntryStatus, str, int]]) -> PostEditing:
    """:class:`PostEditing` of ``(status, msgstr, source words)`` triples; entries that are not
    reviewed are left out."""
    result = PostEditing()
    raws: list[str] = []
    finals: list[str] = []
    for status, msgstr, words in entries:
        if not status.reviewed or status.authorship.value not in KINDS:
            continue
        result.segments[status.authorship.value] += 1
        result.words[status.authorship.value] += words
        raw = status.provenance.mt_raw
        if status.authorship is Authorship.POST_EDITED and raw is not None and msgstr:
            raws.append(raw)
            finals.append(msgstr)
    if not raws:
        return result
    return PostEditing(result.segments, result.words, len(raws),
                       CHRF().corpus_score(raws, [finals]).score, TER().corpus_score(raws, [finals]).score)
