"""Shared helpers for the glossary tests: the project's starter glossary and small term bases."""
from __future__ import annotations

from pathlib import Path

from translate_pipeline.glossary import Glossary
from translate_pipeline.glossary.termbase import load, parse

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "glossary" / "terms.csv"


def starter() -> Glossary:
    return Glossary(load(STARTER))


def glossary(csv_text: str) -> Glossary:
    return Glossary(parse(csv_text))


def hits(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(o.text, o.concept.id) for o in g.find(text)]
