"""Rebuild an article in one language from its catalog: plain data for the renderers.

Each sentence carries its status (derived from the entry's
:func:`~translate_pipeline.catalog.state.entry_status`) and provenance, so every
output format can mark what a human has not reviewed.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

import polib

from translate_pipeline.catalog.provenance import Key
from translate_pipeline.catalog.state import Authorship, EntryStatus, entry_index, entry_status
from translate_pipeline.publish import clock
from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.inline import neutralize_links
from translate_pipeline.publish.translit_kk import transliterate_text
from translate_pipeline.source.article import VERBATIM_KINDS, Article, Block, Cell
from translate_pipeline.source.markup import to_plain

# Sentence statuses.
ORIGINAL = "original"  # the source-language text itself
REVIEWED = "reviewed"  # translated and not fuzzy
MT = "mt"  # fuzzy draft whose Origin is machine translation
TM = "tm"  # fuzzy draft from translation memory
FUZZY = "fuzzy"  # fuzzy draft of unknown origin
SOURCE_FALLBACK = "source-fallback"  # untranslated: the source sentence shown, marked as such

UNREVIEWED = (MT, TM, FUZZY)

KK_LATN = "kk-Latn"


def mark(status: str, source_lang: str) -> str:
    """Short tag shown after a sentence nobody reviewed ("" for reviewed and original text)."""
    return {MT: "MT", TM: "TM", FUZZY: "draft", SOURCE_FALLBACK: source_lang}.get(status, "")


def list_kind(kind: str, marker: str) -> str | None:
    """Items with the same kind of marker form one list (CommonMark starts a new one otherwise)."""
    if kind != "item":
        return None
    return "ordered" + marker[-1:] if marker[:1].isdigit() else marker or "-"


@dataclass(frozen=True)
class Sentence:
    text: str  # as published (Markdown inline markup kept when the article is Markdown)
    source: str  # the source-language sentence (the msgid)
    status: str
    line: int  # source line of the block
    provenance: str | None = None  # the entry's Origin annotation ("MT argos …", "TM 92% …")
    mt_raw: str | None = None  # unedited engine output, when kept

    @property
    def lang_is_source(self) -> bool:
        return self.status in (ORIGINAL, SOURCE_FALLBACK)


# Blocks published even when no sentence of theirs is: they hold the article's shape.
_SHAPE_KINDS = (*VERBATIM_KINDS, "cell", "image")


@dataclass(frozen=True)
class PublishedBlock:
    kind: str  # a :class:`translate_pipeline.source.article.Block` kind
    level: int
    marker: str
    sentences: tuple[Sentence, ...]
    quote: int = 0  # blockquote depth
    cell: Cell | None = None  # table cells
    src: str = ""  # images
    title: str = ""  # images: title, untranslated
    info: str = ""  # code: the fence's language
    code: str = ""  # code: the block verbatim

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @classmethod
    def of(cls, block: Block, sentences: tuple[Sentence, ...]) -> "PublishedBlock":
        return cls(block.kind, block.level, block.marker, sentences, block.quote, block.cell, block.src,
                   block.title, block.info, block.text if block.kind in VERBATIM_KINDS else "")


@dataclass(frozen=True)
class PublishedArticle:
    name: str
    lang: str  # BCP 47 tag: "ru", "en", "kk", "kk-Latn"
    source_lang: str
    format: str  # source format: "txt" (plain text) | "md" (Markdown inline markup)
    blocks: tuple[PublishedBlock, ...]
    policy: Policy
    date: datetime.datetime  # when this edition was first published (UTC; publish.dates), or this run's moment
    languages: tuple[str, ...] = field(default=())  # every published version of this article
    modified: datetime.datetime | None = None  # when its text last changed after first publication (UTC)

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        return self.blocks[0].text if self.blocks else self.name

    @property
    def lead(self) -> str:
        """The first paragraph as plain text (the standfirst a news page, card or feed shows), "" if none."""
        for block in self.blocks:
            if block.kind == "paragraph" and block.quote == 0 and block.sentences:
                return to_plain(block.text, self.format)
        return ""

    @property
    def image(self) -> str:
        """The first image's address ("" when there is none): the picture of a shared link."""
        return next((b.src for b in self.blocks if b.kind == "image" and b.src), "")

    @property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]

    def count(self, *statuses: str) -> int:
        return sum(1 for s in self.sentences if s.status in statuses)

    def marked_statuses(self) -> list[str]:
        """Statuses of the sentences tagged in the text (nobody reviewed them), in legend order."""
        used = {s.status for s in self.sentences}
        return [status for status in (*UNREVIEWED, SOURCE_FALLBACK) if status in used]


