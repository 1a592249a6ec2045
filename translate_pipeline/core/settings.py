"""Project settings: one schema for every table of ``translate-pipeline.toml``, checked once at load.

The working directory (or ``-C DIR``) is the translation project.  Every table
a stage reads is declared here, once, as a frozen dataclass mirroring its TOML
shape, and :func:`load_config` validates the whole file with pydantic (strict
types, unknown keys forbidden, every number within its range) before any
command does anything: a misspelt table or key (``[publsh]``, ``[qa] strictt``)
or an out-of-range number (``[mt] beam_size = 100000``) is a one-line error
naming the file, the key and the known names or the allowed range, whatever
command runs.  Stages use these dataclasses as they are and derive only what
follows from them (resolved paths, thread counts: e.g.
:func:`translate_pipeline.mt.settings.load_settings`); none re-declares a field.
"""
from __future__ import annotations

import gc
import os
import sys
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from annotated_types import Interval
from pydantic import ConfigDict, Field, Strict, TypeAdapter, ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from translate_pipeline.core.encoding import is_text_encoding
from translate_pipeline.core.errors import PipelineError, os_error
from translate_pipeline.core.langs import Tag

CONFIG_NAME = "translate-pipeline.toml"
NESTED_TOO_DEEPLY = "tables or arrays nested too deeply inside each other"
_STRICT = ConfigDict(extra="forbid")
# Strict scalars: TOML has types, so "4" for a number or 1 for a boolean is a mistake, not a value to coerce.
Bool = Annotated[bool, Strict()]
Str = Annotated[str, Strict()]
Severity = Literal["error", "warning", "info"]


def Integer(low: int, high: int) -> Any:
    """An integer setting from ``low`` to ``high``, both included.

    Every number has an upper bound as well: a value far beyond what makes sense
    (``beam_size = 100000``, or 10^23, which CTranslate2 cannot even take) is a
    config error at load, not minutes of decoding or a crash deep inside a run.
    """
    return Annotated[int, Strict(), Interval(ge=low, le=high)]


def Number(low: float, high: float, *, above: bool = False) -> Any:
    """A finite number setting from ``low`` (excluded when ``above``) to ``high``; an integer is accepted.

    TOML's ``nan`` and ``inf`` are refused.
    """
    bounds = Interval(gt=low, le=high) if above else Interval(ge=low, le=high)
    return Annotated[float, Strict(), bounds, Field(allow_inf_nan=False)]


# Numbers used by several tables.
Penalty = Number(0, 10, above=True)  # CTranslate2's repetition_penalty: 1 = off, > 1 discourages repeats
NgramSize = Integer(0, 32)  # no_repeat_ngram_size: 0 = off
OUTPUT = "affects_output"  # field metadata key: see affects_output()


def affects_output(default: Any) -> Any:
    """A decoding setting that changes what the model writes (not only how fast).

    Such fields, and only they, make up :func:`output_settings`: the MT cache key and
    the ``MT-state`` stamp of catalog entries.  A new decoding option declared with it
    re-keys the cache with no other edit.
    """
    return field(default=default, metadata={OUTPUT: True})


def parse_pair(text: str) -> tuple[str, str] | None:
    """``"ru-kk"`` or ``"ru→kk"`` → ``("ru", "kk")``; None when it is not two codes."""
    parts = text.replace("→", "-").split("-")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


