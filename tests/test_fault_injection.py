"""Issue 21, fault injection: SQLite pages damaged in each project database, every command run.

A project with reviewed, commented catalogs, a translation memory and an MT cache
(both spanning many pages) gets one database damaged -- a b-tree page scribbled
over with its header intact, or text inside intact pages made unreadable -- and
then every command runs on it in turn.  Each outcome must be success or one
``error:`` line (never a traceback), no reviewed translation or comment may be
lost, a damaged translation memory is never written, and a damaged MT cache stops
``translate`` before the TM is touched until ``mt cache clear`` -- the documented
remedy -- starts a new one.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import polib
import pytest

from helpers import run

from translate_pipeline.core.errors import ExitCode

ARTICLES = {
    "news": "Завод построят в Костанае\nСоглашение подписали в Астане.\nФайлы загружены.\n",
    "other": "Мосты построят к осени\nРаботы начнутся весной.\nДороги отремонтируют.\n",
}
REVIEWED = {"Соглашение подписали в Астане.": "The agreement was signed in Astana.",
            "Файлы загружены.": "The files were uploaded."}
BULK = 600  # units and cache entries: enough for dozens of pages


@pytest.fixture(scope="module")
def base(tmp_path_factory, copy_packages) -> Path:
    """The healthy project every case starts from (built once)."""
    from translate_pipeline.mt.cache import MTCache
    from translate_pipeline.mt.engine import Hypothesis
    from translate_pipeline.mt.packages import install_archive
    from translate_pipeline.tm.store import NewUnit, TranslationMemory

    root = tmp_path_factory.mktemp("fault-injection")
    packages = root / "argos"
    install_archive(copy_packages["ru_en"], packages)
    project = root / "project"
    (project / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (project / "articles" / f"{name}.ru.txt").write_text(text, encoding="utf-8")
    (project / "translate-pipeline.toml").write_text(
        f'target_langs = ["en"]\n[mt]\npackages_dir = "{packages}"\nbeam_size = 1\n', encoding="utf-8")
    assert run(project, "translate", "articles", "--to", "en").exit_code == 0  # MT drafts, all in the cache
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "news.po"
    po = polib.pofile(str(catalog))
    for entry in po:
        if entry.msgid in REVIEWED:
            entry.msgstr, entry.tcomment = REVIEWED[entry.msgid], "checked by the editor"
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()
    (project / "locales" / "en" / "LC_MESSAGES" / "other.po").unlink()  # its drafts come back from the cache
    assert run(project, "tm", "harvest").exit_code == 0
    assert run(project, "glossary", "add", "Астана", "-t", "en=Astana").exit_code == 0
    with TranslationMemory.open(project / "tm" / "memory.sqlite") as tm:
        tm.write_units("ru", "en", [NewUnit(f"Предложение номер {i} о строительстве завода.",
                                            f"Translation {i} of a sentence about the plant.", "bulk")
                                    for i in range(BULK)])
    with MTCache(project / "tm" / "mt-cache.sqlite") as cache:
        cache.put_many((f"{i:064x}", [Hypothesis(f"Cached hypothesis {i} about the plant.", -0.5)])
                       for i in range(BULK))
    (root / "import.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="ru"><seg>Дороги отремонтируют.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Roads will be repaired.</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    return project


def _pages(path: Path) -> tuple[bytearray, int]:
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    return data, 65536 if size == 1 else size


def damage(path: Path, how: str) -> None:
    """``page``: one b-tree page in the middle scribbled over (the header intact); ``values``: stored
    text made unreadable inside intact pages (JSON no longer JSON, text no longer UTF-8)."""
    data, size = _pages(path)
    if how == "page":
        middle = (len(data) // size // 2) * size
        data[middle:middle + size] = bytes((i * 131 + 7) & 0xFF for i in range(size))
    else:
        marks = {b'[["': b'{["', b"Translation ": b"\xff\xfeanslation "}  # every cache value, the bulk TM units
        count = 0
        for old, new in marks.items():
            count += bytes(data).count(old)
            data[:] = bytes(data).replace(old, new)
        assert count >= BULK, "nothing to damage"
    path.write_bytes(bytes(data))


def reviewed(project: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """Every reviewed translation and translator comment in the project's catalogs."""
    found = {}
    for path in sorted((project / "locales").rglob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.fuzzy:
                found[(path.name, entry.msgid)] = (entry.msgstr, entry.tcomment)
    return found


def tm_units(project: Path) -> set[tuple[str, str]]:
    db = sqlite3.connect(project / "tm" / "memory.sqlite")
    try:
        return {(source, target) for source, target in db.execute("SELECT source, target FROM units")}
    finally:
        db.close()


def commands(tmx: Path, out: Path) -> list[list[str]]:
    return [
        ["stats"], ["check"], ["extract", "articles"], ["update", "articles", "--lang", "en"],
        ["translate", "articles", "--to", "en"], ["translate", "articles", "--to", "en", "--no-mt"],
        ["translate", "articles", "--to", "en", "--no-tm"], ["tm", "stats"], ["tm", "harvest"],
        ["tm", "export", str(out)], ["tm", "import", str(tmx)], ["mt", "cache", "stats"], ["glossary", "list"],
        ["glossary", "add", "Костанай", "-t", "en=Kostanay"], ["publish", "--check"], ["compile"], ["models", "list"],
        ["mt", "cache", "clear"], ["translate", "articles", "--to", "en"],
    ]


GATES = {"check", "publish"}  # exit 1 is their verdict (findings, refused languages), printed as such


@pytest.mark.parametrize("how", ["page", "values"])
@pytest.mark.parametrize("database", ["memory.sqlite", "mt-cache.sqlite"])
def test_every_command_on_a_damaged_database(base, tmp_path, database, how):
    project = tmp_path / "project"
    shutil.copytree(base, project)
    before_reviewed, before_units = reviewed(project), tm_units(project)
    path = project / "tm" / database
    damage(path, how)
    damaged = path.read_bytes()
    outcomes = []
    for args in commands(base.parent / "import.tmx", tmp_path / "export.tmx"):
        result = run(project, *args)
        where = f"{' '.join(args)} → {result.exit_code}: {result.stderr.strip()[-300:]}"
        assert "Traceback" not in result.stderr and result.exit_code in (0, 1, 3, 4), where
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        if result.exit_code and args[0] not in GATES:
            assert len(errors) == 1 and result.stderr.rstrip().endswith(errors[0]), where
        assert not errors or result.exit_code, where
        assert all(item in reviewed(project).items() for item in before_reviewed.items()), f"lost work: {where}"
        if database == "memory.sqlite":
            assert path.read_bytes() == damaged, f"the damaged TM was written: {where}"
        elif not (project / "tm" / database).exists() or args[:3] != ["mt", "cache", "clear"]:
            assert before_units <= tm_units(project), f"TM units lost: {where}"
        outcomes.append((args, result))
    by_command = {" ".join(args): result for args, result in outcomes[:-1]}
    first_translate = by_command["translate articles --to en"]
    if database == "memory.sqlite":
        assert "translation memory" in first_translate.stderr and first_translate.exit_code == ExitCode.INPUT
        assert by_command["translate articles --to en --no-tm"].exit_code == 0
    elif how == "page":  # found when the cache is opened: before the TM or a catalog is written
        assert first_translate.exit_code == ExitCode.INPUT and "mt cache clear" in first_translate.stderr
        assert by_command["translate articles --to en --no-mt"].exit_code == 0
        assert "removed a damaged cache file" in by_command["mt cache clear"].stdout
        args, again = outcomes[-1]
        assert again.exit_code == 0, again.stderr  # the remedy worked
    else:  # damaged values: ignored, translated again and stored over
        assert first_translate.exit_code == 0, first_translate.stderr
        assert first_translate.stderr.count("damaged MT cache entries are ignored") == 1
        drafts = polib.pofile(str(project / "locales" / "en" / "LC_MESSAGES" / "other.po"))
        assert all(e.msgstr for e in drafts if not e.obsolete)
