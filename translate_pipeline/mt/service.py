"""Pick the engine for a language pair and translate a batch.

    engine = resolve_engine(config, "ru", "kk")          # NoModelError if nothing fits
    hyps = engine.translate_batch(texts, n_best=1, progress=None)

Call it once per language pair with the pending segments of *all* articles:
one big batch is what makes CTranslate2 fast.  The pre-translation source that
wraps this (glossary enforcement, progress) is
:class:`translate_pipeline.pretranslate.mt_source.MTSource`.
"""
from __future__ import annotations

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.mt.argos_engine import ArgosEngine
from translate_pipeline.mt.ct2_engine import GenericCT2Engine
from translate_pipeline.mt.engine import Engine
from translate_pipeline.mt.packages import InstalledPackage, list_packages, packages_dir
from translate_pipeline.mt.pivot import PivotEngine
from translate_pipeline.mt.routing import Leg, Route, find_route, missing_hint
from translate_pipeline.mt.settings import MTSettings, load_settings


class NoModelError(EnvironmentProblem):
    """No installed or configured model translates ``source``→``target``."""

    def __init__(self, source: str, target: str):
        self.source, self.target = source, target
        self.hint = missing_hint(source, target)
        super().__init__(f"no MT model for {source}→{target}: {self.hint}")


def installed_packages(settings: MTSettings) -> list[InstalledPackage]:
    return list_packages(packages_dir(settings))[0]


def route_for(config, source: str, target: str, settings: MTSettings | None = None) -> Route:
    """The route a pair takes (``Route.kind == "none"`` when there is none)."""
    Tag.parse(source)
    Tag.parse(target)
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
        return ArgosEngine(leg.package, settings.decode, leg.source, leg.target)
    assert leg.model is not None
    return GenericCT2Engine(leg.model, leg.source, leg.target, settings.decode)