# CTranslate2's compute types (its docs: "Quantization"); "default" keeps the type the model was
# converted with, "auto" takes the fastest the device supports.
ComputeType = Literal["default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                      "float16", "bfloat16", "float32"]
# The weight types `models add --quantization` converts to: the compute types that name one.
QUANTIZATIONS = tuple(t for t in typing.get_args(ComputeType) if t not in ("default", "auto"))

# The model families of translate_pipeline.mt.families (one registry entry each): the framing a
# [mt.models.*] table asks for.  Declared here so the schema checks it at load, before any MT code runs.
ModelKind = Literal["nllb", "m2m100", "t5", "madlad", "marian", "plain"]


@dataclass(frozen=True)
class MTModelTable:
    """``[mt.models.<name>]``: a CTranslate2 model that is not an Argos package (``models add`` writes it).

    ``kind`` names the model family, which says how a segment is framed (see
    ``translate_pipeline.mt.families``); ``languages`` maps project codes to the model's own
    language *tokens* (``kk = "kaz_Cyrl"``, ``"__kk__"``, ``"<2kk>"``, ``">>kaz_Cyrl<<"``), each of
    which must be one entry of the model's vocabulary.  Families whose framing needs the tokens
    refuse a table without them when the MT settings load.
    """

    __pydantic_config__ = _STRICT
    path: Str
    tokenizer: Str  # SentencePiece model for the source (and target, unless target_tokenizer)
    kind: ModelKind = "plain"
    target_tokenizer: Union[Str, None] = None
    languages: dict[str, Str] = field(default_factory=dict)  # project code → model language token
    pairs: list[Str] = field(default_factory=list)  # "ru-kk"; empty: every pair among languages
    version: Str = ""
    source_prefix: Str = affects_output("")  # text put before every source (T5 task prefixes); may use {source} {target}
    source: Str = ""  # where it came from: Hugging Face model id or directory (provenance, models list)
    license: Str = ""  # e.g. "cc-by-nc-4.0"; models list flags non-commercial ones
    size_mb: Number(0, 1 << 20) = 0.0  # up to a TiB
    # source tokens incl. specials; a longer segment is translated in clauses; 0: the position table's
    max_input_length: Integer(0, 1_000_000) = affects_output(0)
    disable_unk: Bool = affects_output(False)  # never emit <unk> (NLLB otherwise writes ⁇ for some quotes and dashes)
    repetition_penalty: Penalty = affects_output(1.0)  # replaces [mt]'s for this model
    no_repeat_ngram_size: NgramSize = affects_output(0)
    # At the decoding limit, </s> replaces the last token, as generate() with the model's
    # forced_eos_token_id does (OPUS-MT); `models add` sets it from the snapshot's generation config.
    forced_eos: Bool = affects_output(False)

    def __post_init__(self) -> None:
        for pair in self.pairs:
            if parse_pair(pair) is None:
                raise ValueError(f"pairs must look like \"ru-kk\", not {pair!r}")


@dataclass(frozen=True)
class MTRayTable:
    """``[mt.ray]``: the MT stage on a Ray cluster (``[mt] backend = "ray"`` or ``translate --backend ray``).

    ``actors`` translators run in parallel, each reserving ``num_cpus`` CPUs and ``num_gpus``
    GPUs of its node and decoding ``batch_size`` segments per Ray Data batch with the
    ``[mt]`` engine settings (``inter_threads`` × ``intra_threads`` threads each).  The
    driver merges and writes ``chunk_articles`` articles at a time, so its memory does
    not grow with the archive.
    """

    __pydantic_config__ = _STRICT
    address: Str = ""  # "": a local Ray (or RAY_ADDRESS); "auto", "HOST:PORT", "ray://HOST:PORT"
    actors: Integer(1, 10_000) = 1
    num_cpus: Number(0, 1024) = 1.0
    num_gpus: Number(0, 64) = 0.0
    batch_size: Integer(1, 1_000_000) = 256  # segments per Ray Data batch (the unit retried when an actor dies)
    chunk_articles: Integer(1, 1_000_000) = 1000  # articles merged, translated and written per driver step
    # seconds the actors may take to be placed and load their model before the run stops (none placed: no hang)
    start_timeout: Number(1, 86_400) = 600.0

    def __post_init__(self) -> None:
        if self.address and ray_hostport(self.address) is None:
            raise ValueError(f"address {RAY_ADDRESS_RULE}, not {self.address!r}")


RAY_ADDRESS_RULE = "must be HOST:PORT, ray://HOST:PORT or auto"


def ray_hostport(address: str) -> tuple[str, int] | None:
    """``(host, port)`` of a Ray address (``HOST:PORT``, ``ray://HOST:PORT``); ``("", 0)`` for ``auto``
    (the cluster this machine belongs to); None for anything else."""
    if address == "auto":
        return "", 0
    host, _, port = address.split("://", 1)[-1].rpartition(":")
    if not host or not port.isdigit() or any(c.isspace() for c in host) or int(port) > 65535:
        return None
    return host, int(port)


@dataclass(frozen=True)
class DecodeOptions:
    """The decoding keys of ``[mt]``: how CTranslate2 loads a model and decodes (README: Engine settings).

    Every MT engine works with this object (``MTSettings.decode``, thread counts filled in for
    the machine).  Fields declared with :func:`affects_output` change the translation and key the
    MT cache (:func:`output_settings`); ``device``, the thread counts and ``max_batch_size``
    change only the speed.
    """

    __pydantic_config__ = _STRICT
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    # "default": the type the model was converted with (float32 stays float32); see ComputeType
    compute_type: ComputeType = affects_output("default")
    inter_threads: Union[Integer(1, 1024), None] = None  # None: split the machine's cores
    intra_threads: Union[Integer(0, 1024), None] = None  # 0: CTranslate2's own default
    # Glossary n-best asks for up to 32 hypotheses; a wider beam only costs time.
    beam_size: Integer(1, 32) = affects_output(4)
    # Beam search stops when beam_size × patience hypotheses have ended (CTranslate2's patience,
    # Kasai et al. 2022, "Beam Decoding with Controlled Patience"): 1 is generate(early_stopping=True).
    patience: Number(1, 32) = affects_output(1.0)
    max_batch_size: Integer(1, 65_536) = 32  # examples per batch
    length_penalty: Number(-10, 10) = affects_output(1.0)
    # max_decoding_length = ratio * input tokens + extra; models have at most a few thousand positions
    max_length_ratio: Number(0, 10, above=True) = affects_output(2.0)
    max_length_extra: Integer(0, 4096) = affects_output(16)
    max_decoding_length: Integer(0, 4096) = affects_output(0)  # > 0: fixed limit; 0: from input length
    min_decoding_length: Integer(0, 4096) = affects_output(1)
    repetition_penalty: Penalty = affects_output(1.0)  # > 1 penalises tokens already produced
    no_repeat_ngram_size: NgramSize = affects_output(0)  # > 0: no n-gram of this size twice
    retry_repetition: Bool = affects_output(True)  # decode a looping output again with the retry settings below
    retry_repetition_penalty: Penalty = affects_output(1.3)
    retry_no_repeat_ngram_size: NgramSize = affects_output(4)


def output_settings(options: DecodeOptions) -> dict[str, object]:
    """``{name: value}`` of the settings that change what the model writes (see :func:`affects_output`).

    Works for any dataclass: a field added with ``affects_output`` is included with no other edit.
    """
    return {f.name: getattr(options, f.name) for f in fields(options) if f.metadata.get(OUTPUT)}


@dataclass(frozen=True)
class MTTable(DecodeOptions):
    """``[mt]``: the decoding keys (:class:`DecodeOptions`), where models live, the cache and the backend."""

    __pydantic_config__ = _STRICT
    packages_dir: Union[Str, None] = None  # None: Argos' own directory (ARGOS_PACKAGES_DIR …)
    pivots: Union[Str, list[Str]] = "en"  # preferred pivot languages, tried first
    index_timeout: Number(0, 3600, above=True) = 10.0  # seconds
    max_package_mb: Integer(1, 1 << 20) = 4096  # uncompressed size accepted for an .argosmodel
    cache: Bool = True  # persistent MT cache beside the TM (mt/cache.py)
    cache_max_mb: Integer(1, 1 << 20) = 1024  # the cache's bound; least recently used entries are dropped first
    models: dict[str, MTModelTable] = field(default_factory=dict)
    backend: Literal["local", "ray"] = "local"  # "ray": actors on a Ray cluster, see [mt.ray]
    ray: MTRayTable = field(default_factory=MTRayTable)


@dataclass(frozen=True)
class TMTable:
    """``[tm]``: the translation memory database and how its matches are used (the TM works with it as it is)."""

    __pydantic_config__ = _STRICT
    path: Annotated[str, Strict(), Field(min_length=1)] = "tm/memory.sqlite"  # see ProjectConfig.tm_path
    threshold: Number(0, 100, above=True) = 75.0  # minimum fuzzy score (0–100)
    trust_exact: Bool = False  # exact matches of reviewed units are filled as final, not fuzzy
    max_matches: Integer(1, 100) = 3  # top-k fuzzy matches kept per lookup


@dataclass(frozen=True)
class GlossaryTable:
    """``[glossary]``: how MT is steered towards the term base."""

    __pydantic_config__ = _STRICT
    enforce: Bool = True  # steer MT towards the glossary (n-best, then code-switching)
    n_best: Integer(1, 32) = 4  # hypotheses requested per segment in the first step


@dataclass(frozen=True)
class QATable:
    """``[qa]``: checks switched off, severities, names and ratios (check names are checked by QA)."""

    __pydantic_config__ = _STRICT
    disabled: list[Str] = field(default_factory=list)
    known_names: list[Str] = field(default_factory=list)  # foreign-script words that are fine
    kazakh_min_words: Integer(1, 1000) = 6  # a Kazakh sentence this long is expected to show a Kazakh letter
    severity: dict[str, Severity] = field(default_factory=dict)  # check → severity override
    length_ratio: dict[str, list[Number(0, 100, above=True)]] = field(default_factory=dict)  # "ru-en" → [min, max]

    def __post_init__(self) -> None:
        for pair, bounds in self.length_ratio.items():
            if len(bounds) != 2 or not 0 < bounds[0] < bounds[1]:
                raise ValueError(f"length_ratio {pair} must be [min, max] with 0 < min < max")


@dataclass(frozen=True)
class SourceTable:
    """``[source]``: how article files are read."""

    __pydantic_config__ = _STRICT
    # An archive in another encoding, read as it is (a file that is valid UTF-8 is still read as UTF-8).
    encoding: Str = "utf-8"

    def __post_init__(self) -> None:
        if not is_text_encoding(self.encoding):
            raise ValueError(f"encoding {self.encoding!r} is no text encoding Python knows (e.g. \"cp1251\", "
                             "\"koi8_r\", \"utf-16\")")


@dataclass(frozen=True)
class PublishTable:
    """``[publish]``: the site's address and name, its front pages and feeds, the Kazakh Latin
    edition and the project's own page templates and interface words."""

    __pydantic_config__ = _STRICT
    kk_latin: Bool = True
    templates: Union[Str, None] = None  # a directory of Jinja2 templates (and locale/), relative to the project
    base_url: Union[Str, None] = None  # where --out is served, "https://news.example.kz/": absolute links, feeds
    site_name: Union[Str, None] = None  # the newsroom's name (front pages, og:site_name, feeds); default project_name
    source_front_page: Literal["root", "folder"] = "root"  # the source language's front page: index.html or <lang>/
    feed_entries: Integer(1, 1000) = 20  # articles per language feed, newest first


@dataclass
class ProjectConfig:
    """The project: its directory, languages, folders and every stage's settings table.

    :func:`load_config` validates the file against these fields (``root`` is the directory, not a setting).
    """

    __pydantic_config__ = _STRICT
    root: Annotated[Path, Strict()]
    source_lang: Str = "ru"
    target_langs: Union[Str, list[Str]] = field(default_factory=lambda: ["en", "kk"])  # a list after loading
    articles_dir: Str = "articles"
    locales_dir: Str = "locales"
    glossary_dir: Str = "glossary"
    project_name: Str = "translate-pipeline"  # Project-Id-Version prefix
    source: SourceTable = field(default_factory=SourceTable)
    mt: MTTable = field(default_factory=MTTable)
    tm: TMTable = field(default_factory=TMTable)
    glossary: GlossaryTable = field(default_factory=GlossaryTable)
    qa: QATable = field(default_factory=QATable)
    publish: PublishTable = field(default_factory=PublishTable)

    @property
    def articles_path(self) -> Path:
        return self.root / self.articles_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def glossary_path(self) -> Path:
        return self.root / self.glossary_dir

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def tm_path(self) -> Path:
        """The translation memory database (``[tm] path``, relative to the project directory)."""
        return resolve_path(self.root, self.tm.path)


_PROJECT = TypeAdapter(ProjectConfig)
_TABLES = {f.name: f.default_factory for f in fields(ProjectConfig)
           if f.name in ("source", "mt", "tm", "glossary", "qa", "publish")}


def resolve_path(root: Path, value: str) -> Path:
    """A path setting: ``~`` expanded, a relative one taken from the project directory ``root``."""
    path = Path(os.path.expanduser(value))
    return path if path.is_absolute() else root / path


def split_list(value: str) -> list[str]:
    """``"en, kk"`` → ``["en", "kk"]``: a comma-separated setting or command-line option."""
    return [v.strip() for v in value.split(",") if v.strip()]


def validate_table(name: str, table: dict[str, Any], where: Path | None = None) -> Any:
    """One table checked against its schema (``name`` of :data:`_TABLES`); raises a one-line error."""
    try:
        return TypeAdapter(type(_TABLES[name]())).validate_python(table)
    except ValidationError as exc:
        raise PipelineError(_describe(exc, (name,)), where) from exc


def _parse_toml(text: str) -> dict:
    """:func:`tomllib.loads` with the garbage collector paused: a collection that starts a thousand
    frames deep (arrays nested that far) runs other objects' finalizers there, where they hit the
    recursion limit and print ``Exception ignored …`` on stderr instead of the one-line error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return tomllib.loads(text)
    finally:
        if enabled:
            gc.enable()


def load_config(root: Path | str = ".") -> ProjectConfig:
    """Read and validate ``translate-pipeline.toml`` in ``root`` (defaults when there is none).

    Raises :class:`PipelineError` naming the file (and the line, for TOML syntax) on any
    unreadable file, syntax error, unknown table or key, wrongly typed or out-of-range value.
    """
    root = Path(root).resolve()
    path = root / CONFIG_NAME
    if not path.exists():
        return ProjectConfig(root=root)
    try:
        data = _parse_toml(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PipelineError(f"invalid TOML: {exc}", path, getattr(exc, "lineno", None)) from exc
    except UnicodeDecodeError as exc:
        raise PipelineError("not UTF-8 text", path) from exc
    except OSError as exc:
        raise os_error("cannot read", exc, path) from exc
    except RecursionError:  # tomllib recurses once per nested table or array
        data = None  # raised below, so that the parser's thousand frames are freed now, not kept by the error
    if data is None:
        raise PipelineError(f"invalid TOML: {NESTED_TOO_DEEPLY}", path)
    if "root" in data:  # the directory is where the file is, not a setting
        raise PipelineError(f"unknown setting 'root' (known: {', '.join(sorted(_settable(ProjectConfig)))})", path)
    try:
        config = _PROJECT.validate_python({**data, "root": root})
    except ValidationError as exc:
        raise PipelineError(_describe(exc, ()), path) from exc
    if isinstance(config.target_langs, str):
        config.target_langs = split_list(config.target_langs)
    try:  # a misspelt language would only show as oddly named catalogs
        config.source_lang = Tag.parse(config.source_lang).catalog
        config.target_langs = [Tag.parse(code).catalog for code in config.target_langs]
    except PipelineError as exc:
        raise PipelineError(exc.message, path) from exc
    return config


_EXPECTED = {
    "int_type": "an integer", "float_type": "a number", "bool_type": "true or false", "string_type": "a string",
    "list_type": "a list", "dict_type": "a table", "dataclass_type": "a table", "model_type": "a table",
    "string_too_short": "a non-empty string", "finite_number": "a finite number",
}
_OUT_OF_RANGE = {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "finite_number"}


def _describe(exc: ValidationError, prefix: tuple[str, ...]) -> str:
    """The first error of a validation, as a person would say it: ``[qa] unknown setting 'strictt' (known: …)``,
    ``[mt] beam_size must be from 1 to 32, got 100000``."""
    error = exc.errors()[0]
    raw = prefix + tuple(error["loc"])
    # Unions report the alternative they tried in the location ("str", "list[str]"): not a key.
    loc = tuple(part for part in raw if part not in ("str", "list[str]", "none", "int"))
    kind = error["type"]
    if kind == "value_error":  # a whole-table rule (__post_init__)
        return f"[{'.'.join(map(str, loc))}] {error['msg'].removeprefix('Value error, ')}"
    if loc and isinstance(loc[-1], int):  # an item of a list: ru-en[0]
        loc = (*loc[:-2], f"{loc[-2]}[{loc[-1]}]")
    *tables, key = tuple(map(str, loc)) if loc else ("",)
    label = f"[{'.'.join(tables)}] " if tables else ""
    if len(loc) < len(raw) and kind in ("string_type", "list_type"):
        return f"{label}{key} must be a string or a list of strings, got {_quoted(error['input'])}"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        if not tables and isinstance(error.get("input"), dict):
            return f"unknown table [{key}] (known tables: {', '.join(sorted(_TABLES))})"
        schema = _schema_at(tuple(tables))
        known = f" (known: {', '.join(sorted(_settable(schema)))})" if schema else ""
        return f"{label}unknown setting {key!r}{known}"
    if kind == "missing":
        return f"{label}needs {key} = \"…\""
    if kind == "literal_error":
        expected = error["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        return f"{label}{key} must be one of {expected}, not {_quoted(error['input'])}"
    bounds = _interval(_type_at(raw)) if kind in _OUT_OF_RANGE else None
    if bounds is not None:
        finite = "a finite number " if kind == "finite_number" else ""
        return f"{label}{key} must be {finite}{range_text(bounds)}, got {_quoted(error['input'])}"
    expected = _EXPECTED.get(kind)
    text = expected.format(**error.get("ctx", {})) if expected else error["msg"].lower()
    return f"{label}{key} must be {text}, got {_quoted(error['input'])}"


def _quoted(value: Any, limit: int = 60) -> str:
    """A setting's value as the error line shows it: ``repr``, cut short (a hostile file may hold megabytes)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 1]}…"


def range_text(bounds: Interval) -> str:
    """``from 1 to 32``, ``above 0, at most 100``: the allowed values of a setting declared with
    :func:`Integer` or :func:`Number`."""
    low = f"from {bounds.ge}" if bounds.gt is None else f"above {bounds.gt},"
    return f"{low} {'to' if bounds.gt is None else 'at most'} {bounds.le}"


def _type_at(loc: tuple) -> Any:
    """The declared type of the setting at a validation location (``("mt", "beam_size")``), or None."""
    hint: Any = ProjectConfig
    for part in loc:
        hint = _unwrap(hint)
        if is_dataclass(hint) and isinstance(part, str):
            hint = typing.get_type_hints(hint, include_extras=True).get(part)
        elif typing.get_origin(hint) in (dict, list):
            hint = typing.get_args(hint)[-1]  # a table's or a list's values
        else:
            return None
    return hint


def _unwrap(hint: Any) -> Any:
    """``Optional[X]`` → ``X``."""
    if typing.get_origin(hint) is Union:
        return next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint


def _interval(hint: Any) -> Interval | None:
    """The range an ``Integer``/``Number`` type declares (looking through ``Optional``)."""
    if typing.get_origin(hint) is Union:
        return next(filter(None, map(_interval, typing.get_args(hint))), None)
    return next((m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Interval)), None)


def _schema_at(tables: tuple[str, ...]) -> Any:
    """The dataclass that describes the table at ``tables`` (None where keys are free, e.g. [qa.severity])."""
    if not tables:
        return ProjectConfig
    if len(tables) == 1 and tables[0] in _TABLES:
        return type(_TABLES[tables[0]]())
    if len(tables) == 3 and tables[:2] == ("mt", "models"):
        return MTModelTable
    if tables == ("mt", "ray"):
        return MTRayTable
    return None


def _settable(schema: Any) -> list[str]:
    """The keys a table accepts."""
    return [f.name for f in fields(schema) if f.name != "root"]
