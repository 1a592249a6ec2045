"""How good is the MT for this newsroom?  Post-editing metrics from reviewed catalogs.

Every MT suggestion keeps its unedited output in the entry's ``MT-raw``
annotation and its engine in ``Origin``.  Once a translator has reviewed the
entry (msgstr set, ``fuzzy`` cleared) the distance between the two measures
the post-editing effort, per engine and language pair:

* chrF and TER (sacrebleu) of raw MT against the reviewed translation
  (chrF: higher = less editing; TER: edits per reference word, lower = better);
* the share of MT accepted as is (:class:`~translate_pipeline.catalog.state.Authorship`: the
  msgstr is the draft the machine wrote);
* term accuracy: of the glossary terms in the sources, the share the raw MT
  rendered as the glossary says.

Per language pair, the reviewed entries are also split into MT accepted as is, MT
post-edited (with chrF/TER of the post-edited ones alone), TM and human work, as ``stats``
splits them per catalog (:mod:`.postedit`).

With reference translations (``--ref DIR``) the raw MT and the catalog's
current text are scored against them instead, block by block.  Reference
format: ``DIR/<lang>/<article>.txt``, UTF-8, the layout of the ``.txt`` edition:
one line per block (title, headings, paragraphs, list items, image alt texts, a
table row with its cells joined by `` | ``) in source order; quotation lines may
start with ``> ``; blank lines, ````` fenced code and ``---`` rules are ignored;
Markdown markup may be kept or not.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

import polib
from sacrebleu.metrics import BLEU, CHRF, TER

from translate_pipeline.catalog.provenance_store import open_store, read_restored
from translate_pipeline.catalog.provenance import Provenance
from translate_pipeline.catalog.state import Authorship, EntryState, entry_index, entry_status
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.project import language_catalogs, require_catalogs
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import load_glossary
from translate_pipeline.review.postedit import PostEditing, post_editing
from translate_pipeline.review.stats import source_words
from translate_pipeline.source.article import VERBATIM_KINDS, Article
from translate_pipeline.source.markup import to_plain
from translate_pipeline.source.readers import article_paths, load_articles, open_source

# (source sentence, translation, lang) → one bool per glossary term of the source: rendered as required?
TermChecker = Callable[[str, str, str], list[bool]]


def annotation_terms(entry: polib.POEntry) -> list[tuple[str, str]]:
    """The entry's ``Terms`` pairs (:attr:`Provenance.terms`): [("МИИР", "MIID"), ("аким", "akim")]."""
    return list(Provenance.of(entry).terms)


def engine_of(entry: polib.POEntry) -> str | None:
    """The MT engine that wrote the entry (:attr:`Provenance.engine`, ``argos translate-ru_en 1.9``;
    "unknown engine" when its Origin line names none); None if MT did not."""
    engine = Provenance.of(entry).engine
    return None if engine is None else engine or "unknown engine"


@dataclass
class _Bucket:
    hyps: list[str]
    refs: list[str]
    unchanged: int = 0
    pending: int = 0  # MT entries still waiting for review (fuzzy)
    untranslated: int = 0  # MT entries a translator emptied (untranslated now)
    edited: int = 0  # reviewed MT entries a person changed
    terms: int = 0
    terms_ok: int = 0


@dataclass(frozen=True)
class EngineScore:
    engine: str
    pair: str  # "ru→en"
    segments: int  # reviewed MT entries scored
    pending: int  # MT drafts still fuzzy: not reviewed yet (not scored)
    chrf: float | None
    ter: float | None
    unchanged: float | None  # share of MT accepted as is
    post_edited: int  # reviewed MT entries a person changed (segments - post_edited: accepted as is)
    terms: int  # glossary term occurrences in the scored sources
    term_accuracy: float | None  # share the raw MT got right
    untranslated: int  # MT entries with no translation now: a translator emptied the draft (not scored)

    def to_dict(self) -> dict:
        return asdict(self)


def _score(engine: str, pair: str, b: _Bucket) -> EngineScore:
    n = len(b.hyps)
    return EngineScore(
        engine, pair, n, b.pending,
        chrf=CHRF().corpus_score(b.hyps, [b.refs]).score if n else None,
        ter=TER().corpus_score(b.hyps, [b.refs]).score if n else None,
        unchanged=b.unchanged / n if n else None,
        post_edited=b.edited,
        terms=b.terms,
        term_accuracy=b.terms_ok / b.terms if b.terms else None,
        untranslated=b.untranslated,
    )


def annotation_checker(entry_terms: dict[str, list[tuple[str, str]]]) -> TermChecker:
    """Term check from the entries' own ``Terms`` annotations: target term present, case-insensitive."""
    def check(source: str, translation: str, lang: str) -> list[bool]:
        folded = translation.casefold()
        return [target.casefold() in folded for _, target in entry_terms.get(source, [])]
    return check


