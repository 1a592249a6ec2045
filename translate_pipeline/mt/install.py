"""Bringing models into a project: Argos packages (``models install``) and Hugging Face models
converted to CTranslate2 and configured (``models add``).

Installing never half-happens: an Argos archive is validated before it is unpacked
(:func:`~translate_pipeline.mt.packages.install_archive`), and the ``[mt.models.NAME]``
table of an added model is checked against the settings schema before
``translate-pipeline.toml`` is rewritten (tomlkit keeps its comments and order).

Routing changes are explicit: ``models add`` routes only the pairs given, or, with none, the
pairs the model serves that have no route yet; a pair routed elsewhere is taken over only with
``replace`` (the other model's table then stops serving it).  Every route added, replaced or
left as it was is reported (:class:`RouteChange`).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path
from typing import Callable

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, Refused
from translate_pipeline.core.langs import Tag
from translate_pipeline.core.project import MODELS_DIR
from translate_pipeline.core.settings import ProjectConfig, load_config, parse_pair, validate_table
from translate_pipeline.mt import index
from translate_pipeline.mt.hf_import import AddedModel, add_model, read_arguments, verify_sha256, write_model_table
from translate_pipeline.mt.packages import InstalledPackage, install_archive, list_packages, packages_dir
from translate_pipeline.mt.routing import NO_ARGOS_LANGS, find_route, missing_hint
from translate_pipeline.mt.settings import MTSettings, non_commercial


def install_file(archive: Path, settings: MTSettings) -> InstalledPackage:
    """Install an ``.argosmodel`` file (offline) into the project's packages directory."""
    return install_archive(archive, packages_dir(settings), settings.max_package_bytes)


def install_from_index(source: str, target: str, settings: MTSettings,
                       announce: Callable[[index.AvailablePackage], None] | None = None) -> InstalledPackage:
    """Download the Argos index's ``source``→``target`` package and install it; ``announce`` is told
    which package before the download starts.

    Raises :class:`~translate_pipeline.core.errors.EnvironmentProblem` (exit status 4) with the way to get
    a model when the index has no such package (at once, without asking it, for a language Argos has
    none for: Kazakh), and when the index or the download cannot be reached (offline: within
    ``[mt] index_timeout`` seconds, :func:`~translate_pipeline.mt.index.fetch`); PipelineError (3) for
    a downloaded archive that is no valid package (:func:`~translate_pipeline.mt.packages.install_archive`).
    """
    directory = packages_dir(settings)
    source, target = Tag.parse(source).bcp47, Tag.parse(target).bcp47
    if NO_ARGOS_LANGS.intersection((source, target)):  # no index to ask: there never was such a package
        raise EnvironmentProblem(missing_hint(source, target))
    offered = [p for p in index.available_packages(settings.table.index_timeout) if (p.source, p.target) == (source, target)]
    if not offered:
        raise EnvironmentProblem(f"the Argos index offers no {source}→{target} package; {missing_hint(source, target)}")
    if announce is not None:
        announce(offered[0])
    with index.downloaded(offered[0], directory, settings.table.index_timeout) as archive:
        return install_archive(archive, directory, settings.max_package_bytes)


@dataclass(frozen=True)
class RouteChange:
    """What ``models add`` did to one pair's route."""

    pair: tuple[str, str]
    action: str  # "added" (no route before), "kept" (already this model), "replaced", "left" (stays as it is)
    before: str = ""  # the route it had (Route.how), when it had one

    def describe(self, model: str) -> str:
        pair = f"{self.pair[0]}→{self.pair[1]}"
        if self.action == "added":
            return f"route {pair}: {model} (there was none)"
        if self.action == "kept":
            return f"route {pair}: {model}, as before"
        if self.action == "replaced":
            return f"route {pair}: {model} replaces {self.before}"
        if not self.before:  # a free pair --pair did not name
            return f"route {pair}: left without a model (to route it to {model}: --pair {self.pair[0]}-{self.pair[1]})"
        return (f"route {pair}: left with {self.before} (to route it to {model}: "
                f"--pair {self.pair[0]}-{self.pair[1]} --replace)")


