"""Articles and catalogs for the publishing tests, built directly as data."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polib

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.source.article import Article, Block, Segment


def make_article(blocks: list[tuple[str, list[str]]], name: str = "demo", fmt: str = "txt",
                 lang: str = "ru") -> Article:
    """``blocks = [(kind, [sentence, …]), …]``; item kinds may be written "item:-" for a marker."""
    out_blocks, segments = [], []
    for index, (kind, sentences) in enumerate(blocks):
        kind, _, marker = kind.partition(":")
        out_blocks.append(Block(kind, " ".join(sentences), index + 1, 0, marker))
        segments += [Segment(text, index, pos, index + 1) for pos, text in enumerate(sentences)]
    return Article(Path(f"articles/{name}.{lang}.{fmt}"), name, lang, fmt, tuple(out_blocks), tuple(segments))


def make_po(entries: list[dict], lang: str) -> polib.POFile:
    """``entries = [{"msgid", "msgstr", "fuzzy": bool, "origin": str, "mt_raw": str, "terms": str}, …]``"""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for spec in entries:
        entry = polib.POEntry(msgid=spec["msgid"], msgstr=spec.get("msgstr", ""))
        if spec.get("fuzzy"):
            entry.flags.append("fuzzy")
        Provenance.from_pairs((key, spec.get(field)) for key, field in (
            (Key.ORIGIN, "origin"), (Key.MT_RAW, "mt_raw"), (Key.TERMS, "terms"))).write(entry)
        po.append(entry)
    return po


def save_po(po: polib.POFile, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


# A short version of the sample article (the KAMAZ agreement) with hand translations.
TITLE = "В Правительстве РК подписали соглашение с КАМАЗ о реализации совместных проектов"
S1 = "В рамках соглашения откроют заводы по производству спецтехники, мостов и чугунного литья."
S2 = "Премьер-министр Аскар Мамин принял участие в подписании соглашения."
S3 = "В ходе реализации соглашения откроют свыше 2,5 тысяч новых высококвалифицированных рабочих мест."

EN = {
    TITLE: "The Government of Kazakhstan signed an agreement with KAMAZ on joint projects",
    S1: "Under the agreement, plants producing special machinery, axles and iron castings will open.",
    S2: "Prime Minister Askar Mamin took part in the signing of the agreement.",
    S3: "More than 2,500 new highly skilled jobs will be created as the agreement is implemented.",
}
KK = {
    TITLE: "ҚР Үкіметінде ҚАМАЗ-бен бірлескен жобаларды іске асыру туралы келісімге қол қойылды",
    S1: "Келісім аясында арнайы техника, көпір және шойын құю зауыттары ашылады.",
    S2: "Премьер-Министр Асқар Мамин келісімге қол қою рәсіміне қатысты.",
    S3: "Келісімді іске асыру барысында 2,5 мыңнан астам жоғары білікті жұмыс орны ашылады.",
}
KK_LATN_TITLE = "QR Ükımetınde QAMAZ-ben bırlesken jobalardy ıske asyru turaly kelısımge qol qoiyldy"


def kamaz_article() -> Article:
    return make_article([("title", [TITLE]), ("paragraph", [S1, S2]), ("paragraph", [S3])], name="kamaz")


def reviewed_po(translations: dict[str, str], lang: str, origin: str | None = None) -> polib.POFile:
    return make_po([{"msgid": k, "msgstr": v, "origin": origin} for k, v in translations.items()], lang)


VOID = {"meta", "link", "br", "img", "hr", "input"}


class _Balance(HTMLParser):
    """Every element closed, in order: the well-formedness lxml's lenient parser would hide."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def assert_well_formed(html):
    checker = _Balance()
    checker.feed(html)
    assert html.startswith("<!DOCTYPE html>") and not checker.errors and not checker.stack


def front_matter(markdown: str) -> tuple[dict, str]:
    """A Markdown edition split as Hugo and Jekyll read it: the YAML front matter between the first two
    ``---`` lines (parsed by PyYAML) and the body after it."""
    import yaml

    assert markdown.startswith("---\n"), markdown[:80]
    head, body = markdown[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body.removeprefix("\n")


def md_body(markdown: str) -> str:
    """The CommonMark body of a Markdown edition (its front matter checked to parse, then dropped)."""
    return front_matter(markdown)[1]
