"""Fill untranslated entries from pre-translation sources: TM first, then MT.

Only entries with an empty msgstr are touched, so nothing a translator wrote
can be overwritten.  All pending sentences of all articles for one language
are collected and handed to each source at once (identical sentences once),
because batch size is what makes MT fast.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

import polib

from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.provenance import MT_KEYS, Key, Provenance
from translate_pipeline.catalog.state import MTDraft, entry_status
from translate_pipeline.catalog.update import LangCatalog
from translate_pipeline.core.errors import EnvironmentProblem, PipelineError
from translate_pipeline.pretranslate.suggestion import Suggestion


class SourceFailure(EnvironmentProblem):
    """A source that cannot run at all (its cluster is gone, a worker cannot load the model).

    Unlike a missing model for one pair (recorded in :class:`LangReport` while the
    catalogs are still written), this stops the run before anything is written.
    """


class SuggestionSource(Protocol):
    """A pre-translation source: proposes translations for a batch of sentences.

    A source may also have ``routes`` (``{(source, target): route line}``, as MT does): the
    language's line goes into its :class:`LangReport`.
    """

    name: str

    def suggest(self, texts: list[str], source: str, target: str) -> list[Suggestion | None]:
        ...


@dataclass
class LangReport:
    lang: str
    pending: int = 0  # distinct untranslated sentences before pre-translation
    filled: Counter = field(default_factory=Counter)  # Origin (TM, MT) → distinct sentences filled
    errors: list[PipelineError] = field(default_factory=list)  # why a source could not serve: no MT model, a load failure
    failed: list[str] = field(default_factory=list)  # "file:line: MT failed …", one per segment MT failed on
    route: str | None = None  # the MT route line, when MT ran for this language
    refreshed: int = 0  # --refresh-mt: stale MT drafts translated again
    kept_edited: int = 0  # --refresh-mt: MT drafts a translator edited, un-fuzzied or commented: untouched
    unchanged: int = 0  # --refresh-mt: MT drafts already made by today's model and glossary
    stale_kept: int = 0  # --refresh-mt: stale drafts no source could redo (left as they were)

    @property
    def problems(self) -> list[str]:
        """The :attr:`errors` as messages (``no MT model for ru→kk: …``; their file is in each error's path)."""
        return [error.message for error in self.errors]

    def add_error(self, error: PipelineError) -> None:
        if error.message not in self.problems:
            self.errors.append(error)

    @property
    def left(self) -> int:
        return self.pending - sum(self.filled.values())

    @property
    def without_mt(self) -> int:
        """Distinct segments left untranslated because MT failed on them or had no model."""
        return len(self.failed) + (self.left if self.problems else 0)


def why_left(reports: list[LangReport]) -> list[str]:
    """Why sentences were left, short, over all languages: each error's first clause with the pairs
    grouped (``no MT model for ru→en, ru→kk``, ``MT model failed to load for ru→en``), then
    ``MT failed on N`` (segments the engine failed on)."""
    heads: dict[str, list[str]] = {}
    for problem in dict.fromkeys(problem.split(": ")[0] for report in reports for problem in report.problems):
        head, _, pair = problem.rpartition(" for ")
        heads.setdefault(head or problem, []).extend([pair] if head else [])
    why = [f"{head} for {', '.join(pairs)}" if pairs else head for head, pairs in heads.items()]
    failed = sum(len(report.failed) for report in reports)
    return why + [f"MT failed on {failed}"] * bool(failed)


MT_FAILED = "MT failed"


def where(entry: polib.POEntry) -> str:
    """``file:line`` of the entry's source sentence (its first ``#:`` reference)."""
    if entry.occurrences:
        path, line = entry.occurrences[0]
        return f"{path}:{line}" if line else path
    return f"msgid {entry.msgid[:40]!r}"


def note_failure(entry: polib.POEntry, message: str) -> None:
    """Leave an entry MT failed on untranslated, with a ``QA: MT failed …`` note saying why."""
    provenance = Provenance.of(entry)
    kept = [v for v in provenance.values(Key.QA) if not v.startswith(MT_FAILED)]
    provenance.put(Key.QA, kept + [f"{MT_FAILED} ({message}); translate this segment by hand"]).write(entry)


def apply_suggestion(entry: polib.POEntry, suggestion: Suggestion) -> None:
    """Write a suggestion into an untranslated entry, with its provenance."""
    if entry.msgstr or entry.msgid_plural or any(entry.msgstr_plural.values()):
        raise ValueError("pre-translation must never overwrite a translation or fill a plural entry")
    if suggestion.error:
        raise ValueError("a failed suggestion has nothing to write")
    provenance = Provenance.of(entry)
    if any(v.startswith(MT_FAILED) for v in provenance.values(Key.QA)):  # the failure this fills
        provenance = provenance.put(Key.QA, [v for v in provenance.values(Key.QA) if not v.startswith(MT_FAILED)])
    entry.msgstr = suggestion.text
    if suggestion.fuzzy and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    # Origin and MT-raw always (a TM match has no raw MT, so an old line goes), then the
    # suggestion's notes in first-seen order: same bytes every run.
    for key in dict.fromkeys((Key.ORIGIN, Key.MT_RAW, *suggestion.provenance.keys)):
        provenance = provenance.put(key, suggestion.provenance.values(key))
    provenance.write(entry)


class RefreshSource(Protocol):
    """What ``--refresh-mt`` asks the MT source: the state a draft of ``text`` made today records."""

    def state(self, text: str, source: str, target: str) -> MTState:
        ...


def _open_stale(catalogs: list[LangCatalog], lang: str, refresh: RefreshSource, source_lang: str,
                report: LangReport) -> list[tuple[polib.POEntry, str, list[str], str]]:
    """Empty every stale untouched MT draft of ``lang`` so it is filled again; returns what to restore."""
    today: dict[str, MTState | None] = {}
    stashed = []
    for catalog in catalogs:
        if catalog.lang != lang:
            continue
        for entry in catalog.po:
            status = entry_status(entry)
            if status.untouched_mt is None:  # no live MT draft
                continue
            if entry.msgid not in today:
                try:
                    today[entry.msgid] = refresh.state(entry.msgid, source_lang, lang)
                except PipelineError as exc:  # no model for the pair today: nothing can redo the drafts
                    today[entry.msgid] = None
                    report.add_error(exc)
            draft = status.mt_draft(today[entry.msgid])
            if draft is MTDraft.EDITED:
                report.kept_edited += 1
            elif draft is MTDraft.CURRENT:
                report.unchanged += 1
            else:
                stashed.append((entry, entry.msgstr, list(entry.flags), entry.comment))
                entry.msgstr = ""
                status.provenance.without(*MT_KEYS).write(entry)
    return stashed


def sentence_key(msgid: str) -> bytes:
    """A 16-byte digest of a sentence: what a run keeps to count it once across calls (BLAKE2b)."""
    return hashlib.blake2b(msgid.encode("utf-8"), digest_size=16).digest()


def pretranslate(
    catalogs: list[LangCatalog], sources: list[SuggestionSource], source_lang: str,
    refresh: RefreshSource | None = None, counted: dict[str, set[bytes]] | None = None,
) -> list[LangReport]:
    """Fill every catalog's pending entries, language by language.

    ``counted`` (language → :func:`sentence_key` set, updated here) carries what earlier calls of the
    same run counted: a sentence already there is still filled but not counted again in the
    report's ``pending``, ``filled`` and ``failed``, so a run in chunks reports what one call over
    all the catalogs would.  With ``refresh`` (``translate --refresh-mt``), untouched MT drafts whose route, model or
    glossary state differs from today's are filled again too; a draft no source can redo is put
    back exactly as it was, and edited ones are never opened (:meth:`.EntryStatus.mt_draft`).
    """
    reports = []
    for lang in dict.fromkeys(c.lang for c in catalogs):
        untranslated = {e.msgid for c in catalogs if c.lang == lang for e in c.pending()}
        if counted is not None:
            keys = counted.setdefault(lang, set())
            untranslated = {msgid for msgid in untranslated if sentence_key(msgid) not in keys}
            keys.update(map(sentence_key, untranslated))
        report = LangReport(lang, pending=len(untranslated))
        stashed = _open_stale(catalogs, lang, refresh, source_lang, report) if refresh is not None else []
        entries: dict[str, list[polib.POEntry]] = {}
        for catalog in catalogs:
            if catalog.lang == lang:
                for entry in catalog.pending():
                    entries.setdefault(entry.msgid, []).append(entry)
        for source in sources:
            texts = [text for text, group in entries.items() if not group[0].msgstr]
            if not texts:
                break
            try:
                suggestions = source.suggest(texts, source_lang, lang)
            except SourceFailure:
                raise
            except PipelineError as exc:
                report.add_error(exc)
                continue
            if getattr(source, "routes", None):
                report.route = source.routes.get((source_lang, lang), report.route)
            for text, suggestion in zip(texts, suggestions):
                if suggestion is None:
                    continue
                if suggestion.error:  # this segment only; every other one is still filled
                    for entry in entries[text]:
                        note_failure(entry, suggestion.error)
                    if text in untranslated:
                        report.failed.append(
                            f"{where(entries[text][0])}: MT failed, left untranslated ({suggestion.error})")
                    continue
                for entry in entries[text]:
                    apply_suggestion(entry, suggestion)
                if text in untranslated:
                    report.filled[suggestion.origin] += 1
        for entry, msgstr, flags, comment in stashed:
            if entry.msgstr:
                report.refreshed += 1
            else:
                entry.msgstr, entry.flags, entry.comment = msgstr, flags, comment
                report.stale_kept += 1
        reports.append(report)
    return reports