@dataclass(frozen=True)
class ConfiguredModel:
    added: AddedModel
    changed: bool  # the table was written; False: translate-pipeline.toml already said exactly this
    routes: tuple[RouteChange, ...] = ()
    retargeted: tuple[tuple[str, tuple[str, ...] | None], ...] = ()  # other tables: their pairs now (None: removed)

    @property
    def non_commercial(self) -> bool:
        """The model's license forbids commercial use (CC-BY-NC-…)."""
        return non_commercial(self.added.manifest.license)


def add_and_configure(config: ProjectConfig, source: str, settings: MTSettings, *, preset: str | None = None,
                      name: str | None = None, quantization: str = "int8", sha256: str | None = None,
                      pairs: list[str] | None = None, replace: bool = False) -> ConfiguredModel:
    """``models add``: convert (or keep) the model ``source`` into ``models/`` (:data:`MODELS_DIR`) and write its
    ``[mt.models.NAME]`` table, checked against the settings schema first
    (:func:`~translate_pipeline.mt.hf_import.add_model` for what ``source`` may be).

    Routes only ``pairs`` (each must be free, this model's, or ``replace`` given: else
    :class:`~translate_pipeline.core.errors.Refused`, one line, and nothing changes) or, with none,
    the pairs the model serves that have no route yet (all of them with ``replace``); Refused too
    when that leaves none.  A pair taken over from another
    ``[mt.models.*]`` table is removed from it (a table left serving nothing is removed; its model
    directory stays).  Every other pair the model could serve is reported as left, with the route it
    keeps (or none).  An archive's SHA-256 is checked before anything else
    (:func:`~translate_pipeline.mt.hf_import.verify_sha256`): a damaged copy is told as such.
    """
    path, _, model_name = read_arguments(source, preset, quantization, name)
    if path.is_file() and path.name.endswith((".tar.gz", ".tgz")):
        verify_sha256(path, sha256)
    packages = list_packages(packages_dir(settings))[0]
    decided: dict[str, tuple[list[RouteChange], list[str], dict[str, list[tuple[str, str]]]]] = {}

    def decide(model: str, servable: list[str]) -> tuple[list[RouteChange], list[str], dict]:
        changes, chosen, taken = [], [], {}
        for text in servable:
            pair = parse_pair(text)
            route = find_route(settings, packages, *pair)
            if not route.legs or (route.kind == "model" and route.legs[0].model.name == model):
                changes.append(RouteChange(pair, "added" if not route.legs else "kept"))
                chosen.append(text)
            elif replace:
                changes.append(RouteChange(pair, "replaced", route.how))
                chosen.append(text)
                if route.kind == "model":
                    taken.setdefault(route.legs[0].model.name, []).append(pair)
            elif pairs:
                raise Refused(f"{pair[0]}→{pair[1]} is routed to {route.how}; add --replace to route it to "
                                    f"{model} instead")
            else:
                changes.append(RouteChange(pair, "left", route.how))
        if not chosen:
            left = "; ".join(f"{c.pair[0]}→{c.pair[1]}: {c.before}" for c in changes)
            raise Refused(f"every pair {model} serves already has a route ({left}); give --pair SRC-TGT "
                                "--replace to take one over")
        return changes, chosen, taken

    def select(model: str, servable: list[str]) -> list[str]:
        decided[model] = decide(model, servable)
        return decided[model][1]

    # Before a conversion that may take minutes, once the arguments are known good (bad input before a
    # refusal): the pairs it could serve at most must leave one to route.
    decide(model_name, list(pairs or ()) or [f"{config.source_lang}-{t}" for t in config.target_langs])
    added = add_model(source, config.root / MODELS_DIR, config.source_lang, list(config.target_langs),
                      preset=preset, name=name, quantization=quantization, pairs=list(pairs or ()),
                      timeout=settings.table.index_timeout, select=select)
    changes, _, taken = decided[added.name]
    told = {change.pair for change in changes}
    for pair in map(parse_pair, added.servable):  # what --pair did not name: left as it is routed now
        if pair not in told:
            route = find_route(settings, packages, *pair)
            changes.append(RouteChange(pair, "left", route.how if route.legs else ""))
    table = added.table(config.root)
    validate_table("mt", {"models": {added.name: table}}, config.config_path)
    retarget = {other: _remaining(settings, other, pairs_taken) for other, pairs_taken in taken.items()}
    changed = write_model_table(config.config_path, added.name, table, retarget)
    return ConfiguredModel(added, changed, tuple(changes),
                           tuple((other, None if left is None else tuple(left)) for other, left in retarget.items()))