def post_editing_scores(catalogs: Iterable[tuple[str, polib.POFile]], source_lang: str,
                        term_checker: TermChecker | None = None) -> list[EngineScore]:
    """Scores per (engine, language pair) over ``(lang, catalog)`` pairs.

    An MT entry (``Origin`` and ``MT-raw`` lines) counts by its state (:func:`entry_status`): reviewed
    ones are scored, fuzzy ones are ``pending``, untranslated ones (a translator emptied the draft
    and removed fuzzy, the lines stay) are ``untranslated``: neither scored nor waiting for review.
    ``term_checker`` defaults to the ``Terms`` annotations written at translate
    time; pass the glossary's check to score against the current term base.
    """
    buckets: dict[tuple[str, str], _Bucket] = defaultdict(lambda: _Bucket([], []))
    for lang, po in catalogs:
        checker = term_checker or annotation_checker({e.msgid: annotation_terms(e) for e in po})
        for entry in po:
            status = entry_status(entry)
            engine = engine_of(entry)
            raw = status.provenance.mt_raw
            if engine is None or raw is None or entry.obsolete:
                continue
            bucket = buckets[(engine, f"{source_lang}→{lang}")]
            if status.state is EntryState.FUZZY:
                bucket.pending += 1
            elif status.state is EntryState.UNTRANSLATED:  # emptied: nothing to score, nothing pending
                bucket.untranslated += 1
            if not status.reviewed:
                continue
            bucket.hyps.append(raw)
            bucket.refs.append(entry.msgstr)
            bucket.unchanged += status.authorship is Authorship.MT
            bucket.edited += status.authorship is Authorship.POST_EDITED
            results = checker(entry.msgid, raw, lang)
            bucket.terms += len(results)
            bucket.terms_ok += sum(results)
    return [_score(engine, pair, b) for (engine, pair), b in sorted(buckets.items())]


def glossary_checker(config: ProjectConfig) -> TermChecker | None:
    """The glossary's inflection-aware check; None (use the ``Terms`` annotations) when it has no terms."""
    glossary = load_glossary(config)
    if not len(glossary):
        return None
    return lambda source, translation, lang: [c.ok for c in glossary.check(source, translation, lang)]


def project_catalogs(config: ProjectConfig, langs: list[str],
                     names: list[str] | None = None) -> list[tuple[str, str, polib.POFile]]:
    """(lang, article, catalog) for every PO file of ``langs`` (only of the articles ``names`` if given),
    with the provenance lines another tool removed restored from the project's store (in memory)."""
    with open_store(config, create=False) as store:
        return [(lang, name, read_restored(path, name, lang, store)[0])
                for lang, name, path in language_catalogs(config, langs, names)]


# --- scoring against reference translations -------------------------------------------

@dataclass(frozen=True)
class RefScore:
    system: str  # "MT <engine>" (raw output) or "catalog" (current msgstr)
    pair: str
    blocks: int  # blocks scored (all their sentences had text from this system)
    total_blocks: int
    bleu: float | None
    chrf: float | None
    ter: float | None

    def to_dict(self) -> dict:
        return asdict(self)


def reference_units(article: Article) -> list[list[int]]:
    """The article's blocks as the lines of its ``.txt`` edition: each text block alone, the cells
    of a table row together; code blocks and rules have no line to score."""
    units: list[list[int]] = []
    row = None
    for index, block in enumerate(article.blocks):
        if block.kind in VERBATIM_KINDS:
            row = None
            continue
        key = (block.cell.table, block.cell.row) if block.cell is not None else None
        if key is not None and key == row:
            units[-1].append(index)
        else:
            units.append([index])
        row = key
    return units


def read_reference(path: Path, article: Article) -> list[str]:
    """The reference's lines; their number must match the article's (:func:`reference_units`)."""
    lines, fenced = [], False
    for line in open_source(path):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and stripped and stripped != "---":
            lines.append(re.sub(r"^(?:>\s?)+", "", stripped))
    units = reference_units(article)
    if len(lines) != len(units):
        raise PipelineError(
            f"reference has {len(lines)} block(s), the source article {article.path.name} has "
            f"{len(units)} (one line per title/heading/paragraph/item/table row, in order)", path)
    # a list item's marker ("- ", "1. ") is layout, not words to score
    return [_ITEM_MARKER.sub("", line) if article.blocks[unit[0]].kind == "item" else line
            for line, unit in zip(lines, units)]


_ITEM_MARKER = re.compile(r"^(?:[-+*]|\d{1,9}[.)])\s+")


