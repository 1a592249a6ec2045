"""What the rest of the pipeline calls: pick the engine for a pair, translate a batch.

    engine = resolve_engine(config, "ru", "kk")          # NoModelError if nothing fits
    with progress_bar(len(texts), engine) as tick:
        hyps = translate_texts(engine, texts, n_best=1, progress=tick)   # or mt_suggestions(...)

Call it once per language pair with the pending segments of *all* articles:
one big batch is what makes CTranslate2 fast.  ``MTSource`` packages this as a
``pretranslate`` source for ``jobs.translate``.
"""
from __future__ import annotations

import contextlib
from typing import Iterator, Sequence

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.glossary import Glossary, glossary_settings
from translate_pipeline.pretranslate.enforce import enforce
from translate_pipeline.core.langs import validate_lang
from translate_pipeline.mt.argos_engine import ArgosEngine
from translate_pipeline.mt.ct2_engine import GenericCT2Engine
from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn, translate
from translate_pipeline.mt.packages import InstalledPackage, list_packages, packages_dir
from translate_pipeline.mt.pivot import PivotEngine
from translate_pipeline.mt.routing import Leg, Route, find_route, missing_hint
from translate_pipeline.mt.settings import MTSettings, load_settings
from translate_pipeline.pretranslate.suggestion import Suggestion


class NoModelError(PipelineError):
    """No installed or configured model translates ``source``→``target``."""

    def __init__(self, source: str, target: str):
        self.source, self.target = source, target
        self.hint = missing_hint(source, target)
        super().__init__(f"no MT model for {source}→{target}: {self.hint}")


def installed_packages(settings: MTSettings) -> list[InstalledPackage]:
    return list_packages(packages_dir(settings))[0]


def route_for(config, source: str, target: str, settings: MTSettings | None = None) -> Route:
    """The route a pair takes (``Route.kind == "none"`` when there is none)."""
    validate_lang(source)
    validate_lang(target)
    if source == target:
        raise PipelineError(f"source and target language are both {source!r}")
    settings = settings or load_settings(config)
    return find_route(settings, installed_packages(settings), source, target)


def resolve_engine(config, source: str, target: str, settings: MTSettings | None = None) -> Engine:
    """The engine for a pair; raises :class:`NoModelError` (a PipelineError) with the fix."""
    settings = settings or load_settings(config)
    return route_engine(route_for(config, source, target, settings), settings)


def route_engine(route: Route, settings: MTSettings) -> Engine:
    """The engine that follows ``route`` (one model, or a pivot chain); NoModelError for no route."""
    if not route.legs:
        raise NoModelError(route.source, route.target)
    engines = [_leg_engine(leg, settings) for leg in route.legs]
    engine = engines[0]
    for nxt in engines[1:]:
        engine = PivotEngine(engine, nxt)
    return engine


def _leg_engine(leg: Leg, settings: MTSettings) -> Engine:
    if leg.package is not None:
        return ArgosEngine(leg.package, settings.decode)
    assert leg.model is not None
    return GenericCT2Engine(leg.model, leg.source, leg.target, settings.decode)


def translate_texts(engine: Engine, texts: Sequence[str], n_best: int = 1,
                    progress: ProgressFn | None = None) -> list[list[Hypothesis]]:
    """``engine.translate_batch`` with progress when the engine supports it (test fakes may not)."""
    return translate(engine, texts, n_best, progress)


def suggestion_from(engine: Engine, best: Hypothesis | None, notes: tuple[tuple[str, str], ...] = ()) -> Suggestion | None:
    """A fuzzy :class:`Suggestion` for one hypothesis (None for empty output).

    A hypothesis cut at the length limit is still offered -- a draft -- but says so in a QA note.
    """
    if best is None or not best.text.strip():
        return None
    if best.truncated:
        notes = notes + (("QA", "MT output truncated at the decoding length limit"),)
    return Suggestion(best.text, "mt", f"MT {engine.provenance}", fuzzy=True, notes=notes, raw_mt=best.text)


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
            if self.glossary is None:
                return mt_suggestions(engine, texts, progress=tick)
            settings = self.glossary_settings
            return enforce(_Ticking(engine, tick, len(texts)), texts, self.glossary, settings.n_best, settings.enforce)


@contextlib.contextmanager
def progress_bar(total: int, engine: Engine, disable: bool | None = None) -> Iterator[ProgressFn]:
    """A tqdm bar in segments/s for one language pair; yields the progress callback."""
    from tqdm import tqdm

    label = f"MT {engine.source}→{engine.target}"
    with tqdm(total=total, desc=label, unit="seg", disable=disable, leave=True,
              bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total} [{elapsed}<{remaining}, {rate_fmt}]") as bar:
        yield bar.update
