"""Issue 19 item 5: TMX segment whitespace as TMX 1.4b's xml:space defines it, srclang
mismatches (Translate Toolkit's po2tmx labels the source ``en``), and ``tm import`` that adds
nothing exits 1 with the reason."""
from __future__ import annotations

import shutil
import subprocess
import sys

import polib
import pytest

from helpers import run
from translate_pipeline.core.settings import load_config
from translate_pipeline.tm import open_project_tm

ARTICLE = "Завод построят в Костанае.\nПродукция будет на 100% экспортоориентированной.\n"
PLANT, EXPORT = ARTICLE.splitlines()

# A pretty-printed export: every <seg> carries the XML indentation around its text.
PRETTY = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OtherCAT" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="ru" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="ru">
        <seg>
          {PLANT}
        </seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>
          The plant will be
          built in Kostanay.
        </seg>
      </tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru">
        <seg>	{EXPORT}  </seg>
      </tuv>
      <tuv xml:lang="en">
        <seg> The products will be 100\u00a0% for export. </seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


def _project(tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "news.ru.txt").write_text(ARTICLE, encoding="utf-8")
    return project


def _units(project):
    with open_project_tm(load_config(project)) as tm:
        return {(u.target_lang, u.source): u.target for u in tm.store.units()}


def test_a_pretty_printed_tmx_gives_clean_segments_all_the_way_to_the_published_text(tmp_path):
    project = _project(tmp_path)
    (tmp_path / "pretty.tmx").write_text(PRETTY, encoding="utf-8")
    assert run(project, "tm", "import", str(tmp_path / "pretty.tmx")).exit_code == 0
    assert _units(project) == {
        ("en", PLANT): "The plant will be built in Kostanay.",
        ("en", EXPORT): "The products will be 100\u00a0% for export.",  # a no-break space is text, kept
    }
    assert run(project, "translate", "--to", "en", "--no-mt").exit_code == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "news.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:  # the translator accepts both 100 % matches
        assert entry.msgstr == entry.msgstr.strip() and "\n" not in entry.msgstr
        entry.flags.remove("fuzzy")
    catalog.save()
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)]).returncode == 0
    published = run(project, "publish", "--out", str(tmp_path / "site"), "--lang", "en")
    assert published.exit_code == 0, published.stderr
    published = (tmp_path / "site" / "news" / "en.txt").read_text(encoding="utf-8")
    assert published.splitlines()[:2] == ["The plant will be built in Kostanay.", "The products will be 100\u00a0% for export."]


@pytest.mark.parametrize("where, expected", [
    ('<seg xml:space="preserve">', "\n          The plant will be\n          built in Kostanay.\n        "),
    ('<tu xml:space="preserve">', "\n          The plant will be\n          built in Kostanay.\n        "),
    ('<body xml:space="preserve">', "\n          The plant will be\n          built in Kostanay.\n        "),
    ('<seg xml:space="default">', "The plant will be built in Kostanay."),
])
def test_xml_space_preserve_keeps_the_segment_as_written(tmp_path, where, expected):
    project = _project(tmp_path)
    text = PRETTY
    tag = where.split()[0]  # "<seg", "<tu", "<body"
    if tag == "<seg":
        text = text.replace("<tuv xml:lang=\"en\">\n        <seg>", f"<tuv xml:lang=\"en\">\n        {where}", 1)
    else:
        text = text.replace(f"{tag}>", where, 1)
    if where == '<seg xml:space="default">':  # default on the segment overrides preserve above it
        text = text.replace("<body>", '<body xml:space="preserve">')
    (tmp_path / "t.tmx").write_text(text, encoding="utf-8")
    assert run(project, "tm", "import", str(tmp_path / "t.tmx")).exit_code == 0
    targets = {" ".join(source.split()): target for (lang, source), target in _units(project).items()}
    assert targets[PLANT] == expected


def _po2tmx(tmp_path, *options) -> str:
    """A reviewed ru→kk catalog through Translate Toolkit's po2tmx (its default source label is en)."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "kk"}
    catalog.append(polib.POEntry(msgid=PLANT, msgstr="Қостанайда зауыт салынады."))
    catalog.append(polib.POEntry(msgid=EXPORT, msgstr="Өнім толығымен экспортқа шығарылады."))
    catalog.save(str(tmp_path / "news.po"))
    out = tmp_path / "news.tmx"
    subprocess.run([sys.executable, "-c", "from translate.convert.po2tmx import main; main()", "-l", "kk", *options,
                    str(tmp_path / "news.po"), str(out)], check=True, capture_output=True)
    return str(out)


def test_a_po2tmx_file_labelled_en_adds_nothing_exits_1_and_names_the_option(tmp_path):
    project = _project(tmp_path)
    tmx = _po2tmx(tmp_path)
    result = run(project, "tm", "import", tmx)
    assert result.exit_code == 1
    assert f"warning: {tmx}: its srclang is 'en', but the source segments are read from its ru variants" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"error: {tmx}: none of its 2 <tu> has a ru segment (its srclang is 'en': if those segments are the "
        "project's source text, import with --source-lang en)")
    assert _units(project) == {}

    fixed = run(project, "tm", "import", tmx, "--source-lang", "en")
    assert fixed.exit_code == 0 and fixed.stderr == ""
    assert "2 translations: 2 added" in fixed.stdout
    assert _units(project) == {("kk", PLANT): "Қостанайда зауыт салынады.",
                               ("kk", EXPORT): "Өнім толығымен экспортқа шығарылады."}

    again = run(project, "tm", "import", tmx, "--source-lang", "en")
    assert again.exit_code == 1
    assert again.stderr.strip().endswith("nothing new: all 2 translations are already in the translation memory")


def test_po2tmx_with_the_right_source_language_imports(tmp_path):
    project = _project(tmp_path)
    tmx = _po2tmx(tmp_path, "--source-language", "ru")
    result = run(project, "tm", "import", tmx)
    assert result.exit_code == 0 and len(_units(project)) == 2
    # po2tmx still writes srclang="en" in the header: said, with no advice to relabel anything
    assert result.stderr == (f"warning: {tmx}: its srclang is 'en', but the source segments are read from its ru "
                             "variants\n")


@pytest.mark.parametrize("body, reason", [
    ("", "no translation units (<tu>) in the file"),
    (f'<tu><tuv xml:lang="ru"><seg>{PLANT}</seg></tuv></tu>', "its 1 <tu> have a ru segment only, no translation"),
])
def test_other_imports_that_add_nothing_say_why(tmp_path, body, reason):
    project = _project(tmp_path)
    path = tmp_path / "t.tmx"
    path.write_text(f'<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" creationtool="x" '
                    f'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>'
                    f"<body>{body}</body></tmx>", encoding="utf-8")
    result = run(project, "tm", "import", str(path))
    assert result.exit_code == 1 and result.stderr == f"error: {path}: {reason}\n"
