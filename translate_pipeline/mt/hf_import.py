"""``models add``: Hugging Face translation models → CTranslate2 models the project routes to.

A SOURCE is a local Hugging Face snapshot directory, a model id (downloaded with
``huggingface_hub``; offline the reachability check fails within ``[mt] index_timeout``
seconds), an already converted CTranslate2 directory, or a ``.tar.gz`` of one (checked
against a SHA-256 digest before anything is unpacked).  Snapshots are converted with
CTranslate2's ``TransformersConverter`` (needs the ``convert`` extra: transformers + torch),
the family's tokenizer files are copied beside ``model.bin``, the language tokens are read from the
converted vocabulary (what a family needs is its :mod:`~translate_pipeline.mt.families` entry),
the framing is recorded from the snapshot's own tokenizer (:mod:`~translate_pipeline.mt.framing`),
and a ``[mt.models.<name>]`` table is written into
``translate-pipeline.toml`` with tomlkit, leaving the rest of the file (comments included)
as it was.  The converted directory carries a manifest (:data:`MANIFEST`), so it can be
copied to an offline machine and added there without transformers.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import tarfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError, extra_hint
from translate_pipeline.core.fs import remove_stale_staging, staging_directory
from translate_pipeline.core.settings import QUANTIZATIONS, parse_pair
from translate_pipeline.mt.families import (
    FAMILIES,
    PRESETS,
    SOURCE,
    TARGET,
    Family,
    Framing,
    detect_family,
    read_json,
    read_vocabulary,
)
from translate_pipeline.mt.framing import FramingUnavailable, derive_framing
from translate_pipeline.mt.manifest import MANIFEST, Manifest, read_manifest, write_manifest
from translate_pipeline.mt.packages import expansion_limit
from translate_pipeline.mt.tokenizers import load_tokenizer

CONVERT_HINT = (f"converting a Hugging Face model needs transformers and torch: {extra_hint('convert')} "
                "(or convert on another machine and `translate-pipeline models add` the converted directory)")
OFFLINE_HINT = ("offline? convert on a connected machine (`translate-pipeline models add MODEL_ID`), "
                "copy the directory or its .tar.gz here and `translate-pipeline models add PATH`")
# Copied beside model.bin besides the family's tokenizer files, when the snapshot has them.
_ALSO_COPIED = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json",
                "generation_config.json", "README.md", "LICENSE", "LICENSE.txt")


@dataclass(frozen=True)
class AddedModel:
    name: str
    path: Path
    manifest: Manifest
    languages: dict[str, str]
    pairs: list[str]
    size_mb: float
    converted: bool  # False: an existing conversion was reused
    prebuilt: bool = False  # SOURCE was an already converted directory or its .tar.gz: copied, not converted
    servable: tuple[str, ...] = ()  # every project pair the model could serve ("ru-en"), routed or not
    warnings: tuple[str, ...] = ()  # what the user must know about this model (outputs that will differ …)
    forced_eos: bool = False  # the snapshot's generation config forces </s> at the length limit

    def table(self, root: Path) -> dict:
        """The ``[mt.models.<name>]`` table, paths relative to the project ``root`` when inside it (the
        model, its tokenizers, and ``source`` when it is a local snapshot)."""
        def rel(path: Path) -> str:
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                return str(path)

        m = self.manifest
        table: dict = {"kind": m.kind, "path": rel(self.path), "tokenizer": rel(self.path / m.tokenizer)}
        if m.target_tokenizer:
            table["target_tokenizer"] = rel(self.path / m.target_tokenizer)
        if self.languages:
            table["languages"] = dict(sorted(self.languages.items()))
        table["pairs"] = list(self.pairs)
        table["version"] = m.version
        # a local snapshot inside the project, as a path relative to it (the project can move); a model
        # id or a directory elsewhere as it is
        table["source"] = rel(Path(m.source)) if Path(m.source).is_absolute() else m.source
        table["license"] = m.license or "unknown"
        table["size_mb"] = self.size_mb
        if m.max_input_length:
            table["max_input_length"] = m.max_input_length
        table["disable_unk"] = True  # NLLB and others otherwise emit ⁇ for some quotes and dashes
        if self.forced_eos:
            table["forced_eos"] = True
        return table


# --- reading snapshots -------------------------------------------------------------------------

def _snapshot_identity(snapshot: Path) -> tuple[str, str]:
    """(model id or directory, revision) of a local snapshot, for provenance.

    A Hugging Face cache directory (``models--owner--name/snapshots/<commit>``) names both;
    elsewhere the revision is the start of the weights' SHA-256, so two different
    snapshots of one model never share a provenance.
    """
    cache = re.search(r"models--([^/]+)--([^/]+)/snapshots/([0-9a-f]{7,})$", snapshot.as_posix())
    if cache:
        return f"{cache.group(1)}/{cache.group(2)}", cache.group(3)[:7]
    weights = sorted(snapshot.glob("*.safetensors")) or sorted(snapshot.glob("*.bin"))
    digest = hashlib.sha256()
    for weight in weights:
        with open(weight, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return str(snapshot), ("sha256:" + digest.hexdigest()[:8]) if weights else ""


def _license(snapshot: Path) -> str:
    """``license:`` from the model card's YAML front matter (Hugging Face model cards carry one)."""
    readme = snapshot / "README.md"
    if readme.is_file():
        text = readme.read_text("utf-8", errors="replace")
        front = re.match(r"---\s*\n(.*?)\n---", text, re.DOTALL)
        found = re.search(r"^license:\s*['\"]?([\w.+-]+)", front.group(1), re.MULTILINE) if front else None
        if found:
            return found.group(1).lower()
    return ""


