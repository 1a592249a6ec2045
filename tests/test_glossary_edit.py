"""Changing a term base a terminologist keeps by hand: ``glossary add --replace``, ``glossary remove``
(a concept, or one term of a language), conflicts named by file and line of both entries, and every
line the command does not change kept byte for byte (comments, quoting, delimiter, BOM, CRLF)."""
import pytest
from helpers import command_document, run

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.glossary.termbase import load_dir

TERMS = (
    "# Kazakhstan Today: terms checked by the desk. Comments stay.\n"
    "id,ru,ru_variants,en,en_variants,en_forbidden,kk,kk_variants,note\n"
    "miid,МИИР,,MIID,Ministry of Industry and Infrastructural Development,MIIR,ИИДМ,Индустрия және инфрақұрылымдық даму министрлігі,\n"
    "# administrations\n"
    "akim,аким,,akim,,,әкім,,\"Head of a region; keep the title, e.g. \"\"akim of Kostanay region\"\"\"\n"
    "akimat,акимат,,akimat,,,әкімдік,,\n"
    "\n"
    "kamaz,КАМАЗ,КамАЗ,KAMAZ,KamAZ,,ҚАМАЗ,KAMAZ,\"Russian truck maker;\n"
    "the company writes its name in capitals\"\n"
    "rk,РК,Республика Казахстан,Republic of Kazakhstan,RK|Kazakhstan,,ҚР,Қазақстан Республикасы|Қазақстан,\n"
)
BRANDS = "ru,do_not_translate\nHyundai,yes\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_text(TERMS, encoding="utf-8")
    (tmp_path / "glossary" / "brands.csv").write_text(BRANDS, encoding="utf-8")
    return tmp_path


