"""The Argos package index over the network, with a hard deadline.

``argostranslate.package.update_package_index`` has no timeout and swallows
errors, so the index and the downloads are fetched here with one; offline, a
command fails within ``index_timeout`` seconds (DNS included: the request runs
in a daemon thread that is abandoned at the deadline) with a one-line error.
The index format is still read by ``argostranslate.package.AvailablePackage``.
"""
from __future__ import annotations

import json
import threading
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, os_error
from translate_pipeline.core.fs import staged

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
OFFLINE_HINT = "offline? install from a file: translate-pipeline models install PATH.argosmodel"


@dataclass(frozen=True)
class AvailablePackage:
    source: str
    target: str
    version: str
    name: str
    links: tuple[str, ...]


def index_url() -> str:
    from argostranslate import settings

    base = settings.get_setting("ARGOS_PACKAGE_INDEX", default=DEFAULT_INDEX)
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def fetch(url: str, timeout: float, whole: bool = True) -> bytes:
    """GET ``url`` or raise :class:`EnvironmentProblem` within ``timeout`` seconds (per socket
    operation; for the whole request too unless ``whole`` is false, as for big downloads)."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "translate-pipeline"})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                result["data"] = response.read()
        except Exception as exc:  # noqa: BLE001 -- any network failure becomes one line below
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout + 0.5 if whole else None)
    if "data" in result:
        return result["data"]  # type: ignore[return-value]
    reason = result.get("error") or f"no answer within {timeout:g} s"
    reason = getattr(reason, "reason", reason)
    raise EnvironmentProblem(f"cannot reach {url} ({reason}); {OFFLINE_HINT}")


def available_packages(timeout: float = 10.0) -> list[AvailablePackage]:
    """What the Argos index offers (translation packages only)."""
    from argostranslate.package import AvailablePackage as ArgosAvailable
    from argostranslate.package import argospm_package_name

    url = index_url()
    try:
        entries = json.loads(fetch(url, timeout).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise EnvironmentProblem(f"the package index at {url} is not valid JSON ({exc})") from exc
    if not isinstance(entries, list):
        raise EnvironmentProblem(f"the package index at {url} is not a list of packages")
    packages = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        pkg = ArgosAvailable(entry)
        if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        packages.append(AvailablePackage(pkg.from_code, pkg.to_code, pkg.package_version,
                                         argospm_package_name(pkg), tuple(pkg.links)))
    return packages


@contextmanager
def downloaded(package: AvailablePackage, into: Path, timeout: float = 10.0) -> Iterator[Path]:
    """The package archive, downloaded into a hidden ``.downloading-*`` directory of ``into``.

    ``into`` is the package directory, so a download never fills another disk
    than the install will; the directory is removed at the end, and one a
    killed run left is removed by the next ``models install``.
    """
    errors = []
    for link in package.links:
        try:
            data = fetch(link, timeout, whole=False)
        except PipelineError as exc:
            errors.append(str(exc))
            continue
        into.mkdir(parents=True, exist_ok=True)
        with staged(into, ".downloading-") as staging:
            archive = staging / f"{package.name}.argosmodel"
            try:
                archive.write_bytes(data)
            except OSError as exc:
                raise os_error("cannot save the download", exc, archive) from exc
            yield archive
        return
    raise EnvironmentProblem(f"download of {package.name} failed: {errors[0] if errors else 'no download link'}")
