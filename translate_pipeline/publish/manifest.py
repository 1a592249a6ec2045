"""The site's manifest, ``<out>/index.json``: what the site holds, read back by every run.

Per article its source file and, per published language, title, lead and moments (first
publication, last change: :mod:`.clock`); for the site as a whole the **base URL it is served
from** (or null: relative links by choice), so that a later run without ``--base-url`` keeps the
site's canonical links, feeds and ``sitemap.xml`` instead of taking them away, and a site without
them does not get them back from ``[publish] base_url`` (:func:`.run.choose_base_url` decides).
Front pages, feeds and the sitemap are rebuilt from it after every run, so a run over one article
keeps the others.

Format versions: 3 adds ``base_url`` and writes moments (``2026-03-08T09:30:00Z``); 2 had
per-version days; 1 had one day per article.  Every older manifest is read (a day is its midnight
UTC, :func:`.clock.parse`).
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from translate_pipeline.core.errors import PipelineError, os_error
from translate_pipeline.publish import clock
from translate_pipeline.publish.site import Listed, ListedArticle, check_base_url

MANIFEST = "index.json"
MANIFEST_VERSION = 3


@dataclass
class Manifest:
    """``articles``: ``{article: {"article", "source", "date", "versions": [{"lang", "title", "lead",
    "date", "modified"?}, …]}}`` with moments as :func:`.clock.iso` text; ``base_url``: the address
    the site was last published for (None: relative links); ``base_url_recorded``: whether the file
    records that choice (False for a new ``--out`` and a manifest older than format 3: then
    ``[publish] base_url`` applies, :func:`.run.choose_base_url`)."""

    articles: dict[str, dict] = field(default_factory=dict)
    base_url: str | None = None
    base_url_recorded: bool = False

    @classmethod
    def read(cls, out: Path) -> "Manifest":
        """``out/index.json`` (empty when absent); a damaged one is a one-line error naming it."""
        path = out / MANIFEST
        if not path.exists():
            return cls()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise os_error("cannot read the publish manifest", exc, path) from exc
        except UnicodeDecodeError as exc:
            raise PipelineError("not a publish manifest (not UTF-8); move it away to rebuild the index", path) from exc
        try:
            data = json.loads(text)
            articles = {entry["article"]: entry for entry in data["articles"]}
            for entry in articles.values():
                for version in entry["versions"]:
                    version["date"] = clock.iso(clock.parse(version.setdefault("date", entry["date"])))
                    if version.get("modified"):
                        version["modified"] = clock.iso(clock.parse(version["modified"]))
                    version.setdefault("lead", "")
                entry["date"] = min((v["date"] for v in entry["versions"]), default=entry.get("date"))
            recorded, base_url = "base_url" in data, data.get("base_url")
            if base_url is not None:
                base_url = check_base_url(base_url)
        except PipelineError as exc:
            raise PipelineError(f"not a publish manifest ({exc.message}); move it away to rebuild the index",
                                path) from exc
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise PipelineError(f"not a publish manifest ({exc.__class__.__name__}); move it away to rebuild the index",
                                path) from exc
        return cls(articles, base_url, recorded)

    def dumps(self) -> str:
        data = {"format_version": MANIFEST_VERSION, "base_url": self.base_url,
                "articles": [self.articles[name] for name in sorted(self.articles)]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def listed(self) -> list[ListedArticle]:
        """The articles as front pages, feeds and the sitemap take them."""
        return [ListedArticle(name, tuple(
            Listed(v["lang"], v["title"], v.get("lead", ""), clock.parse(v["date"]),
                   clock.parse(v["modified"]) if v.get("modified") else None)
            for v in entry["versions"])) for name, entry in self.articles.items() if entry["versions"]]

    def moments(self) -> list[tuple[str, str, datetime.datetime, datetime.datetime | None]]:
        """``(article, lang, published, modified)`` of every version on the site."""
        return [(name, v["lang"], clock.parse(v["date"]), clock.parse(v["modified"]) if v.get("modified") else None)
                for name, entry in self.articles.items() for v in entry["versions"]]
