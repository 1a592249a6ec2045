"""Moments of publication: timezone-aware UTC date-times and their one text form.

An edition's first publication and last change are moments, not days, so that the stories of
one day keep their order in feed readers and on the front page.  Every machine-readable date
the site carries (Atom ``published``/``updated``, JSON-LD ``datePublished``/``dateModified``,
sitemap ``lastmod``, ``<time datetime>``, front matter, ``index.json``, the publication record)
is :func:`iso`: RFC 3339 / ISO 8601 in UTC to the second, ``2026-03-08T09:30:00Z`` (RFC 4287
§3.3 for Atom, W3C Datetime for sitemaps, schema.org ``DateTime``).  Readers see the day.

A day alone (``--date 2026-03-08``, a record or manifest written before times were kept) is
that day's midnight UTC, which is what the Atom feeds of those versions said.
"""
from __future__ import annotations

import datetime

UTC = datetime.timezone.utc


def now() -> datetime.datetime:
    """This moment in UTC, to the second (what a run stamps when no ``--date`` is given)."""
    return datetime.datetime.now(UTC).replace(microsecond=0)


def parse(value: str) -> datetime.datetime:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO 8601 date-time (with ``Z`` or an offset; without
    one, UTC) as an aware UTC moment to the second; ValueError otherwise."""
    text = value.strip()
    parsed = datetime.date.fromisoformat(text) if len(text) == 10 else datetime.datetime.fromisoformat(text)
    return moment(parsed).replace(microsecond=0)


def moment(value: datetime.date) -> datetime.datetime:
    """``value`` as an aware UTC moment: a date-time converted (a naive one taken as UTC), a day as
    its midnight UTC."""
    if not isinstance(value, datetime.datetime):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=UTC)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def iso(at: datetime.datetime) -> str:
    """``2026-03-08T09:30:00Z``: the one text form of a moment."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(at: datetime.datetime) -> datetime.date:
    """The calendar day (UTC) of ``at``: what a page shows readers."""
    return at.astimezone(UTC).date()
