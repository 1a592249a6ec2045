"""The MT pre-translation source: one engine per language pair, steered by the glossary.

``MTSource.suggest`` gets the pending segments of *all* articles of a pair at
once (one big batch is what makes CTranslate2 fast), shows a progress bar in
segments/s and returns one fuzzy :class:`Suggestion` per segment.
"""
from __future__ import annotations

import contextlib
from typing import Iterator, Sequence

from translate_pipeline.glossary import Glossary, GlossarySettings, glossary_settings
from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn
from translate_pipeline.mt.service import route_engine, route_for, translate_texts
from translate_pipeline.mt.settings import MTSettings, load_settings
from translate_pipeline.pretranslate.enforce import enforce
from translate_pipeline.pretranslate.suggestion import Suggestion, suggestion_from


def mt_suggestions(engine: Engine, texts: Sequence[str],
                   progress: ProgressFn | None = None) -> list[Suggestion | None]:
    """The best hypothesis per text as a fuzzy suggestion (no glossary to obey)."""
    return [suggestion_from(engine, hyps[0] if hyps else None) for hyps in translate_texts(engine, texts, 1, progress)]


class _Ticking:
    """An engine that reports progress for the first ``total`` texts it translates.

    Glossary enforcement translates every segment once (in one batch per n-best),
    then re-translates some: those retries are not progress.
    """

    def __init__(self, engine: Engine, tick: ProgressFn, total: int):
        self.engine, self.tick, self.remaining = engine, tick, total
        self.source, self.target, self.provenance = engine.source, engine.target, engine.provenance

    def translate_batch(self, texts: Sequence[str], n_best: int = 1) -> list[list[Hypothesis]]:
        tick = self.tick if self.remaining > 0 else None
        self.remaining -= len(texts)
        return translate_texts(self.engine, texts, n_best, tick)


class MTSource:
    """The MT pre-translation source for ``jobs.translate`` (``pretranslate.SuggestionSource``).

    One engine per language pair, resolved on first use; a pair without a model
    raises :class:`NoModelError`, which ``pretranslate`` records as that
    language's problem while the catalogs are still written.  ``routes`` keeps
    the route line of every pair asked for, for the CLI to print.
    """

    name = "mt"

    def __init__(self, config, settings: MTSettings | None = None, show_progress: bool | None = None,
                 glossary: Glossary | None = None):
        self.config = config
        self.settings = settings or load_settings(config)
        self.show_progress = show_progress
        self.glossary = glossary if glossary is not None and len(glossary) else None
        self.glossary_settings = glossary_settings(config)
        self.routes: dict[tuple[str, str], str] = {}
        self._engines: dict[tuple[str, str], Engine] = {}

    def engine(self, source: str, target: str) -> Engine:
        if (source, target) not in self._engines:
            route = route_for(self.config, source, target, self.settings)
            self.routes[(source, target)] = route.describe()
            self._engines[(source, target)] = route_engine(route, self.settings)
        return self._engines[(source, target)]

    def suggest(self, texts: list[str], source: str, target: str) -> list[Suggestion | None]:
        """Best hypotheses; with a glossary, steered to obey it (n-best, then code-switching)."""
        engine = self.engine(source, target)
        disable = None if self.show_progress is None else not self.show_progress
        with progress_bar(len(texts), engine, disable=disable) as tick:
            return engine_suggestions(engine, texts, self.glossary, self.glossary_settings, tick)


def engine_suggestions(engine: Engine, texts: Sequence[str], glossary: Glossary | None,
                       settings: GlossarySettings, progress: ProgressFn | None = None) -> list[Suggestion | None]:
    """One suggestion per text from ``engine``, steered by ``glossary`` when there is one.

    The one place MT output becomes suggestions: the local source and every Ray actor
    (:mod:`translate_pipeline.pretranslate.ray_source`) call it, so both give the same entries.
    """
    if glossary is None:
        return mt_suggestions(engine, texts, progress=progress)
    steered = _Ticking(engine, progress, len(texts)) if progress else engine
    return enforce(steered, texts, glossary, settings.n_best, settings.enforce)


@contextlib.contextmanager
def progress_bar(total: int, engine: Engine, disable: bool | None = None) -> Iterator[ProgressFn]:
    """A tqdm bar in segments/s for one language pair; yields the progress callback."""
    from tqdm import tqdm

    label = f"MT {engine.source}→{engine.target}"
    with tqdm(total=total, desc=label, unit="seg", disable=disable, leave=True,
              bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total} [{elapsed}<{remaining}, {rate_fmt}]") as bar:
        yield bar.update
