"""Which model translates a language pair, and how to say so.

Preference: a configured CTranslate2 model (``[mt.models.*]``, e.g. NLLB for
Kazakh) > a direct Argos package > a pivot through two installed legs
(configured pivot languages first, then any).  Argos has no Kazakh package,
so without configuration ru→kk is either a pivot or missing -- and the
message for a missing pair names the exact command or config that fixes it.
"""
from __future__ import annotations

from dataclasses import dataclass

from translate_pipeline.mt.families import FAMILIES
from translate_pipeline.mt.packages import InstalledPackage, version_key
from translate_pipeline.mt.settings import ModelConfig, MTSettings

NO_ARGOS_LANGS = {"kk"}  # languages the Argos index has no package for


@dataclass(frozen=True)
class Leg:
    """One model step: an Argos package or a configured CTranslate2 model."""

    source: str
    target: str
    package: InstalledPackage | None = None
    model: ModelConfig | None = None

    @property
    def label(self) -> str:
        if self.package is not None:
            return f"argos {self.package.name} {self.package.version}".strip()
        assert self.model is not None
        return f"ct2 {self.model.name} {self.model.table.version}".strip()


@dataclass(frozen=True)
class Route:
    source: str
    target: str
    legs: tuple[Leg, ...]  # empty: no route

    @property
    def kind(self) -> str:
        if not self.legs:
            return "none"
        if len(self.legs) > 1:
            return "pivot"
        return "model" if self.legs[0].model is not None else "direct"

    def describe(self) -> str:
        """One line for ``models list`` / ``translate``: the pair, the route and its models."""
        return f"{self.source}→{self.target}: {self.how}"

    @property
    def how(self) -> str:
        """The route and its models: ``direct argos translate-ru_en 1.9``, ``pivot ru→en→kk via …``."""
        if not self.legs:
            return f"no model — {missing_hint(self.source, self.target)}"
        if self.kind == "pivot":
            chain = "→".join([self.source] + [leg.target for leg in self.legs])
            return f"pivot {chain} via " + " + ".join(leg.label for leg in self.legs)
        return f"{self.kind} {self.legs[0].label}"


def direct_leg(settings: MTSettings, packages: list[InstalledPackage], source: str, target: str) -> Leg | None:
    for model in settings.models:
        if model.serves(source, target):
            return Leg(source, target, model=model)
    matches = [p for p in packages if p.serves(source, target)]
    if matches:
        return Leg(source, target, package=max(matches, key=lambda p: version_key(p.version)))
    return None


def find_route(settings: MTSettings, packages: list[InstalledPackage], source: str, target: str) -> Route:
    leg = direct_leg(settings, packages, source, target)
    if leg is not None:
        return Route(source, target, (leg,))
    languages = {t for p in packages for _, t in (p.pairs or ((p.source, p.target),))} | \
        {code for m in settings.models for code in m.languages}
    preferred = [lang for lang in settings.pivots if lang in languages]
    for pivot in preferred + sorted(languages - set(preferred)):
        if pivot in (source, target):
            continue
        first = direct_leg(settings, packages, source, pivot)
        second = direct_leg(settings, packages, pivot, target) if first else None
        if first and second:
            return Route(source, target, (first, second))
    return Route(source, target, ())


def missing_hint(source: str, target: str) -> str:
    """The exact way to get a model for the pair; for Kazakh, the real options with their licenses
    (each model family's :attr:`~translate_pipeline.mt.families.Family.suggested` checkpoint)."""
    if source in NO_ARGOS_LANGS or target in NO_ARGOS_LANGS:
        lang = target if target in NO_ARGOS_LANGS else source
        options = "; ".join(f"{c.label} ({c.license_note}): `translate-pipeline models add {c.model_id}`"
                            for c in (f.suggested for f in FAMILIES.values())
                            if c is not None and c.only in (None, (source, target)))
        return (f"Argos has no {lang} package; add a Hugging Face model (converted to CTranslate2, needs "
                f"network once): {options} (README: Kazakh in two commands)")
    return (f"run `translate-pipeline models install {source} {target}` (downloads from the Argos index) "
            f"or `translate-pipeline models install PATH.argosmodel`")
