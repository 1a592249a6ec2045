"""Regenerate the README's screenshots of a published site: front page and article, desktop and phone.

    python docs/screenshots.py            # writes docs/site-*.png and docs/front-page-preview.png

Builds a small demo newsroom (four articles, Russian with reviewed English and Kazakh, one still
waiting for Kazakh) in a temporary directory, publishes it with ``translate-pipeline publish``
(the public site and the editor's preview), and photographs the pages in headless Chromium
(``tests/_chromium.py``: the DevTools protocol, because ``--window-size`` cannot go below 500 px
in headless mode) at 1280 × 900 and 390 × 844 CSS pixels.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _chromium import CHROMIUM, Browser  # noqa: E402

# name → (day, [Russian lines], [English lines], [Kazakh lines] or None)
ARTICLES = {
    "kamaz-kazakhstan": ("2026-03-08", [
        "В Костанае откроют завод по выпуску мостов для грузовиков КАМАЗ",
        "Соглашение о строительстве предприятия подписали в Астане в присутствии Премьер-министра.",
        "На заводе будут работать более 500 человек.",
    ], [
        "A plant making axles for KAMAZ trucks will open in Kostanay",
        "The agreement to build the plant was signed in Astana in the presence of the Prime Minister.",
        "The plant will employ more than 500 people.",
    ], [
        "Қостанайда ҚАМАЗ жүк көліктеріне көпір шығаратын зауыт ашылады",
        "Кәсіпорын салу туралы келісімге Астанада Премьер-Министрдің қатысуымен қол қойылды.",
        "Зауытта 500-ден астам адам жұмыс істейді.",
    ]),
    "astana-budget": ("2026-03-06", [
        "Бюджет Астаны вырос на 12 процентов",
        "Городской бюджет на 2026 год утвердили депутаты маслихата.",
    ], [
        "Astana's budget grew by 12 percent",
        "Deputies of the city maslikhat approved the budget for 2026.",
    ], [
        "Астана бюджеті 12 пайызға өсті",
        "2026 жылға арналған қала бюджетін мәслихат депутаттары бекітті.",
    ]),
    "almaty-metro": ("2026-03-05", [
        "В Алматы откроют две новые станции метро",
        "Станции «Сайран» и «Москва» примут первых пассажиров осенью.",
    ], [
        "Two new metro stations to open in Almaty",
        "The Sairan and Moskva stations will take their first passengers in the autumn.",
    ], None),
    "aral-fish": ("2026-03-01", [
        "На Малом Арале вырос улов рыбы",
        "Рыбаки Аральского района сдали на переработку на треть больше рыбы, чем год назад.",
    ], [
        "The fish catch grew on the Small Aral",
        "Fishermen of the Aral district delivered a third more fish for processing than a year ago.",
    ], [
        "Кіші Аралда балық аулау көбейді",
        "Арал ауданының балықшылары өңдеуге өткен жылмен салыстырғанда үштен бір есе көп балық тапсырды.",
    ]),
}
SHOTS = [  # (file, page in the site, width, height)
    ("site-front-desktop.png", "en/index.html", 1280, 900),
    ("site-front-mobile.png", "en/index.html", 390, 844),
    ("site-article-desktop.png", "kamaz-kazakhstan/en.html", 1280, 900),
    ("site-article-mobile.png", "kamaz-kazakhstan/kk-Latn.html", 390, 844),
]


def cli(project: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "translate_pipeline", "-C", str(project), *args], cwd=ROOT,
                          capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
    if done.returncode not in (0, 1):  # 1: almaty-metro has no Kazakh yet, as intended
        sys.exit(done.stderr)


def demo(project: Path) -> None:
    (project / "articles").mkdir(parents=True)
    (project / "translate-pipeline.toml").write_text(
        '[publish]\nsite_name = "Kazakhstan Today"\nbase_url = "https://news.example.kz/"\n', encoding="utf-8")
    for name, (_, ru, _, _) in ARTICLES.items():
        (project / "articles" / f"{name}.ru.txt").write_text("\n".join(ru) + "\n", encoding="utf-8")
    cli(project, "update", "--to", "en,kk")
    for name, (_, ru, en, kk) in ARTICLES.items():
        for lang, lines in (("en", en), ("kk", kk)):
            if lines is None:
                continue
            path = project / "locales" / lang / "LC_MESSAGES" / f"{name}.po"
            po = polib.pofile(str(path))
            for entry in po:
                entry.msgstr = dict(zip(ru, lines))[entry.msgid]
            po.save()


def main() -> None:
    if CHROMIUM is None:
        sys.exit("chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "newsroom"
        demo(project)
        for name, (day, *_) in sorted(ARTICLES.items(), key=lambda item: item[1][0]):  # the day each appeared
            cli(project, "publish", name, "--out", str(Path(tmp) / "site"), "--date", day)
        cli(project, "publish", "--out", str(Path(tmp) / "preview"), "--preview")  # what is not published yet
        with Browser() as chromium:
            for file_name, page, width, height in SHOTS + [("front-page-preview.png", "index.html", 1280, 900)]:
                site = Path(tmp) / ("preview" if "preview" in file_name else "site")
                chromium.open(site / page, width, height)
                chromium.screenshot(ROOT / "docs" / file_name)
                print(f"wrote docs/{file_name}")


if __name__ == "__main__":
    main()
