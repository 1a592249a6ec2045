"""The MT pre-translation source: one engine per language pair, steered by the glossary.

``MTSource.suggest`` gets the pending segments of *all* articles of a pair at
once (one big batch is what makes CTranslate2 fast), shows a progress bar in
segments/s and returns one fuzzy :class:`Suggestion` per segment, each with
the ``MT-state`` line that lets ``translate --refresh-mt`` tell later whether
it is still the machine's draft and still what today's model would write.
With a cache (:mod:`translate_pipeline.mt.cache`), a segment decoded by any
earlier run -- finished or killed -- is not decoded again.
"""
from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Iterator, Sequence

from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.provenance import Key
from translate_pipeline.core.settings import GlossaryTable
from translate_pipeline.glossary import Glossary
from translate_pipeline.mt.cache import CachedEngine, MTCache
from translate_pipeline.mt.decoding import ModelLoadError
from translate_pipeline.mt.engine import Engine, ProgressFn
from translate_pipeline.mt.service import route_engine, route_for
from translate_pipeline.mt.settings import MTSettings, load_settings
from translate_pipeline.pretranslate.enforce import enforce
from translate_pipeline.pretranslate.suggestion import Suggestion, suggestion_from


def mt_suggestions(engine: Engine, texts: Sequence[str],
                   progress: ProgressFn | None = None) -> list[Suggestion | None]:
    """The best hypothesis per text as a fuzzy suggestion (no glossary to obey); None for a blank text."""
    return [suggestion_from(engine, hyps[0] if hyps else None) if text.strip() else None
            for text, hyps in zip(texts, engine.translate_batch(texts, 1, progress))]


class MTSource:
    """The MT pre-translation source for ``workflow.translate`` (``pretranslate.SuggestionSource``).

    One engine per language pair, resolved on first use; a pair without a model
    raises :class:`NoModelError`, which ``pretranslate`` records as that
    language's problem while the catalogs are still written.  ``routes`` keeps
    the route line of every pair asked for; ``cache`` (optional) is shared by all pairs.
    """

    name = "mt"

    def __init__(self, config, settings: MTSettings | None = None, show_progress: bool | None = None,
                 glossary: Glossary | None = None, cache: MTCache | None = None):
        self.config = config
        self.settings = settings or load_settings(config)
        self.show_progress = show_progress
        self.glossary = glossary if glossary is not None and len(glossary) else None
        self.glossary_settings = config.glossary
        self.cache = cache
        self.routes: dict[tuple[str, str], str] = {}
        self._engines: dict[tuple[str, str], Engine] = {}

    def engine(self, source: str, target: str) -> Engine:
        if (source, target) not in self._engines:
            route = route_for(self.config, source, target, self.settings)
            self.routes[(source, target)] = route.describe()
            engine = route_engine(route, self.settings)
            self._engines[(source, target)] = CachedEngine(engine, self.cache) if self.cache else engine
        return self._engines[(source, target)]

    def state(self, text: str, source: str, target: str) -> MTState:
        """What a draft of ``text`` made today records (raises NoModelError without a model)."""
        engine = self.engine(source, target)
        glossary = self.glossary.state(text, target, self.glossary_settings) if self.glossary else "-"
        return MTState.of(engine.provenance, engine.identity, engine.decode_settings, glossary)

    def suggest(self, texts: list[str], source: str, target: str) -> list[Suggestion | None]:
        """Best hypotheses; with a glossary, steered to obey it (n-best, then code-switching).

        Raises :class:`NoModelError` for a pair without a model; a model CTranslate2 cannot load
        (a device or compute type this machine lacks) raises :class:`ModelLoadError` with
        ``MT model failed to load for ru→en: …`` (its file the model's directory), so the pair is told.
        """
        engine = self.engine(source, target)
        disable = None if self.show_progress is None else not self.show_progress
        try:
            with progress_bar(len(texts), engine, disable=disable) as tick:
                suggestions = engine_suggestions(engine, texts, self.glossary, self.glossary_settings, tick)
        except ModelLoadError as exc:
            raise exc.but(message=f"MT model failed to load for {source}→{target}: {exc.message}") from exc
        return self.with_state(texts, suggestions, source, target)

    def with_state(self, texts: Sequence[str], suggestions: Sequence[Suggestion | None], source: str,
                   target: str) -> list[Suggestion | None]:
        """Each draft with its ``MT-state`` line (what ``--refresh-mt`` compares later)."""
        return [s if s is None or s.error else replace(s, provenance=s.provenance.put(
                    Key.MT_STATE, self.state(text, source, target).record(s.text).format()))
                for text, s in zip(texts, suggestions)]


def engine_suggestions(engine: Engine, texts: Sequence[str], glossary: Glossary | None, settings: GlossaryTable,
                       progress: ProgressFn | None = None) -> list[Suggestion | None]:
    """One suggestion per text from ``engine``, steered by ``glossary`` when there is one.

    The one place MT output becomes suggestions: :class:`MTSource` and every Ray actor
    (:mod:`translate_pipeline.pretranslate.ray_source`) call it, so both write the same entries.
    """
    if glossary is None:
        return mt_suggestions(engine, texts, progress=progress)
    return enforce(engine, texts, glossary, settings.n_best, settings.enforce, progress=progress)


@contextlib.contextmanager
def progress_bar(total: int, engine: Engine, disable: bool | None = None) -> Iterator[ProgressFn]:
    """A tqdm bar in segments/s for one language pair; yields the progress callback."""
    from tqdm import tqdm

    label = f"MT {engine.source}→{engine.target}"
    with tqdm(total=total, desc=label, unit="seg", disable=disable, leave=True,
              bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total} [{elapsed}<{remaining}, {rate_fmt}]") as bar:
        yield bar.update