def terms_file(project):
    return project / "glossary" / "terms.csv"


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines only in ``before`` and only in ``after`` (each file's other lines are the same, in order)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return old[head:len(old) - tail], new[head:len(new) - tail]


def concepts(project) -> dict[str, dict]:
    base = load_dir(project / "glossary", "ru")
    return {c.id: {lang: list(t) for lang, t in c.terms.items()} | {"forbidden": dict(c.forbidden)}
            for c in base.concepts}


def test_a_new_translation_for_a_term_already_there_names_its_file_and_line(project):
    before = terms_file(project).read_bytes()
    result = run(project, "glossary", "add", "аким", "-t", "en=governor")
    assert result.exit_code == ExitCode.INPUT and result.stderr.splitlines() == [
        "error: glossary/terms.csv:5: 'аким' is already in the term base as concept 'akim' (en: akim; kk: әкім); "
        "use glossary add --replace to change its translations, glossary remove akim to take it out"]
    assert terms_file(project).read_bytes() == before
    # a source variant names the concept as well; an identical concept is no error and no write
    assert run(project, "glossary", "add", "КамАЗ", "-t", "en=Kamaz").exit_code == ExitCode.INPUT
    mtime = terms_file(project).stat().st_mtime_ns
    same = run(project, "glossary", "add", "акимат", "-t", "en=akimat", "-t", "kk=әкімдік")
    assert same.exit_code == 0 and "'akimat' is in the term base already, as given (glossary/terms.csv:6)" in same.stdout
    assert terms_file(project).stat().st_mtime_ns == mtime


def test_replace_changes_the_row_where_it_is_and_nothing_else(project):
    before = terms_file(project).read_text(encoding="utf-8")
    result = run(project, "glossary", "add", "аким", "-t", "en=regional governor", "--variant", "en=akim",
                 "--replace", "--format", "json")
    report = command_document("glossary add", result.stdout, 0)
    assert report["status"] == "replaced" and report["file"] == "glossary/terms.csv" and report["line"] == 5
    removed, added = changed_lines(before, terms_file(project).read_text(encoding="utf-8"))
    assert removed == [TERMS.splitlines(keepends=True)[4]]  # the row; its note cell, untouched, keeps its quoting
    assert added == ["akim,аким,,regional governor,akim,,әкім,,\"Head of a region; keep the title, e.g. "
                     "\"\"akim of Kostanay region\"\"\"\n"]
    assert concepts(project)["akim"]["kk"] == ["әкім"]  # a language not given keeps its terms
    # -t alone replaces the language's preferred term and its variants; a multi-line row is one row
    before = terms_file(project).read_text(encoding="utf-8")
    assert run(project, "glossary", "add", "КАМАЗ", "-t", "kk=КамАЗ", "--replace").exit_code == 0
    removed, added = changed_lines(before, terms_file(project).read_text(encoding="utf-8"))
    assert removed == ["kamaz,КАМАЗ,КамАЗ,KAMAZ,KamAZ,,ҚАМАЗ,KAMAZ,\"Russian truck maker;\n"]
    assert added == ["kamaz,КАМАЗ,КамАЗ,KAMAZ,KamAZ,,КамАЗ,,\"Russian truck maker;\n"]
    assert concepts(project)["kamaz"]["kk"] == ["КамАЗ"]
    # by id, in another file; a term not yet in the term base is simply added
    assert run(project, "glossary", "add", "Hyundai", "--id", "Hyundai", "--note", "brand", "--replace").exit_code == 0
    assert (project / "glossary" / "brands.csv").read_text(encoding="utf-8") == "ru,do_not_translate,note\nHyundai,yes,brand\n"
    added = run(project, "glossary", "add", "завод", "-t", "en=plant", "--replace")
    assert added.exit_code == 0 and "added 'завод' to glossary/terms.csv:11" in added.stdout


def test_replace_that_would_conflict_is_refused_with_both_places(project):
    before = terms_file(project).read_bytes()
    result = run(project, "glossary", "add", "аким", "-t", "en=akim", "--variant", "ru=акимат", "--replace")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [
        "error: glossary/terms.csv:6: conflicting entries for 'акимат' (also at terms.csv:5)"]
    assert terms_file(project).read_bytes() == before


def test_remove_a_concept_by_source_term_or_id(project):
    before = terms_file(project).read_text(encoding="utf-8")
    result = run(project, "glossary", "remove", "КамАЗ", "--format", "json")  # a source variant names it too
    report = command_document("glossary remove", result.stdout, 0)
    assert report["status"] == "removed" and report["concept"]["id"] == "kamaz" and report["line"] == 8
    removed, added = changed_lines(before, terms_file(project).read_text(encoding="utf-8"))
    assert removed == TERMS.splitlines(keepends=True)[7:9] and added == []  # both lines of the quoted row
    assert "kamaz" not in concepts(project) and "# administrations\n" in terms_file(project).read_text(encoding="utf-8")
    done = run(project, "glossary", "remove", "Hyundai")
    assert done.exit_code == 0 and done.stdout.strip().endswith("removed 'Hyundai' from glossary/brands.csv:2")
    assert (project / "glossary" / "brands.csv").read_text(encoding="utf-8") == "ru,do_not_translate\n"
    missing = run(project, "glossary", "remove", "завод")
    assert missing.exit_code == ExitCode.INPUT and missing.stderr.splitlines() == [
        "error: no concept with id or source term 'завод' in the term base (glossary list shows them)"]


def test_remove_one_term_of_a_language(project):
    before = terms_file(project).read_text(encoding="utf-8")
    result = run(project, "glossary", "remove", "rk", "--term", "kk=Қазақстан", "--format", "json")
    report = command_document("glossary remove", result.stdout, 0)
    assert report["status"] == "terms removed" and report["removed_terms"] == {"kk": ["Қазақстан"]}
    removed, added = changed_lines(before, terms_file(project).read_text(encoding="utf-8"))
    assert added == ["rk,РК,Республика Казахстан,Republic of Kazakhstan,RK|Kazakhstan,,ҚР,Қазақстан Республикасы,\n"]
    # the preferred term: the first variant takes its place; a forbidden term; a language code as on the command line
    assert run(project, "glossary", "remove", "МИИР", "--term", "en=MIID", "--term", "en-GB=MIIR").exit_code == 0
    miid = concepts(project)["miid"]
    assert miid["en"] == ["Ministry of Industry and Infrastructural Development"] and miid["forbidden"] == {}
    assert "Ministry of Industry and Infrastructural Development,,,ИИДМ" in terms_file(project).read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["аким", "--term", "en=governor"], "glossary/terms.csv:5: concept 'akim' has no en term 'governor' "
                                        "(en terms: accepted akim)"),
    (["аким", "--term", "ru=аким"], "glossary/terms.csv:5: 'аким' is the source term of concept 'akim': "
                                    "glossary remove akim takes the whole concept out"),
    (["акимат", "--term", "en=akimat", "--term", "kk=әкімдік"],
     "glossary/terms.csv:6: removing en akimat; kk әкімдік would leave concept 'akimat' without any translation: "
     "glossary remove akimat takes the whole concept out (or give it another translation first: glossary add "
     "акимат -t LANG=TERM)"),
    (["МИИР", "--term", "en=MIID", "--term", "en=Ministry of Industry and Infrastructural Development",
      "--term", "kk=ИИДМ", "--term", "kk=Индустрия және инфрақұрылымдық даму министрлігі"],
     "glossary/terms.csv:3: removing en MIID | Ministry of Industry and Infrastructural Development; kk ИИДМ | "
     "Индустрия және инфрақұрылымдық даму министрлігі would leave concept 'miid' without any translation: "
     "glossary remove miid takes the whole concept out (or give it another translation first: glossary add МИИР "
     "-t LANG=TERM)"),
    (["аким", "--term", "xx=akim"], "--term xx=akim: unknown language code 'xx' (expected e.g. en, kk, kk-Latn)"),
])
def test_a_removal_that_cannot_be_done_changes_nothing(project, args, message):
    before = terms_file(project).read_bytes()
    result = run(project, "glossary", "remove", *args)
    assert result.exit_code == ExitCode.INPUT and result.stderr.splitlines() == [f"error: {message}"]
    assert terms_file(project).read_bytes() == before


