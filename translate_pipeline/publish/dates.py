"""Publication dates that stay put: the project's record of what was published when.

``<project>/publication.json`` (beside ``translate-pipeline.toml``, committed with the
articles and catalogs — not in ``--out``, which an editor may wipe and rebuild) records per
article its source file and per language edition:

* ``published``: the moment the edition was first published (``datePublished``; the front page
  and the feeds order by it), kept on every later publish;
* ``modified``: the moment of the run that first saw its text changed (``dateModified``), None
  until it does;
* ``digest``: SHA-256 of the edition's published text and marks, how a change is noticed;

and, per article, ``unpublished``: ``{lang: moment}`` of the editor's ``publish --unpublish LANG``
(the source language: the whole article), which every later run keeps off every site until
``--republish LANG``.  An unpublished edition's dates stay in the record, so a republished edition
keeps its first-publication moment (and is modified at the republishing run if its text changed).

Moments are UTC date-times written as :func:`.clock.iso` (format version 3 adds ``unpublished``;
2 has moments and no takedowns); a version 1 record
holds days, read as their midnight UTC (:func:`.clock.parse`) and written back as moments.
Only public runs write the record, and only when it changed; ``--preview`` and ``--check`` read
it.  A site published before the record existed gives its dates from ``index.json`` once
(:func:`Record.adopt`).
"""
from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from translate_pipeline.core.errors import PipelineError, os_error
from translate_pipeline.core.fs import write_if_changed
from translate_pipeline.publish import clock
from translate_pipeline.publish.assemble import PublishedArticle

RECORD_NAME = "publication.json"
# 3: + unpublished; 2: moments (UTC date-times); 1: days.  A record without takedowns is written as
# 2, so a project that never unpublished keeps its file byte for byte and older versions read it.
RECORD_VERSION = 3


def digest(doc: PublishedArticle) -> str:
    """``sha256:<hex>`` of what a reader sees of the edition: every block's shape and each sentence's
    text and status (a draft mark that goes away is a change); not dates, not provenance."""
    shape = [[b.kind, b.level, b.marker, b.quote, b.src, b.title, b.info, b.code,
              [b.cell.table, b.cell.row, b.cell.column, b.cell.align] if b.cell else None,
              [[s.text, s.status] for s in b.sentences]] for b in doc.blocks]
    data = json.dumps([doc.lang, shape], ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class EditionDates:
    published: datetime.datetime  # aware, UTC
    modified: datetime.datetime | None = None
    digest: str = ""


@dataclass
class Record:
    """``{article: {"source": project-relative path, "editions": {lang: EditionDates},
    "unpublished": {lang: moment}}}``."""

    path: Path
    articles: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Record":
        """The record at ``path`` (empty when there is none); a damaged one is a one-line error, never
        silently replaced: the dates in it cannot be made again."""
        if not path.exists():
            return cls(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise os_error("cannot read the publication record", exc, path) from exc
        except UnicodeDecodeError as exc:
            raise PipelineError("not a publication record (not UTF-8): fix it from version control; "
                                "it holds the first-publication dates", path) from exc
        try:
            data = json.loads(text)
            articles = {}
            for name, entry in data["articles"].items():
                editions = {lang: EditionDates(clock.parse(e["published"]),
                                               clock.parse(e["modified"]) if e.get("modified") else None,
                                               e.get("digest", ""))
                            for lang, e in entry["editions"].items()}
                unpublished = {lang: clock.parse(when) for lang, when in entry.get("unpublished", {}).items()}
                articles[name] = {"source": entry.get("source"), "editions": editions, "unpublished": unpublished}
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise PipelineError(f"not a publication record ({exc.__class__.__name__}): fix it from version control; "
                                f"it holds the first-publication dates", path) from exc
        return cls(path, articles)

    def source(self, name: str) -> str | None:
        return self.articles.get(name, {}).get("source")

    def get(self, name: str, lang: str) -> EditionDates | None:
        return self.articles.get(name, {}).get("editions", {}).get(lang)

    def adopt(self, name: str, lang: str, published: datetime.datetime, modified: datetime.datetime | None) -> None:
        """Dates of an edition the site had before this record (from ``index.json``); recorded ones win."""
        self._entry(name)["editions"].setdefault(lang, EditionDates(published, modified))

    def stamp(self, doc: PublishedArticle, today: datetime.datetime, source: str | None = None) -> EditionDates:
        """The dates of ``doc`` published at the moment ``today``: first publication kept, ``modified``
        set to ``today`` when its text differs from the one recorded (an adopted edition's first digest
        is not a change)."""
        entry = self._entry(doc.name)
        if source is not None:
            entry["source"] = source
        now = digest(doc)
        dates = entry["editions"].get(doc.lang)
        if dates is None:
            dates = entry["editions"][doc.lang] = EditionDates(today, None, now)
        elif dates.digest and dates.digest != now:
            dates.modified = max(today, dates.published)
            dates.digest = now
        else:
            dates.digest = now
        return dates

    def peek(self, doc: PublishedArticle, today: datetime.datetime) -> EditionDates:
        """The dates :meth:`stamp` would give, recording nothing (previews, ``--check``)."""
        dates = self.get(doc.name, doc.lang)
        if dates is None:
            return EditionDates(today)
        changed = bool(dates.digest) and dates.digest != digest(doc)
        return EditionDates(dates.published, max(today, dates.published) if changed else dates.modified)

    def _entry(self, name: str) -> dict:
        return self.articles.setdefault(name, {"source": None, "editions": {}, "unpublished": {}})

    def unpublished(self, name: str) -> dict[str, datetime.datetime]:
        """``{lang: moment}`` of the editor's takedowns of article ``name`` still in force."""
        return self.articles.get(name, {}).get("unpublished", {})

    def unpublish(self, name: str, lang: str, when: datetime.datetime) -> None:
        """The editor took ``lang`` (the source language: the whole article) off at ``when``; an
        earlier takedown keeps its moment.  The edition's dates stay for a later :meth:`republish`."""
        self._entry(name)["unpublished"].setdefault(lang, when)

    def republish(self, name: str, lang: str) -> bool:
        """Lift the takedown of ``lang``; whether there was one."""
        return self.articles.get(name, {}).get("unpublished", {}).pop(lang, None) is not None

    def forget(self, name: str) -> None:
        """A removed article (its source file is gone) leaves the record."""
        self.articles.pop(name, None)

    def save(self) -> bool:
        """Write the record unless the file already says exactly this; returns whether it wrote."""
        takedowns = any(entry.get("unpublished") for entry in self.articles.values())
        data = {"format_version": RECORD_VERSION if takedowns else 2, "articles": {
            name: {"source": entry["source"], "editions": {
                lang: {"published": clock.iso(d.published),
                       **({"modified": clock.iso(d.modified)} if d.modified else {}), "digest": d.digest}
                for lang, d in sorted(entry["editions"].items())},
                **({"unpublished": {lang: clock.iso(when) for lang, when in sorted(entry["unpublished"].items())}}
                   if entry.get("unpublished") else {})}
            for name, entry in sorted(self.articles.items())}}
        return write_if_changed(self.path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
