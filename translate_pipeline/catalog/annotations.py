"""Pipeline-managed lines in a PO entry's automatic (``#.``) comment.

Provenance must travel with the entry so translators (in Poedit/Lokalize) and
``stats``/``evaluate`` can tell MT from TM from human work.  Each managed line
is ``Key: value`` with a key from :data:`KEYS`; any other line belongs to the
template (POT) and is left to the merge.
"""
from __future__ import annotations

import polib

ORIGIN = "Origin"  # "MT argos translate-ru_en 1.9 (ru→en)" / "TM 92% kamaz.po" / set by the pipeline
MT_RAW = "MT-raw"  # the raw engine output, kept for post-editing metrics
TERMS = "Terms"  # "МИИР → MIID; аким → akim"
GLOSSARY = "Glossary"  # enforcement result: "enforced (n-best)" / "missing: МИИР → MIID"
TM = "TM"  # translation-memory match details
QA = "QA"  # QA notes attached at translate time (e.g. mixed-script source word)
MT_STATE = "MT-state"  # "draft=… model=… glossary=…": what an MT draft was made from (catalog/mt_state.py)

KEYS = (ORIGIN, MT_RAW, TERMS, GLOSSARY, TM, QA, MT_STATE)


def _split(line: str) -> tuple[str, str] | None:
    key, sep, value = line.partition(": ")
    if sep and key in KEYS:
        return key, value
    return None


def _parse(comment: str | None) -> list[tuple[str | None, str]]:
    """(key, value) for managed lines, (None, line) for template lines.

    Template lines come first; a non-key line after a managed one is that
    line wrapped by another tool (polib-based editors wrap ``#.`` lines at 78
    columns, breaking after hyphens), so it is joined back.
    """
    parsed: list[tuple[str | None, str]] = []
    for line in (comment or "").splitlines():
        found = _split(line)
        if found:
            parsed.append(found)
        elif parsed and parsed[-1][0] is not None:
            key, value = parsed[-1]
            glue = "" if value.endswith("-") else " "
            parsed[-1] = (key, f"{value}{glue}{line.strip()}")
        else:
            parsed.append((None, line))
    return parsed


def get(entry: polib.POEntry, key: str) -> list[str]:
    """All values of ``key`` in the entry's automatic comment."""
    return [value for k, value in _parse(entry.comment) if k == key]


def first(entry: polib.POEntry, key: str) -> str | None:
    values = get(entry, key)
    return values[0] if values else None


def origin_kind(entry: polib.POEntry) -> str | None:
    """``"mt"`` or ``"tm"`` when the ``Origin`` line says a machine source filled the entry, else None."""
    kind = (first(entry, ORIGIN) or "").split(" ", 1)[0].lower()
    return kind if kind in ("mt", "tm") else None


def managed_lines(entry: polib.POEntry) -> list[str]:
    return [f"{k}: {value}" for k, value in _parse(entry.comment) if k is not None]


def template_lines(entry: polib.POEntry) -> list[str]:
    return [value for k, value in _parse(entry.comment) if k is None]


def put(entry: polib.POEntry, key: str, values: list[str] | str | None) -> None:
    """Replace every ``key`` line with ``values`` (None or [] removes them).

    Lines that already say exactly ``values`` stay where they are, so putting
    the same annotation again (every re-run does) changes no byte.
    """
    if isinstance(values, str):
        values = [values]
    values = [" ".join(v.split()) for v in (values or [])]
    if get(entry, key) == values:
        return
    kept = [value if k is None else f"{k}: {value}" for k, value in _parse(entry.comment) if k != key]
    entry.comment = "\n".join(kept + [f"{key}: {v}" for v in values])


def combine(template: list[str], managed: list[str]) -> str:
    """Template lines first, then managed ones, as one comment."""
    return "\n".join(template + managed)