def test_edits_keep_a_spreadsheets_bom_crlf_and_semicolons(project):
    path = project / "glossary" / "spreadsheet.csv"
    text = "\ufeffid;ru;en;kk\r\n# from the desk's spreadsheet\r\nboard;совет директоров;board of directors;директорлар кеңесі\r\n"
    path.write_bytes(text.encode("utf-8"))
    assert run(project, "glossary", "add", "совет директоров", "-t", "en=Board", "--replace").exit_code == 0
    assert run(project, "glossary", "add", "выручка", "-t", "en=revenue", "-t", "kk=түсім", "--file",
               "spreadsheet.csv").exit_code == 0
    assert path.read_bytes().decode("utf-8") == (
        "\ufeffid;ru;en;kk\r\n# from the desk's spreadsheet\r\nboard;совет директоров;Board;директорлар кеңесі\r\n"
        ";выручка;revenue;түсім\r\n")
    assert run(project, "glossary", "add", "выручка", "--variant", "kk-Latn=tüsım", "-t", "kk-Latn=tüsım",
               "--replace").exit_code == 0  # a new language: a column appended to the header
    assert path.read_bytes().decode("utf-8").splitlines()[0] == "\ufeffid;ru;en;kk;kk-Latn;kk-Latn_variants"
    assert run(project, "glossary", "remove", "board").exit_code == 0
    assert path.read_bytes().decode("utf-8") == (
        "\ufeffid;ru;en;kk;kk-Latn;kk-Latn_variants\r\n# from the desk's spreadsheet\r\n"
        ";выручка;revenue;түсім;tüsım;tüsım\r\n")


def test_import_appends_and_keeps_the_files_comments(project, tmp_path_factory):
    incoming = tmp_path_factory.mktemp("in") / "new.csv"
    incoming.write_text("ru,en,kk\nзавод,plant,зауыт\nаким,akim,әкім\n", encoding="utf-8")
    result = run(project, "glossary", "import", str(incoming))
    assert result.exit_code == 0 and "imported 1 concept(s)" in result.stdout and "1 already present" in result.stdout
    after = terms_file(project).read_text(encoding="utf-8")
    assert after.startswith(TERMS) and after[len(TERMS):] == "завод,завод,,plant,,,зауыт\n"


def test_the_file_is_written_under_the_project_lock(project, monkeypatch):
    from functools import partial

    from filelock import FileLock

    from translate_pipeline.core.project import project_lock
    from translate_pipeline.glossary import edit

    monkeypatch.setattr(edit, "project_lock", partial(project_lock, timeout=0.1))
    with FileLock(str(project / ".translate-pipeline.lock")):  # a translate run in progress
        result = run(project, "glossary", "remove", "аким")
    assert result.exit_code == ExitCode.ENVIRONMENT and "holds the project lock" in result.stderr
    assert terms_file(project).read_text(encoding="utf-8") == TERMS
