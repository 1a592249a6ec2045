"""A tiny translation project on disk, with PO catalogs written by polib."""
from __future__ import annotations

from pathlib import Path

import polib

ARTICLE = "articles/kamaz-kazakhstan.ru.txt"

JOBS_RU = "В ходе реализации соглашения откроют свыше 2,5 тысяч новых высококвалифицированных рабочих мест."
HYUNDAI_RU = "В Алматы в 2020 году будут производить автомобили марки Нyundai."
CARS_RU = "На первоначальном этапе планируют выпускать 30 тысяч машин в год."
EXPORT_RU = "Продукция будет на 100% экспортоориентированной."


def entry(msgid: str, msgstr: str = "", line: int = 1, flags=(), obsolete: bool = False) -> polib.POEntry:
    return polib.POEntry(
        msgid=msgid, msgstr=msgstr, flags=list(flags), occurrences=[(ARTICLE, str(line))], obsolete=obsolete
    )


def write_po(root: Path, lang: str, name: str, entries) -> Path:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for e in entries:
        po.append(e)
    path = root / "locales" / lang / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def write_config(root: Path, text: str) -> None:
    (root / "translate-pipeline.toml").write_text(text, encoding="utf-8")
