"""Publishing again: the site remembers its base URL, an identical re-run changes no byte and no
mtime, and editions carry the moment (not just the day) they were first published, under a fixed
clock (``--date`` with a time)."""
import json
import os
import shutil
from pathlib import Path

import feedparser
import pytest
from helpers import command_document, run
from test_publish_site import BASE, dom, newsroom, publish, published, review

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.publish import clock

NEW = "https://kz.example.org/news/"


def snapshot(*roots: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``roots`` (a file: itself) with its bytes and mtime in nanoseconds."""
    files = [p for root in roots for p in ([root] if root.is_file() else root.rglob("*")) if p.is_file()]
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def feeds_and_sitemap(site: Path) -> list[Path]:
    return [site / "sitemap.xml", site / "feed.xml", site / "en" / "feed.xml", site / "kk" / "feed.xml"]


def quiet_run(result) -> bool:
    """A ``-q`` run that published all it could: the summary, and only the refusal of budget's Kazakh editions."""
    assert result.exit_code == ExitCode.REFUSED and result.stdout.startswith("published ")
    lines = result.stderr.splitlines()  # -q keeps the error-level findings, then the refusal with its remedy
    assert lines[0] == "error: refused budget [kk]: 2 sentence(s) not ready"
    assert lines[-1] == ("error: 2 article edition(s) refused (sentences above): untranslated sentences: "
                         "translate them, or --untranslated skip|source")
    assert all(line.startswith("error: ") and "budget" in line or line == lines[-1] for line in lines)
    return True


def canonical(site: Path) -> list[str]:
    return dom(site / "kamaz" / "en.html").xpath("//link[@rel='canonical']/@href")


# --- 1. the site remembers its base URL -------------------------------------------------------------

def test_a_forgotten_base_url_keeps_the_live_site_as_it_is(tmp_path):
    project, site = newsroom(tmp_path, base_url=None), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08", "--base-url", BASE))
    assert all(path.is_file() for path in feeds_and_sitemap(site))
    assert json.loads((site / "index.json").read_text(encoding="utf-8"))["base_url"] == BASE
    before = snapshot(site)
    quiet = publish(project, site, "2026-03-09", "-q")  # the operator's cron line, without --base-url
    assert quiet_run(quiet) and "note:" not in quiet.stderr
    assert snapshot(site) == before  # no feed, sitemap or absolute link lost: not a byte changed
    loud = publish(project, site, "2026-03-09")
    assert loud.stderr.count("note: ") == 1 and f"note: base URL {BASE} as recorded in " in loud.stderr
    assert "--base-url URL changes it, --no-base-url drops it" in loud.stderr and snapshot(site) == before


def test_a_different_base_url_moves_the_site_and_says_so_even_quietly(tmp_path):
    project, site = newsroom(tmp_path, base_url=None), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08", "--base-url", BASE))
    moved = publish(project, site, "2026-03-09", "-q", "--base-url", NEW)
    assert quiet_run(moved) and f"base URL {BASE} → {NEW}" in moved.stdout  # in the summary: -q keeps it
    assert canonical(site) == [f"{NEW}kamaz/en.html"]
    feed = feedparser.parse((site / "en" / "feed.xml").read_bytes())
    assert feed.bozo == 0 and feed.entries[0].id == f"{NEW}kamaz/en.html"
    loud = publish(project, site, "2026-03-09", "--base-url", BASE)
    assert f"note: base URL changed: {NEW} → {BASE}" in loud.stderr and canonical(site) == [f"{BASE}kamaz/en.html"]
    report = command_document("publish", publish(project, site, "2026-03-09", "--base-url", NEW, "--format",
                                                 "json").stdout)
    assert report["base_url"] == NEW and report["base_url_changed"] == {"from": BASE, "to": NEW}
    # only --no-base-url takes the address away, with its feeds and sitemap
    dropped = publish(project, site, "2026-03-09", "--no-base-url")
    assert published(dropped) and f"base URL {NEW} → none (relative links)" in dropped.stdout
    assert not any(path.exists() for path in feeds_and_sitemap(site)) and canonical(site) == []
    assert json.loads((site / "index.json").read_text(encoding="utf-8"))["base_url"] is None
    assert "note: no base_url" in publish(project, site, "2026-03-09").stderr  # relative it stays
    both = publish(project, site, "2026-03-09", "--base-url", BASE, "--no-base-url")
    assert both.exit_code == ExitCode.USAGE


def test_the_recorded_base_url_wins_over_a_changed_setting_until_the_option_moves_it(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"  # [publish] base_url = BASE
    assert published(publish(project, site, "2026-03-08"))
    config = project / "translate-pipeline.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(BASE, NEW), encoding="utf-8")
    result = publish(project, site, "2026-03-09")
    assert f"note: base URL {BASE} as recorded in {site / 'index.json'}; [publish] base_url {NEW} is for a new " \
           f"--out only: --base-url {NEW} moves this site there" in result.stderr
    assert canonical(site) == [f"{BASE}kamaz/en.html"]
    assert published(publish(project, site, "2026-03-09", "--base-url", NEW)) and canonical(site) == [
        f"{NEW}kamaz/en.html"]
    assert "note:" not in publish(project, site, "2026-03-09").stderr  # setting and site agree again
    # a new site folder starts from the setting
    assert published(publish(project, tmp_path / "other", "2026-03-09"))
    assert json.loads((tmp_path / "other" / "index.json").read_text(encoding="utf-8"))["base_url"] == NEW


def settings(project: Path, base_url: str | None) -> None:
    """``[publish] base_url`` in the project's settings: ``base_url``, or none."""
    (project / "translate-pipeline.toml").write_text(
        '[publish]\nsite_name = "Kazakhstan Today"\n' + (f'base_url = "{base_url}"\n' if base_url else ""),
        encoding="utf-8")


def recorded(site: Path) -> str | None:
    return json.loads((site / "index.json").read_text(encoding="utf-8"))["base_url"]


def test_a_site_taken_off_its_address_does_not_get_the_setting_back(tmp_path):
    """The new user's report: after --no-base-url, a [publish] base_url added later must not
    silently bring the address, its feeds and sitemap back."""
    project, site = newsroom(tmp_path, base_url=None), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08", "--base-url", BASE))
    dropped = publish(project, site, "2026-03-09", "-q", "--no-base-url")
    assert f"base URL {BASE} → none (relative links)" in dropped.stdout
    settings(project, NEW)
    before = snapshot(site)
    again = publish(project, site, "2026-03-10")
    assert published(again) and "base URL" not in again.stdout and snapshot(site) == before
    assert again.stderr.count("note: ") == 1 and (
        f"note: no base_url: links are relative, and there is no canonical link, Atom feed or sitemap.xml, as "
        f"recorded in {site / 'index.json'}; [publish] base_url {NEW} is for a new --out only: --base-url {NEW} "
        "moves this site there") in again.stderr
    report = command_document("publish", publish(project, site, "2026-03-10", "--format", "json").stdout)
    assert report["base_url"] is None and report["base_url_changed"] is None and recorded(site) is None
    assert not any(path.exists() for path in feeds_and_sitemap(site)) and canonical(site) == []
    # the option gives it an address again, and says so, -q or not, text or JSON
    moved = publish(project, site, "2026-03-11", "--base-url", NEW, "--format", "json")
    report = command_document("publish", moved.stdout)
    assert report["base_url_changed"] == {"from": None, "to": NEW} and recorded(site) == NEW
    assert f"base URL set: none → {NEW} (canonical links, Atom feeds and sitemap.xml are added)" in report["notes"]
    assert all(path.is_file() for path in feeds_and_sitemap(site)) and canonical(site) == [f"{NEW}kamaz/en.html"]
    settings(project, None)
    assert published(publish(project, site, "2026-03-11", "--no-base-url"))
    quiet = publish(project, site, "2026-03-12", "-q", "--base-url", BASE)
    assert f"base URL none → {BASE}" in quiet.stdout.splitlines()[-1]


# (site before the run, [publish] base_url now, options) → the site's base URL after it; every
# change is said in the summary line and in JSON ``base_url_changed``.  Sites: "new" (no --out yet),
# "url" (published with --base-url BASE), "none" (then --no-base-url), "relative" (first published
# without any base URL).
SITES = {"new": [], "url": [["--base-url", BASE]], "none": [["--base-url", BASE], ["--no-base-url"]],
         "relative": [[]]}
OPTIONS = {"plain": [], "--base-url BASE": ["--base-url", BASE], "--base-url NEW": ["--base-url", NEW],
           "--no-base-url": ["--no-base-url"]}
BEFORE = {"new": None, "url": BASE, "none": None, "relative": None}


@pytest.fixture(scope="module")
def newsroom_copy(tmp_path_factory):
    """A fresh copy of one reviewed newsroom (without [publish] base_url) per test."""
    original = newsroom(tmp_path_factory.mktemp("newsroom"), base_url=None)
    return lambda tmp_path: Path(shutil.copytree(original, tmp_path / "newsroom"))


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("setting", [None, BASE, NEW])
@pytest.mark.parametrize("state", SITES)
def test_only_the_option_changes_a_sites_base_url_and_every_change_is_said(tmp_path, newsroom_copy, state, setting,
                                                                          option):
    project, args = newsroom_copy(tmp_path), OPTIONS[option]

    def prepared(site: Path) -> Path:
        settings(project, None)
        for earlier in SITES[state]:
            assert published(publish(project, site, "2026-03-08", *earlier))
        settings(project, setting)
        return site

    site = prepared(tmp_path / "site")
    if option == "plain":  # the site's own; only a new one takes the setting
        after = setting if state == "new" else BEFORE[state]
    else:
        after = args[1] if args[0] == "--base-url" else None
    changed = None if state == "new" or BEFORE[state] == after else {"from": BEFORE[state], "to": after}
    report = command_document("publish", publish(project, site, "2026-03-09", "--format", "json", *args).stdout)
    assert (report["base_url"], report["base_url_changed"], recorded(site)) == (after, changed, after)
    assert (site / "sitemap.xml").is_file() == (after is not None)
    notes = [note for note in report["notes"] if "base URL" in note or "base_url" in note]
    if setting and setting != after:  # the setting is not what the site uses: which one applies, how to switch
        assert len(notes) == 1 and (f"the option overrides [publish] base_url {setting}" in notes[0]
                                    if state == "new" else f"--base-url {setting} moves this site there" in notes[0])
    if changed:
        assert len(notes) == 1 and f"{BEFORE[state] or 'none'} → {after or 'none'}" in notes[0]
    again = command_document("publish", publish(project, site, "2026-03-10", "--format", "json", *args).stdout)
    assert (again["base_url"], again["base_url_changed"], recorded(site)) == (after, None, after)
    # the summary line, which -q keeps, on a second site in the same state
    summary = publish(project, prepared(tmp_path / "other"), "2026-03-09", "-q", *args).stdout.splitlines()[-1]
    assert summary.startswith("published ") and summary.endswith(
        f", base URL {BEFORE[state] or 'none'} → {after or 'none (relative links)'}" if changed else "refused")


# --- 2. a file is written only when its bytes change -----------------------------------------------------

def test_an_identical_rerun_changes_no_byte_and_no_mtime(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    first = publish(project, site, "2026-03-08", "--format", "json")
    report = command_document("publish", first.stdout)
    files = len(report["written"])
    assert files > 20 and report["unchanged"] == [] and str(project / "publication.json") not in report["written"]
    assert "publication.json" in report["written"]  # paths inside the project are shown relative to it
    before = snapshot(site, project / "publication.json")
    for day in ("2026-03-08", "2026-03-20T10:00:00Z"):  # the same run again, and again on a later day
        again = publish(project, site, day)
        assert published(again) and f": 0 file(s) written, {files} unchanged, 2 refused" in again.stdout
        assert snapshot(site, project / "publication.json") == before
    report = command_document("publish", publish(project, site, "2026-03-21", "--format", "json").stdout)
    assert report["written"] == [] and len(report["unchanged"]) == files and "publication.json" in report["unchanged"]
    verbose = publish(project, site, "2026-03-21", "-v")
    assert f"unchanged {site / 'kamaz' / 'ru.html'}" in verbose.stdout and "\nwrote " not in verbose.stdout


def test_a_correction_rewrites_only_what_shows_it(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    before = snapshot(site)
    review(project, "kamaz", "en", {"Там будут работать 500 человек.": "It will employ 500 workers."})
    report = command_document("publish", publish(project, site, "2026-03-11", "--format", "json").stdout)
    changed = {name for name, state in snapshot(site).items() if before[name] != state}
    written = {str(Path(p)) if Path(p).is_absolute() else str(project / p) for p in report["written"]}
    assert changed == written - {str(project / "publication.json")}
    rel = {Path(p).relative_to(site).as_posix() for p in changed}
    assert {f"kamaz/en.{fmt}" for fmt in ("html", "md", "txt", "json")} <= rel  # the corrected edition
    assert {"index.json", "en/feed.xml", "sitemap.xml"} <= rel  # its updated moment
    assert not any(p.startswith(("kamaz/ru.", "kamaz/kk.", "budget/")) for p in rel)  # the others untouched


# --- 3. moments, not days -------------------------------------------------------------------------------

def test_stories_of_one_day_keep_the_order_they_were_published_in(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08T07:45:00Z", "budget"))
    assert publish(project, site, "2026-03-08T16:20:00+06:00", "kamaz").exit_code == 0  # 10:20 UTC, the same day
    for lang in ("ru", "en"):
        page = dom(site / ("index.html" if lang == "ru" else f"{lang}/index.html"))
        assert page.xpath("//main/ol/li/@id") == ["kamaz", "budget"]  # the later story first
        feed = feedparser.parse((site / ("feed.xml" if lang == "ru" else f"{lang}/feed.xml")).read_bytes())
        assert feed.bozo == 0 and [(e.id.split("/")[-2], e.published) for e in feed.entries] == [
            ("kamaz", "2026-03-08T10:20:00Z"), ("budget", "2026-03-08T07:45:00Z")]
    assert {e.get("datetime") for e in dom(site / "en" / "index.html").xpath("//main//time")} == {
        "2026-03-08T10:20:00Z", "2026-03-08T07:45:00Z"}
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    assert record["articles"]["kamaz"]["editions"]["en"]["published"] == "2026-03-08T10:20:00Z"


def test_a_record_and_a_site_of_days_are_read_as_their_midnight_utc(tmp_path):
    """A project published before moments were kept: publication.json format 1 and index.json format 2 hold days."""
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08T09:00:00Z"))
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    record["format_version"] = 1
    for article in record["articles"].values():
        for edition in article["editions"].values():
            edition["published"] = "2026-03-01"
    (project / "publication.json").write_text(json.dumps(record), encoding="utf-8")
    manifest = json.loads((site / "index.json").read_text(encoding="utf-8"))
    manifest["format_version"] = 2
    del manifest["base_url"]
    for article in manifest["articles"]:
        for version in article["versions"]:
            version["date"] = "2026-03-01"
    (site / "index.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert published(publish(project, site, "2026-03-10T12:00:00Z"))
    assert dom(site / "kamaz" / "en.html").xpath("//time/@datetime") == ["2026-03-01T00:00:00Z"]
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    assert record["format_version"] == 2
    assert record["articles"]["kamaz"]["editions"]["en"]["published"] == "2026-03-01T00:00:00Z"
    assert json.loads((site / "index.json").read_text(encoding="utf-8"))["base_url"] == BASE


@pytest.mark.parametrize("value, moment", [
    ("2026-03-08", "2026-03-08T00:00:00Z"),
    ("2026-03-08T09:30:00+05:00", "2026-03-08T04:30:00Z"),
    ("2026-03-08T23:30:00-02:00", "2026-03-09T01:30:00Z"),
    ("2026-03-08T09:30:15.25Z", "2026-03-08T09:30:15Z"),
    ("2026-03-08T09:30", "2026-03-08T09:30:00Z"),  # no offset: UTC
])
def test_moments_are_utc_to_the_second(value, moment):
    parsed = clock.parse(value)
    assert clock.iso(parsed) == moment and parsed.tzinfo is not None


def test_a_bad_date_is_one_line_and_exit_3(tmp_path):
    project = newsroom(tmp_path)
    result = publish(project, tmp_path / "site", "8 March")
    assert result.exit_code == ExitCode.INPUT and result.stderr.startswith("error: --date must be YYYY-MM-DD or ")
    assert not (tmp_path / "site").exists() and os.linesep not in result.stderr.rstrip()