def sentence_status(status: EntryStatus) -> str:
    """The published status of a sentence whose entry has a msgstr: reviewed, or an unreviewed
    draft by its authorship (MT, TM, or of unknown origin)."""
    if status.reviewed:
        return REVIEWED
    return {Authorship.MT: MT, Authorship.POST_EDITED: MT, Authorship.TM: TM}.get(status.authorship, FUZZY)


def _sentence(seg_text: str, line: int, entry: polib.POEntry | None, policy: Policy) -> Sentence | None:
    """The published sentence, or None when the policy leaves it out (gate already passed)."""
    if entry is None or not entry.msgstr:
        if policy.untranslated == "source":
            return Sentence(seg_text, seg_text, SOURCE_FALLBACK, line)
        return None
    status = entry_status(entry)
    published = sentence_status(status)
    if published in UNREVIEWED and not policy.allow_fuzzy:
        return None
    return Sentence(entry.msgstr, seg_text, published, line, provenance=status.provenance.first(Key.ORIGIN),
                    mt_raw=status.provenance.mt_raw)


def _safe_links(s: Sentence) -> Sentence:
    """Markdown text with no ``javascript:``/``data:``… link, whichever format renders it."""
    raw = neutralize_links(s.mt_raw) if s.mt_raw else s.mt_raw
    return replace(s, text=neutralize_links(s.text), source=neutralize_links(s.source), mt_raw=raw)


def assemble(article: Article, lang: str, po: polib.POFile | None, policy: Policy = Policy(),
             date: datetime.date | None = None) -> PublishedArticle:
    """``article`` in ``lang``; the source language needs no catalog (``po=None``); ``date``: the
    moment of publication (a day: its midnight UTC; None: now, :mod:`.clock`).

    Call :func:`translate_pipeline.publish.gate.check` first: assembling does not
    refuse, it applies the policy to whatever it finds.
    """
    date = clock.moment(date) if date else clock.now()
    entries = entry_index(po) if po is not None and lang != article.lang else {}
    safe = _safe_links if article.format == "md" else (lambda s: s)
    blocks = []
    for index, block in enumerate(article.blocks):
        sentences = []
        for seg in article.block_segments(index):
            if lang == article.lang:
                sentences.append(safe(Sentence(seg.text, seg.text, ORIGINAL, seg.line)))
                continue
            sentence = _sentence(seg.text, seg.line, entries.get(seg.text), policy)
            if sentence is not None:
                sentences.append(safe(sentence))
        if sentences or block.kind in _SHAPE_KINDS:
            blocks.append(PublishedBlock.of(block, tuple(sentences)))
    return PublishedArticle(article.name, lang, article.lang, article.format, tuple(blocks), policy, date)


def to_kk_latn(kk: PublishedArticle) -> PublishedArticle:
    """The Kazakh edition in Latin script; source-language fallbacks stay as they are."""
    if kk.lang != "kk":
        raise ValueError("kk-Latn is derived from the kk (Cyrillic) edition")

    def convert(s: Sentence) -> Sentence:
        return s if s.lang_is_source else replace(s, text=transliterate_text(s.text))

    blocks = tuple(replace(b, sentences=tuple(convert(s) for s in b.sentences)) for b in kk.blocks)
    return replace(kk, lang=KK_LATN, blocks=blocks)
