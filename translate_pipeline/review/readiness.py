"""When is a language of an article ready to publish: the one rule ``stats`` and ``publish`` share.

A sentence blocks its language when it is

* not in the catalog or untranslated — unless untranslated sentences are allowed
  (``publish --untranslated skip|source``);
* fuzzy (an MT/TM suggestion or an old translation nobody reviewed) — unless fuzzy
  drafts are allowed (``publish --allow-fuzzy``);
* in a catalog whose header gettext tools reject (:func:`~translate_pipeline.catalog.header.header_problems`);
* the subject of an error-level QA finding (:mod:`translate_pipeline.review.qa`) — unless QA
  errors are allowed (``publish --allow-qa-errors``).

``stats`` asks with nothing allowed and reports ``ready``; the publish gate asks
with the editor's policy.  Both call :func:`blockers`, so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import polib

from translate_pipeline.catalog.header import header_problems
from translate_pipeline.catalog.state import EntryState, entry_state

NO_CATALOG = "no catalog"
MALFORMED = "malformed catalog"  # there is one, but it cannot be read (its error names file and line)
NOT_IN_CATALOG = "not in catalog"
UNTRANSLATED = EntryState.UNTRANSLATED.value  # an entry's own reasons are its state (EntryStatus.state)
FUZZY = EntryState.FUZZY.value
QA_ERROR = "QA error"
HEADER = "header"


@dataclass(frozen=True)
class Blocker:
    """One sentence that stops a language from being published, and why."""

    reason: str  # NO_CATALOG | MALFORMED | NOT_IN_CATALOG | UNTRANSLATED | FUZZY | QA_ERROR | HEADER (msgid: the problem)
    msgid: str
    line: int  # line of the sentence in the source article (0 when unknown)
    po_line: int | None = None  # line of the entry in the PO file
    detail: str = ""  # QA_ERROR: "[numbers] …; [script] …"


def blockers(
    sentences: Iterable[tuple[str, int, polib.POEntry | None]],
    findings: Iterable = (),
    *,
    allow_fuzzy: bool = False,
    allow_untranslated: bool = False,
    allow_qa_errors: bool = False,
) -> list[Blocker]:
    """The blocking sentences among ``sentences`` = ``(msgid, source line, entry or None)``.

    ``findings`` are :class:`translate_pipeline.review.qa.Finding` objects of the same
    catalog; only ``severity == "error"`` ones count, matched to entries by msgid.
    Each sentence is listed once, with its first reason in the order above.
    """
    errors: dict[str, list] = {}
    for finding in findings:
        if finding.severity == "error":
            errors.setdefault(finding.msgid, []).append(finding)
    out: list[Blocker] = []
    for msgid, line, entry in sentences:
        po_line = entry.linenum if entry is not None else None
        state = entry_state(entry) if entry is not None else None
        if state is None or state is EntryState.UNTRANSLATED:
            if not allow_untranslated:
                out.append(Blocker(NOT_IN_CATALOG if state is None else state.value, msgid, line, po_line))
        elif state is EntryState.FUZZY and not allow_fuzzy:
            out.append(Blocker(state.value, msgid, line, po_line))
        elif errors.get(msgid) and not allow_qa_errors:
            detail = "; ".join(f"[{f.check}] {f.message}" for f in errors[msgid])
            out.append(Blocker(QA_ERROR, msgid, line, po_line, detail))
    return out


def header_blockers(catalog: polib.POFile, lang: str) -> list[Blocker]:
    """One blocker per header problem: ``stats`` reports the same list as not ready."""
    return [Blocker(HEADER, problem, 0) for problem in header_problems(catalog, lang)]


def catalog_blockers(catalog: polib.POFile, findings: Iterable = ()) -> list[Blocker]:
    """Blocking entries of a whole catalog with nothing allowed: what ``stats`` calls not ready."""
    live = [(e.msgid, _source_line(e), e) for e in catalog if entry_state(e).live]
    return blockers(live, findings)


def _source_line(entry: polib.POEntry) -> int:
    """The first ``#:`` reference's line (0 when the entry has none)."""
    for _, line in entry.occurrences:
        if line and line.isdigit():
            return int(line)
    return 0
