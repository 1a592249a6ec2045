"""Bringing models into a project: Argos packages (``models install``) and Hugging Face models
converted to CTranslate2 and configured (``models add``).

Installing never half-happens: an Argos archive is validated before it is unpacked
(:func:`~translate_pipeline.mt.packages.install_archive`), and the ``[mt.models.NAME]``
table of an added model is checked against the settings schema before
``translate-pipeline.toml`` is rewritten (tomlkit keeps its comments and order).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from translate_pipeline.core.errors import EnvironmentProblem
from translate_pipeline.core.langs import Tag
from translate_pipeline.core.project import MODELS_DIR
from translate_pipeline.core.settings import ProjectConfig, validate_table
from translate_pipeline.mt import index
from translate_pipeline.mt.hf_import import AddedModel, add_model, write_model_table
from translate_pipeline.mt.packages import InstalledPackage, install_archive, packages_dir
from translate_pipeline.mt.routing import NO_ARGOS_LANGS, missing_hint
from translate_pipeline.mt.settings import MTSettings, non_commercial


def install_file(archive: Path, settings: MTSettings) -> InstalledPackage:
    """Install an ``.argosmodel`` file (offline) into the project's packages directory."""
    return install_archive(archive, packages_dir(settings), settings.max_package_bytes)


def install_from_index(source: str, target: str, settings: MTSettings,
                       announce: Callable[[index.AvailablePackage], None] | None = None) -> InstalledPackage:
    """Download the Argos index's ``source``→``target`` package and install it; ``announce`` is told
    which package before the download starts.  PipelineError (with the way to get a model) when the
    index has none; offline, within ``[mt] index_timeout`` seconds."""
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
class ConfiguredModel:
    added: AddedModel
    changed: bool  # the table was written; False: translate-pipeline.toml already said exactly this

    @property
    def non_commercial(self) -> bool:
        """The model's license forbids commercial use (CC-BY-NC-…)."""
        return non_commercial(self.added.manifest.license)


def add_and_configure(config: ProjectConfig, source: str, settings: MTSettings, *, preset: str | None = None,
                      name: str | None = None, quantization: str = "int8", sha256: str | None = None,
                      pairs: list[str] | None = None) -> ConfiguredModel:
    """``models add``: convert (or keep) the model ``source`` into ``models/`` (:data:`MODELS_DIR`) and write its
    ``[mt.models.NAME]`` table, checked against the settings schema first
    (:func:`~translate_pipeline.mt.hf_import.add_model` for what ``source`` may be)."""
    added = add_model(source, config.root / MODELS_DIR, config.source_lang, list(config.target_langs),
                      preset=preset, name=name, quantization=quantization, sha256=sha256, pairs=list(pairs or ()),
                      timeout=settings.table.index_timeout)
    table = added.table(config.root)
    validate_table("mt", {"models": {added.name: table}}, config.config_path)
    return ConfiguredModel(added, write_model_table(config.config_path, added.name, table))