def reference_scores(article: Article, lang: str, po: polib.POFile, reference: list[str]) -> list[RefScore]:
    """Raw MT (per engine) and the catalog's current text, block by block, against ``reference``."""
    entries = entry_index(po)
    systems: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for unit, ref in zip(reference_units(article), reference):
        cells = [[entries.get(s.text) for s in article.block_segments(index)] for index in unit]
        segs = [e for cell in cells for e in cell]
        if segs and all(e is not None and e.msgstr for e in segs):
            hyps, refs = systems["catalog"]
            hyps.append(" | ".join(" ".join(e.msgstr for e in cell) for cell in cells))
            refs.append(ref)
        raws = [[Provenance.of(e).mt_raw if e is not None else None for e in cell] for cell in cells]
        engines = {engine_of(e) for e in segs if e is not None}
        if segs and all(all(cell) for cell in raws) and len(engines) == 1 and None not in engines:
            hyps, refs = systems[f"MT {engines.pop()}"]
            hyps.append(" | ".join(" ".join(cell) for cell in raws))
            refs.append(ref)
    if article.format == "md":  # compare words, not markup
        systems = {k: ([to_plain(h, "md") for h in hyps], [to_plain(r, "md") for r in refs])
                   for k, (hyps, refs) in systems.items()}
    pair = f"{article.lang}→{lang}"
    return [
        RefScore(system, pair, len(hyps), len(reference),
                 BLEU().corpus_score(hyps, [refs]).score,
                 CHRF().corpus_score(hyps, [refs]).score,
                 TER().corpus_score(hyps, [refs]).score)
        for system, (hyps, refs) in sorted(systems.items())
    ]


def project_reference_scores(config: ProjectConfig, langs: list[str], names: list[str], ref: Path,
                             found: list[tuple[str, str, polib.POFile]]) -> list[tuple[str, RefScore]]:
    """``(article, score)`` for every article and language of ``found`` (:func:`project_catalogs`) that has
    a reference ``ref/<lang>/<article>.txt``; raises :class:`PipelineError` when none has."""
    by_name = {(lang, name): po for lang, name, po in found}
    scores = []
    for article in load_articles(config, article_paths(config, names)):
        for lang in langs:
            path = ref / lang / f"{article.name}.txt"
            if path.exists() and (lang, article.name) in by_name:
                reference = read_reference(path, article)
                scores += [(article.name, s) for s in reference_scores(article, lang, by_name[(lang, article.name)],
                                                                       reference)]
    if not scores:
        raise PipelineError("no reference translation matches an article and language (DIR/<lang>/<article>.txt)", ref)
    return scores


# --- the evaluate job ----------------------------------------------------------------------

def reviewed_by_pair(catalogs: Iterable[tuple[str, polib.POFile]], source_lang: str) -> list[tuple[str, PostEditing]]:
    """``(pair, PostEditing)`` per language of ``(lang, catalog)`` pairs, pairs in first-seen order."""
    entries: dict[str, list] = {}
    for lang, po in catalogs:
        entries.setdefault(f"{source_lang}→{lang}", []).extend(
            (entry_status(e), e.msgstr, source_words(e)) for e in po if not e.obsolete)
    return [(pair, post_editing(found)) for pair, found in entries.items()]


@dataclass(frozen=True)
class Evaluation:
    """What ``evaluate`` reports: post-editing scores per engine and pair, the reviewed entries
    per pair by how they came about, and (with reference translations) each article's scores
    against them."""

    post_editing: list[EngineScore]
    reference: list[tuple[str, RefScore]]  # (article, score)
    reviewed: list[tuple[str, PostEditing]] = ()  # (pair "ru→en", its reviewed entries by kind)

    def to_dict(self) -> dict:
        return {
            "post_editing": [s.to_dict() for s in self.post_editing],
            "reviewed": [dict(pair=pair, **p.as_dict()) for pair, p in self.reviewed],
            "reference": [dict(article=name, **s.to_dict()) for name, s in self.reference],
        }


def evaluate_project(config: ProjectConfig, langs: list[str], names: list[str], ref: Path | None = None) -> Evaluation:
    """Post-editing metrics of the catalogs of ``langs`` (only of the articles ``names`` if any), scored
    with the glossary's term check; with ``ref``, also against the reference translations in it.

    Raises :class:`~translate_pipeline.core.errors.Refused` when there is no catalog
    (:func:`~translate_pipeline.core.project.require_catalogs`), PipelineError when ``ref`` is no
    directory or matches no article and language.
    """
    require_catalogs(config, langs, names, "nothing to evaluate: run extract, update and translate first")
    if ref is not None and not ref.is_dir():
        raise PipelineError("no such directory (--ref)", ref)
    found = project_catalogs(config, langs, names)
    catalogs = [(lang, po) for lang, _, po in found]
    scores = post_editing_scores(catalogs, config.source_lang, glossary_checker(config))
    return Evaluation(scores, project_reference_scores(config, langs, names, ref, found) if ref is not None else [],
                      reviewed_by_pair(catalogs, config.source_lang))