def _max_input_length(snapshot: Path, family: Family) -> int:
    """The reference tokenizer's ``model_max_length``, else the model's position table size (0: none)."""
    tokenizer_config = snapshot / "tokenizer_config.json"
    if tokenizer_config.is_file():
        value = read_json(tokenizer_config).get("model_max_length")
        if isinstance(value, (int, float)) and 0 < value < 1_000_000:
            return int(value)
    if family.max_positions_key:
        value = read_json(snapshot / "config.json").get(family.max_positions_key)
        if isinstance(value, int) and value > 0:
            return value
    return 0


# --- converting --------------------------------------------------------------------------------

def convert_snapshot(snapshot: Path, out: Path, family: Family, quantization: str) -> list[str]:
    """Convert a Hugging Face snapshot with CTranslate2's ``TransformersConverter`` into ``out``;
    returns warnings about the model (:func:`start_embedding_warning`)."""
    try:
        import torch  # noqa: F401
        import transformers
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise EnvironmentProblem(CONVERT_HINT) from exc

    warnings: list[str] = []

    class Converter(TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            if family.zero_start:
                warnings.extend(filter(None, [start_embedding_warning(model)]))
            return model

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            return family.converter_tokenizer(tokenizer) if family.converter_tokenizer else tokenizer

    for name in family.tokenizer_files:
        if not (snapshot / name).is_file():
            raise PipelineError(f"missing tokenizer file {name} (a {family.name} model needs "
                                f"{', '.join(family.tokenizer_files)})", snapshot)
    transformers.utils.logging.set_verbosity_error()  # the CLI reports in one line, not progress bars
    transformers.utils.logging.disable_progress_bar()
    try:
        Converter(str(snapshot)).convert(str(out), quantization=quantization, force=True)
    except (ValueError, OSError, RuntimeError, KeyError, TypeError, AttributeError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PipelineError(f"conversion failed ({message})", snapshot) from exc
    return warnings


def start_embedding_warning(model) -> str | None:
    """Why outputs will differ from ``generate()``: CTranslate2 starts this family's decoder from a
    zero vector (its converter's ``start_from_zero_embedding``), transformers from the embedding of
    ``decoder_start_token_id`` (``<pad>`` in OPUS-MT) -- the same only while that row is zero."""
    start = model.config.decoder_start_token_id
    embeddings = model.get_decoder().embed_tokens.weight
    if start is None or not 0 <= start < embeddings.shape[0]:
        return None
    norm = float(embeddings[start].detach().float().norm())
    if norm == 0.0:
        return None
    return (f"the decoder start embedding (token {start}, <pad>) of this snapshot is not zero (norm {norm:.3g}): "
            "CTranslate2 starts decoding from a zero vector, transformers from this embedding, so translations "
            "will differ from generate()")


def forces_eos(snapshot: Path) -> bool:
    """The snapshot's generation settings end every output at the length limit with ``</s>``
    (``forced_eos_token_id``: OPUS-MT).  ``generation_config.json`` is what ``generate()`` reads when
    the snapshot has one; older snapshots keep the setting in ``config.json``."""
    path = snapshot / "generation_config.json"
    if not path.is_file():
        path = snapshot / "config.json"
    return path.is_file() and read_json(path).get("forced_eos_token_id") is not None


# --- sources -----------------------------------------------------------------------------------

MODEL_ID_RE = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")


def download_snapshot(model_id: str, timeout: float) -> tuple[Path, str]:
    """Download the files a conversion needs; (snapshot directory, revision).  Fails fast offline."""
    import os

    from translate_pipeline.mt.index import fetch

    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
    try:
        info = json.loads(fetch(f"{endpoint}/api/models/{model_id}", timeout).decode("utf-8"))
    except PipelineError as exc:
        raise EnvironmentProblem(f"cannot download {model_id}: {str(exc).split(';')[0]}; {OFFLINE_HINT}") from exc
    except (ValueError, RecursionError) as exc:
        raise EnvironmentProblem(f"the Hugging Face Hub answered for {model_id} with invalid JSON ({exc})") from exc
    files = [s.get("rfilename", "") for s in info.get("siblings", []) if isinstance(s, dict)]
    weights = [f for f in files if f.endswith(".safetensors")] or [f for f in files if f.endswith(".bin")]
    wanted = [f for f in files if "/" not in f and (f.endswith((".json", ".model", ".spm", ".md")) or
                                                     f.startswith("LICENSE"))] + weights
    try:
        from huggingface_hub import snapshot_download
    except ImportError as exc:
        raise EnvironmentProblem(CONVERT_HINT) from exc
    try:
        path = snapshot_download(model_id, allow_patterns=wanted or None, etag_timeout=timeout)
    except Exception as exc:  # hub errors of every kind become one line
        raise EnvironmentProblem(f"cannot download {model_id} ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})"
                            f"; {OFFLINE_HINT}") from exc
    return Path(path), str(info.get("sha", ""))[:7]


SHA256_RE = re.compile(r"[0-9a-fA-F]{64}")


def verify_sha256(path: Path, expected: str | None) -> None:
    """Compare the file's SHA-256 with ``expected`` (64 hex digits) or with the first word of
    ``PATH.sha256`` beside it (a ``sha256sum`` line).

    Raises PipelineError (one line, naming the file) when neither is there, when the sidecar holds
    no SHA-256, and on a mismatch.
    """
    if not expected:
        sidecar = path.with_name(path.name + ".sha256")
        if not sidecar.is_file():
            raise PipelineError("an archive needs its SHA-256: give --sha256 HEX or put the "
                                f"`sha256sum` line in {sidecar.name}", path)
        words = sidecar.read_text("utf-8", errors="replace").split()
        if not words or not SHA256_RE.fullmatch(words[0]):
            raise PipelineError("holds no SHA-256 (64 hex digits, as `sha256sum` writes them)", sidecar)
        expected = words[0]
    expected = expected.strip().lower()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise PipelineError(f"SHA-256 mismatch: expected {expected}, file has {digest.hexdigest()} "
                            "(incomplete copy?)", path)


class _Bounded:
    """The decompressed stream of an archive, refused once it goes past ``limit`` bytes (tarfile reads and seeks it)."""

    def __init__(self, stream: gzip.GzipFile, limit: int, path: Path):
        self.stream, self.limit, self.path = stream, limit, path

    def _refuse(self) -> PipelineError:
        return PipelineError(f"decompresses to more than {self.limit / 2**20:.1f} MiB, the most an honest archive of "
                             f"its size unpacks to (a gzip bomb?)", self.path)

    def read(self, size: int = -1) -> bytes:
        room = self.limit + 1 - self.stream.tell()
        data = self.stream.read(room if size < 0 else min(size, room))
        if self.stream.tell() > self.limit:
            raise self._refuse()
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        target = offset + (self.stream.tell() if whence == 1 else 0)
        if whence != 2 and target > self.limit:  # a forward seek decompresses everything on the way
            raise self._refuse()
        return self.stream.seek(offset, whence)

    def tell(self) -> int:
        return self.stream.tell()


def unpack_archive(path: Path, into: Path) -> Path:
    """Unpack a ``.tar.gz`` holding one converted model directory; returns that directory.

    The archive is checked as a whole, as ``.argosmodel`` files are
    (:func:`~translate_pipeline.mt.packages.expansion_limit`): its decompressed stream and
    the sum of its members' sizes (a sparse member's is its full size) must fit the limit,
    so a small gzip bomb is refused before it fills the disk.
    """
    limit = expansion_limit(path.stat().st_size)
    try:
        with gzip.open(path, "rb") as stream, tarfile.open(fileobj=_Bounded(stream, limit, path), mode="r:") as tar:
            members = tar.getmembers()
            unpacked = sum(m.size for m in members if m.isreg())
            if unpacked > limit:
                raise PipelineError(f"members add up to {unpacked / 2**20:.1f} MiB, more than the {limit / 2**20:.1f} MiB "
                                    "an honest archive of its size unpacks to (sparse files? a tar bomb?)", path)
            roots = {PurePosixPath(m.name).parts[0] for m in members if PurePosixPath(m.name).parts}
            tar.extractall(into, filter="data")  # refuses absolute paths, '..', links out of the tree
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise PipelineError(f"not a readable .tar.gz ({exc})", path) from exc
    if len(roots) != 1 or not (into / roots.pop()).is_dir():
        raise PipelineError("the archive must hold one directory (the converted model)", path)
    return next(p for p in into.iterdir() if p.is_dir())


def _copy_tree(source: Path, destination: Path) -> None:
    shutil.copytree(source, destination, symlinks=False, dirs_exist_ok=True)


def _dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / (1 << 20), 1)


def model_name(source: str) -> str:
    """Directory and table name: the model id's last part, lower case (``nllb-200-distilled-600m``)."""
    stem = Path(source.rstrip("/")).name
    stem = re.sub(r"\.tar\.gz$|\.tgz$", "", stem)
    stem = re.sub(r"-ct2$", "", stem)
    name = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-")
    return name or "model"


def _pair_from_name(source: str) -> tuple[str, str] | None:
    """The last ``xx-yy`` of a model name: ``kazRush-ru-kk``, ``opus-mt-ru-en`` (not its ``mt-ru``)."""
    found = re.findall(r"(?<![a-z])(?=([a-z]{2})-([a-z]{2})(?![a-z]))", Path(source).name.lower())
    return found[-1] if found else None


def _new_manifest(family: Family, source: str, **details) -> Manifest:
    """A manifest for a model of ``family``, its tokenizer files named as the family names them."""
    files = family.tokenizer_files
    return Manifest(kind=family.name, source=source, tokenizer=files[0],
                    target_tokenizer=files[1] if len(files) > 1 else "", **details)


def read_arguments(source: str, preset: str | None, quantization: str, name: str | None) -> tuple[Path, str, str]:
    """``(path, origin, name)`` of ``models add``'s arguments (see :func:`add_model`): ``origin`` the
    resolved path or the model id, ``name`` the one given or :func:`model_name`'s.  A one-line
    PipelineError (bad input) for an unknown preset or quantization, a SOURCE that is neither a path
    nor a model id, or a name that cannot name a directory -- before anything is read or written."""
    if preset is not None and preset not in PRESETS:
        raise PipelineError(f"unknown preset {preset!r} (one of {', '.join(PRESETS)})")
    if quantization not in QUANTIZATIONS:
        raise PipelineError(f"unknown quantization {quantization!r} (one of {', '.join(QUANTIZATIONS)})")
    path = Path(source).expanduser()
    if path.exists():
        origin = str(path.resolve())
    elif MODEL_ID_RE.fullmatch(source) and not source.startswith((".", "/")):
        origin = source
    else:
        raise PipelineError("no such directory or file, and not a Hugging Face model id (owner/name)", path)
    name = name or model_name(source)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise PipelineError(f"model name {name!r} must be lower-case letters, digits, '-' or '_'")
    return path, origin, name


Select = Callable[[str, list[str]], list[str]]  # (model name, pairs it can serve) → pairs to configure


def add_model(source: str, models_dir: Path, source_lang: str, target_langs: list[str], *,
              preset: str | None = None, name: str | None = None, quantization: str = "int8",
              pairs: list[str] | None = None, timeout: float = 10.0, select: Select | None = None) -> AddedModel:
    """Convert or install ``source`` under ``models_dir/<name>``; nothing is left behind on error.

    ``select(name, servable)`` picks the pairs to configure among those the model can serve (``pairs``,
    or the project's source to every target it has tokens for); it may raise to refuse, before
    anything is moved into ``models_dir``.  The framing is recorded from the snapshot's tokenizer
    (a converted directory: from the tokenizer files beside it when transformers is installed; else
    the manifest's, else the family's default).

    Raises :class:`PipelineError` (one line) for: a directory that is not a model, an unknown
    architecture, a missing tokenizer file, a preset that does not match, no network for a model
    id, a missing ``convert`` extra, a model without tokens for the languages, a tokenizer whose
    framing the engine cannot reproduce.  A ``.tar.gz`` is unpacked as it is: its SHA-256 is the
    caller's to check first (:func:`verify_sha256`).
    """
    path, origin, name = read_arguments(source, preset, quantization, name)
    revision = ""
    destination = models_dir / name
    created = not models_dir.exists()
    models_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(models_dir, (".adding-",))  # what a killed `models add` left
    held, staging = staging_directory(models_dir, f".adding-{name}-")
    converted, warnings, forced_eos = True, [], False
    prebuilt = path.is_file() or (path.is_dir() and (path / "model.bin").is_file())
    ok = False
    try:
        if path.is_file():
            if not path.name.endswith((".tar.gz", ".tgz")):
                raise PipelineError("a model file must be a .tar.gz of a converted model directory", path)
            model_dir = unpack_archive(path, staging / "unpacked")
            manifest = _install_converted(model_dir, staging / "model", preset, origin, source_lang, target_langs)
        elif path.is_dir() and (path / "model.bin").is_file():
            manifest = _install_converted(path, staging / "model", preset, origin, source_lang, target_langs)
        else:
            if path.is_dir():
                snapshot = path
                origin, revision = _snapshot_identity(path.resolve())
            else:
                snapshot, revision = download_snapshot(source, timeout)
            family = detect_family(snapshot)
            if preset and preset != family.name:
                raise PipelineError(f"the model is {family.name}, not {preset} (config.json model_type; "
                                    "omit PRESET to detect it)", snapshot)
            manifest = _new_manifest(family, origin, version=revision, license=_license(snapshot),
                                     quantization=quantization, max_input_length=_max_input_length(snapshot, family))
            forced_eos = forces_eos(snapshot)
            if family.token_pattern is None:  # needs no vocabulary to know its pair: fail before a long conversion
                _routes(manifest, source, source_lang, target_langs, pairs)
            previous = read_manifest(destination)
            derived = ("language_tokens", "framing")
            if previous is not None and (destination / "model.bin").is_file() and \
                    {**asdict(previous), **dict.fromkeys(derived)} == {**asdict(manifest), **dict.fromkeys(derived)}:
                manifest, converted = previous, False  # same source, same settings: keep the conversion
                if manifest.framing is None:  # converted before framing was recorded: record it now
                    manifest = manifest.with_framing(
                        _derived_framing(snapshot, destination, manifest, source_lang, target_langs))
            else:
                warnings = convert_snapshot(snapshot, staging / "model", family, quantization)
                for file in family.tokenizer_files + _ALSO_COPIED:
                    if (snapshot / file).is_file():
                        shutil.copy2(snapshot / file, staging / "model" / file)
                manifest = _with_language_tokens(manifest, staging / "model")
                manifest = manifest.with_framing(
                    _derived_framing(snapshot, staging / "model", manifest, source_lang, target_langs))
                write_manifest(manifest, staging / "model")
        languages, routed = _routes(manifest, source, source_lang, target_langs, pairs)
        servable = _servable(manifest, source, source_lang, target_langs, routed)
        if select is not None:
            routed = select(name, routed)
        if converted:
            if destination.exists():
                shutil.rmtree(destination)
            (staging / "model").rename(destination)
        elif read_manifest(destination) != manifest:
            write_manifest(manifest, destination)
        ok = True
        return AddedModel(name, destination, manifest, languages, routed, _dir_size_mb(destination), converted,
                          prebuilt, tuple(dict.fromkeys([*routed, *servable])), tuple(warnings), forced_eos)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(held)
        if created and not ok and not any(models_dir.iterdir()):
            models_dir.rmdir()  # a failed add changes nothing


def _derived_framing(tokenizer_dir: Path, model_dir: Path, manifest: Manifest, source_lang: str,
                     target_langs: list[str]) -> Framing:
    """The framing the tokenizer saved in ``tokenizer_dir`` gives for the model in ``model_dir``
    (:func:`~translate_pipeline.mt.framing.derive_framing`), probed with the project's languages."""
    family = FAMILIES[manifest.kind]
    tokens = {lang: family.token(lang, manifest.language_tokens) or "" for lang in [source_lang, *target_langs]}
    target = next((tokens[t] for t in target_langs if tokens[t]), "")
    source_tokenizer = load_tokenizer(model_dir / manifest.tokenizer)
    target_tokenizer = load_tokenizer(model_dir / manifest.target_tokenizer) if manifest.target_tokenizer \
        else source_tokenizer
    return derive_framing(tokenizer_dir, family, {SOURCE: tokens[source_lang], TARGET: target},
                          source_tokenizer.encode, target_tokenizer.encode)


def _install_converted(model_dir: Path, into: Path, preset: str | None, origin: str, source_lang: str,
                       target_langs: list[str]) -> Manifest:
    """Copy an already converted CTranslate2 directory; its manifest (or PRESET) says how to frame it.

    A manifest without a recorded framing gets one from the tokenizer files beside the model when
    transformers is installed; without it the family's default frames the model."""
    manifest = read_manifest(model_dir)
    if manifest is None:
        if preset is None:
            raise PipelineError(f"a converted model without {MANIFEST} needs PRESET "
                                f"({', '.join(PRESETS)})", model_dir)
        manifest = _new_manifest(FAMILIES[preset], origin)
    elif preset and preset != manifest.kind:
        raise PipelineError(f"the model is {manifest.kind}, not {preset} ({MANIFEST})", model_dir)
    for file in filter(None, (manifest.tokenizer, manifest.target_tokenizer)):
        if not (model_dir / file).is_file():
            raise PipelineError(f"missing tokenizer file {file} beside model.bin", model_dir)
    _copy_tree(model_dir, into)
    manifest = _with_language_tokens(manifest, into)
    if manifest.framing is None:
        try:
            manifest = manifest.with_framing(_derived_framing(into, into, manifest, source_lang, target_langs))
        except FramingUnavailable:
            pass  # no transformers here: the family's default frames it
    write_manifest(manifest, into)
    return manifest


def _with_language_tokens(manifest: Manifest, model_dir: Path) -> Manifest:
    """The manifest with the language tokens of the converted vocabulary."""
    vocabulary = read_vocabulary(model_dir)
    if vocabulary is None:
        raise PipelineError("converted model has no vocabulary file", model_dir)
    tokens = FAMILIES[manifest.kind].language_tokens(vocabulary.target)
    return Manifest(**{**asdict(manifest), "language_tokens": tokens})


def _routes(manifest: Manifest, source: str, source_lang: str, target_langs: list[str],
            pairs: list[str] | None) -> tuple[dict[str, str], list[str]]:
    """Language tokens for the project's languages and the pairs the model will serve.

    A model without language tokens (T5, a single-target OPUS-MT) serves one pair: ``--pair`` or
    the one in its name; one with tokens serves the project's pairs it has the tokens for.
    """
    family, tokens = FAMILIES[manifest.kind], manifest.language_tokens
    languages = {lang: tok for lang in [source_lang, *target_langs] if (tok := family.token(lang, tokens))}
    # The languages whose token the framing uses (none when the model has no tokens and may do without).
    framing = manifest.recorded_framing() or family.framing
    needed = framing.placeholders() if tokens or family.tokens_required else []
    needs_source, needs_target = SOURCE in needed, TARGET in needed
    if pairs:
        wanted = [parse_pair(p) for p in pairs]  # checked by the CLI
    elif not tokens and not family.tokens_required:
        pair = _pair_from_name(manifest.source if "/" in manifest.source else source)
        if pair is None:
            raise PipelineError("which pair does this model translate? give --pair SRC-TGT (e.g. --pair ru-kk)")
        wanted = [pair]
    else:
        wanted = [(source_lang, t) for t in target_langs]
    routed = []
    for src, tgt in wanted:
        if (needs_source and src not in languages) or (needs_target and tgt not in languages):
            if pairs:
                missing = src if needs_source and src not in languages else tgt
                raise PipelineError(f"the model has no language token for {missing!r}")
            continue
        routed.append(f"{src}-{tgt}")
    if not routed:
        raise PipelineError(f"the model has no language token for any of {', '.join(target_langs)} "
                            f"(found {len(tokens)} language tokens)")
    return (languages if tokens else {}), routed


def _servable(manifest: Manifest, source: str, source_lang: str, target_langs: list[str],
              routed: list[str]) -> list[str]:
    """Every pair of the project the model could serve (what it would route without ``--pair``), so
    that ``models add --pair`` can tell the others it leaves; ``routed`` when that cannot be told."""
    try:
        return _routes(manifest, source, source_lang, target_langs, None)[1]
    except PipelineError:  # a single-pair model whose name gives no pair: it serves what --pair said
        return routed


USER_KEYS = ("disable_unk",)  # written by models add as a default; the user's choice wins on re-runs


def write_model_table(config_path: Path, name: str, table: dict,
                      retarget: dict[str, list[str] | None] | None = None) -> bool:
    """Put ``[mt.models.<name>]`` into ``translate-pipeline.toml`` (tomlkit keeps comments and order).

    Returns False when the file already said exactly this (re-running ``models add``). Settings the
    user put into an existing table and ``models add`` does not derive from the model
    (``disable_unk``, ``repetition_penalty``, ``source_prefix``, …) are kept.  ``retarget`` gives
    other tables their new ``pairs`` (None: the table is removed) when this one takes routes over.
    """
    import tomlkit

    document, models = _model_tables(config_path)
    new = tomlkit.table()
    existing = models.get(name, {})
    table = {**table, **{key: existing[key] for key in USER_KEYS if key in existing}}
    table.update({key: value for key, value in existing.items() if key not in table})
    for key, value in table.items():
        if isinstance(value, dict):
            inline = tomlkit.inline_table()
            inline.update(value)
            new[key] = inline
        else:
            new[key] = value
    if name in models and models[name].unwrap() == new.unwrap() and not retarget:
        return False
    models[name] = new
    _retarget(config_path, document, models, retarget or {})
    return True


def retarget_model_tables(config_path: Path, retarget: dict[str, list[str] | None]) -> None:
    """Give ``[mt.models.<name>]`` tables new ``pairs`` (None: remove the table), as ``models remove``
    does; tomlkit keeps the rest of ``translate-pipeline.toml`` (comments, order) as it was."""
    document, models = _model_tables(config_path)
    _retarget(config_path, document, models, retarget)


def _model_tables(config_path: Path):
    """``(document, its [mt.models] table)`` of ``translate-pipeline.toml`` (created empty where missing)."""
    import tomlkit

    text = config_path.read_text("utf-8") if config_path.is_file() else ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise PipelineError(f"invalid TOML ({exc})", config_path) from exc
    mt = document.get("mt")
    if mt is None:
        mt = tomlkit.table(is_super_table=True)
        document["mt"] = mt
    models = mt.get("models")
    if models is None:
        models = tomlkit.table(is_super_table=True)
        mt["models"] = models
    return document, models


def _retarget(config_path: Path, document, models, retarget: dict[str, list[str] | None]) -> None:
    """Apply ``retarget`` to the tables in ``models`` and write ``document`` (atomically)."""
    import tomlkit

    from translate_pipeline.core.fs import atomic_write

    for other, pairs in retarget.items():
        if pairs is None:
            del models[other]
        else:
            models[other]["pairs"] = pairs
    atomic_write(config_path, tomlkit.dumps(document))