@dataclass(frozen=True)
class RemovedRoute:
    """What ``models remove SOURCE TARGET`` took away: the Argos package, or the pair from the
    ``[mt.models.NAME]`` table of a model added with ``models add``."""

    pair: tuple[str, str]
    package: InstalledPackage | None = None
    model: str | None = None  # the table the pair was taken from
    model_pairs: tuple[str, ...] | None = None  # the pairs that table serves now; None: the table was removed
    deleted: Path | None = None  # the model's directory under models/, deleted with its table
    now: str = ""  # the route the pair takes after (Route.how)


def remove_route(config: ProjectConfig, settings: MTSettings, source: str, target: str) -> RemovedRoute:
    """``models remove``: take away what translates ``source``→``target`` now (the first in the route
    preference, :func:`~translate_pipeline.mt.routing.find_route`).

    A configured model stops serving the pair: its ``pairs`` lose it, or, when it served nothing
    else, its table is removed (tomlkit keeps the rest of the file) and so is its directory when it
    lies in the project's ``models/`` and no other table uses it.  An Argos package is deleted from
    the packages directory.  Raises :class:`~translate_pipeline.core.errors.Refused` for a pair
    translated through a pivot (its legs are other pairs: remove one of them), PipelineError when
    nothing translates the pair.
    """
    from translate_pipeline.mt.hf_import import retarget_model_tables
    from translate_pipeline.mt.packages import remove_package

    directory = packages_dir(settings)
    route = find_route(settings, list_packages(directory)[0], source, target)
    if route.kind == "pivot":
        legs = ", ".join(f"models remove {leg.source} {leg.target}" for leg in route.legs)
        raise Refused(f"{source}→{target} has no model of its own: it goes through {route.how}; "
                      f"remove a leg instead ({legs})")
    if route.kind == "none":
        raise PipelineError(f"nothing to remove: no [mt.models] table serves {source}→{target} and no Argos "
                            f"package for it is installed in {directory}")
    if route.kind == "direct":
        package = remove_package(directory, source, target)
        return RemovedRoute((source, target), package=package, now=_route_now(config, source, target))
    model = route.legs[0].model
    left = _remaining(settings, model.name, [(source, target)])
    retarget_model_tables(config.config_path, {model.name: left})
    deleted = None
    models_root = (config.root / MODELS_DIR).resolve()
    others = [m for m in settings.models if m.name != model.name and m.path.resolve() == model.path.resolve()]
    if left is None and model.path.resolve().parent == models_root and model.path.is_dir() and not others:
        shutil.rmtree(model.path)
        deleted = model.path
    return RemovedRoute((source, target), model=model.name, model_pairs=None if left is None else tuple(left),
                        deleted=deleted, now=_route_now(config, source, target))


def _route_now(config: ProjectConfig, source: str, target: str) -> str:
    """How the pair is translated after a removal (settings read again: the file changed)."""
    from translate_pipeline.mt.settings import load_settings

    settings = load_settings(load_config(config.root))
    return find_route(settings, list_packages(packages_dir(settings))[0], source, target).how


def _remaining(settings: MTSettings, name: str, taken: list[tuple[str, str]]) -> list[str] | None:
    """The ``pairs`` of table ``name`` without ``taken`` (a table serving every pair among its
    languages gets them listed); None when nothing is left."""
    model = next(m for m in settings.models if m.name == name)
    served = model.pairs or tuple(permutations(sorted(model.languages), 2))
    left = [f"{s}-{t}" for s, t in served if (s, t) not in taken]
    return left or None
