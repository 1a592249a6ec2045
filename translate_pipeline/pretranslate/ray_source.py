"""Machine translation on a Ray cluster (``translate --backend ray``): same engines, more machines.

The driver (the ``translate`` process) resolves the route of a language pair as
the local backend does, then hands the pair's unique pending segments to Ray
Data::

    ray.data.from_items([{"index": i, "text": t}, ...])
        .map_batches(TranslateActor, batch_size=[mt.ray] batch_size,
                     compute=ActorPoolStrategy(size=[mt.ray] actors), num_cpus=…, num_gpus=…)

Each :class:`TranslateActor` builds the engine of the route and loads its
CTranslate2 model(s) **once**, in ``__init__``, then turns every batch into
suggestions with :func:`~translate_pipeline.pretranslate.mt_source.engine_suggestions`,
the function the local backend runs (glossary enforcement included), so both
backends write the same catalogs.  Models are read from the paths the driver
resolved (``[mt] packages_dir``, ``[mt.models.*] path``): every node must see
them there (shared filesystem or identical copies).

Faults: Ray Data creates pool actors with ``max_restarts=-1`` and
``max_task_retries=-1`` (its defaults; passing them is deprecated), so an actor process that dies is restarted (its model
loaded again) and its batch is retried; an actor that cannot load the model
answers every batch with an error naming its node and the path, and the run
stops (:class:`~translate_pipeline.pretranslate.base.SourceFailure`) before any
catalog is written.

Resuming: with the MT cache (``[mt] cache``), the driver looks every segment up
before it builds the dataset (key: engine identity, decoding settings, the
segment's glossary state and its text) and stores each batch's suggestions as
the batch returns, so a run killed half-way decodes, when started again, only
what no batch had returned.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import sys
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.core.errors import PipelineError, extra_hint
from translate_pipeline.core.settings import RAY_ADDRESS_RULE, GlossaryTable, MTRayTable, ProjectConfig, ray_hostport
from translate_pipeline.glossary import Glossary
from translate_pipeline.glossary.termbase import Termbase
from translate_pipeline.mt.cache import MTCache, cache_key
from translate_pipeline.mt.decoding import CT2Engine, load_translator
from translate_pipeline.mt.engine import Engine
from translate_pipeline.mt.pivot import PivotEngine
from translate_pipeline.mt.routing import Route
from translate_pipeline.mt.service import NoModelError, route_engine, route_for
from translate_pipeline.mt.settings import MTSettings
from translate_pipeline.pretranslate.base import SourceFailure
from translate_pipeline.pretranslate.mt_source import (
    MTSource,
    engine_suggestions,
    progress_bar,
)
from translate_pipeline.pretranslate.suggestion import Suggestion

INSTALL_HINT = extra_hint("ray")
CONNECT_TIMEOUT = 5.0  # seconds for the head node's port to accept a connection


def load_models(engine: Engine) -> None:
    """Load every CTranslate2 model ``engine`` uses (both legs of a pivot) now, not on first use."""
    if isinstance(engine, PivotEngine):
        load_models(engine.first)
        load_models(engine.second)
    elif isinstance(engine, CT2Engine):
        load_translator(engine.model_dir, engine.options)


def encode_suggestion(suggestion: Suggestion | None) -> str:
    """A suggestion as one JSON string (Ray Data moves columns of plain values; the MT cache keeps
    it): ``{"text", "provenance" (its lines as text), "fuzzy", "error"}``; ``""`` for None."""
    if suggestion is None:
        return ""
    return json.dumps({"text": suggestion.text, "provenance": suggestion.provenance.format(),
                       "fuzzy": suggestion.fuzzy, "error": suggestion.error}, ensure_ascii=False)


def decode_suggestion(payload: str) -> Suggestion | None:
    """Inverse of :func:`encode_suggestion`; also reads what earlier versions cached (the Origin
    value, ``raw_mt`` and ``notes`` as separate fields)."""
    if not payload:
        return None
    data = json.loads(payload)
    if "notes" in data:
        provenance = Provenance.from_pairs([(Key.ORIGIN, data["provenance"]), (Key.MT_RAW, data["raw_mt"]),
                                            *data["notes"]])
    else:
        provenance = Provenance.parse(data["provenance"])
    return Suggestion(data["text"], provenance, data["fuzzy"], data["error"])


class TranslateActor:
    """The Ray Data callable class: one engine per actor, loaded in ``__init__``.

    ``__call__`` maps a batch ``{"index": [...], "text": [...]}`` to
    ``{"index", "suggestion" (JSON, see :func:`encode_suggestion`), "error"}``.
    A model that cannot be loaded is not raised here (Ray would retry creating
    the actor and bury the reason in a traceback) but reported in ``error`` for
    every row, as one line naming the node and the path.
    """

    def __init__(self, route: Route, settings: MTSettings, termbase: Termbase | None,
                 glossary_settings: GlossaryTable):
        self.glossary = Glossary(termbase) if termbase is not None else None
        self.glossary_settings = glossary_settings
        self.error = ""
        try:
            self.engine = route_engine(route, settings)
            load_models(self.engine)
        except PipelineError as exc:
            self.error = f"Ray worker on node {_node()} cannot load the MT model: {exc}"

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        index, texts = list(batch["index"]), [str(t) for t in batch["text"]]
        if self.error:
            return {"index": index, "suggestion": [""] * len(texts), "error": [self.error] * len(texts)}
        suggestions = engine_suggestions(self.engine, texts, self.glossary, self.glossary_settings)
        return {"index": index, "suggestion": [encode_suggestion(s) for s in suggestions], "error": [""] * len(texts)}


class RayMTSource(MTSource):
    """The MT pre-translation source on Ray (``pretranslate.SuggestionSource``).

    Same contract as :class:`~translate_pipeline.pretranslate.mt_source.MTSource`, whose
    ``MT-state`` lines it adds on the driver: ``suggest(texts, source, target)`` returns one
    suggestion per text, a pair without a model raises :class:`NoModelError` (recorded,
    catalogs still written), and ``routes`` keeps each pair's route line.  Any failure of
    the cluster itself raises :class:`SourceFailure`, which stops the run.  ``cache``
    (optional) holds finished suggestions on the driver (see the module docstring).
    ``actor_class`` is the callable class handed to ``map_batches`` (tests and the
    benchmark wrap it).
    """

    def __init__(self, config: ProjectConfig, settings: MTSettings | None = None, glossary: Glossary | None = None,
                 show_progress: bool | None = None, address: str | None = None,
                 actor_class: type = TranslateActor, cache: MTCache | None = None):
        super().__init__(config, settings, show_progress, glossary)
        self.suggestion_cache = cache
        table = self.settings.table.ray
        self.ray_settings = table if address is None else replace(table, address=address)
        self.actor_class = actor_class

    def connect(self) -> None:
        """Import Ray and join the cluster (or start a local one); call before writing anything.

        Raises :class:`SourceFailure` when the ``ray`` package is missing, the address
        does not answer within ``CONNECT_TIMEOUT`` seconds or the cluster cannot place the
        actors ``[mt.ray]`` asks for (:func:`check_resources`).
        """
        ray = _import_ray()
        if not ray.is_initialized():
            self._init(ray)
        check_resources(self.ray_settings, ray.nodes())

    def _init(self, ray) -> None:
        address = self.ray_settings.address or None
        if address and address != "auto":
            _probe(address)
        if not sys.stderr.isatty():  # Ray colours its "(raylet)" lines even into a log file: plain text there
            os.environ.setdefault("RAY_COLOR_PREFIX", "0")
        try:
            if address:
                ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
            else:  # a local instance (or the cluster in RAY_ADDRESS)
                ray.init(logging_level=logging.ERROR, log_to_driver=False, include_dashboard=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise SourceFailure(f"cannot connect to the Ray cluster at {address or 'a local instance'}: "
                                f"{_first_line(exc)}") from exc

    def suggest(self, texts: list[str], source: str, target: str) -> list[Suggestion | None]:
        route = route_for(self.config, source, target, self.settings)
        self.routes[(source, target)] = route.describe()
        if not route.legs:
            raise NoModelError(source, target)
        results: list[Suggestion | None] = [None] * len(texts)
        keys = self._keys(texts, source, target) if self.suggestion_cache else []
        if keys:
            found = self.suggestion_cache.decoded(self.suggestion_cache.get_values(keys), decode_suggestion)
            for i, key in enumerate(keys):
                if key in found:
                    results[i] = found[key]
            todo = [i for i, key in enumerate(keys) if key not in found]
        else:
            todo = list(range(len(texts)))
        label = SimpleNamespace(source=source, target=target)  # what the progress bar shows
        disable = None if self.show_progress is None else not self.show_progress
        with progress_bar(len(texts), label, disable=disable) as tick:
            tick(len(texts) - len(todo))
            if todo:
                self._decode(todo, texts, route, results, keys, tick)
        return self.with_state(texts, results, source, target)

    def _keys(self, texts: list[str], source: str, target: str) -> list[str]:
        """The cache key of each segment's finished suggestion (``n_best`` -1: not a raw decoding).

        The key names the model files as the driver sees them; a driver that cannot open the
        model (the workers have it, the driver not) translates uncached (no keys).
        """
        try:
            engine = self.engine(source, target)
        except PipelineError:
            return []
        return [cache_key(engine.identity, engine.decode_settings, -1, json.dumps(
            [self.glossary.state(text, target, self.glossary_settings) if self.glossary else "-", text],
            ensure_ascii=False)) for text in texts]

    def _decode(self, todo: list[int], texts: list[str], route: Route, results: list[Suggestion | None],
                keys: list[str], tick) -> None:
        """Translate ``texts[i]`` for ``i`` in ``todo`` on the cluster into ``results``, caching each batch."""
        self.connect()
        import ray.data

        logging.getLogger("ray.data").setLevel(logging.ERROR)  # its notices would bury our one-line output
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the driver shows one bar in segments/s
        rs = self.ray_settings
        context.wait_for_min_actors_s = rs.start_timeout  # Ray's default: wait forever for actors it cannot place
        termbase = self.glossary.termbase if self.glossary is not None else None
        dataset = ray.data.from_items([{"index": i, "text": texts[i]} for i in todo]).map_batches(
            self.actor_class,
            batch_size=rs.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=rs.actors),
            fn_constructor_kwargs={"route": route, "settings": self.settings, "termbase": termbase,
                                   "glossary_settings": self.glossary_settings},
            num_cpus=rs.num_cpus,
            num_gpus=rs.num_gpus or None,
        )
        source, target = route.source, route.target
        try:
            for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                done = []
                for index, payload, error in zip(batch["index"], batch["suggestion"], batch["error"]):
                    if error:
                        raise SourceFailure(str(error))
                    results[int(index)] = suggestion = decode_suggestion(str(payload))
                    if keys and suggestion is not None and not suggestion.error:
                        done.append((keys[int(index)], str(payload)))
                if done:  # as the batch returns: what a killed run resumes from
                    self.suggestion_cache.put_values(done)
                tick(len(batch["index"]))
        except PipelineError:
            raise
        except ray.exceptions.GetTimeoutError as exc:
            raise SourceFailure(f"the Ray actors for {source}→{target} did not start within [mt.ray] start_timeout = "
                                f"{rs.start_timeout:g} s ({rs.actors} actor(s), each {_amounts(_request(rs)) or 'no CPU or GPU'}): the cluster "
                                "lacks the resources now, or loading the model takes longer") from exc
        except Exception as exc:  # noqa: BLE001 -- any Ray failure: one line, nothing written
            raise SourceFailure(f"the Ray run for {source}→{target} failed: {_first_line(exc)}") from exc


def _import_ray():
    try:
        import ray
    except ImportError as exc:
        raise SourceFailure(f"the Ray backend needs the ray package: {INSTALL_HINT}") from exc
    return ray


def _probe(address: str) -> None:
    """Fail fast on an address nobody listens on (``ray.init`` retries for minutes)."""
    hostport = ray_hostport(address)
    if hostport is None:
        raise PipelineError(f"Ray address {RAY_ADDRESS_RULE}, not {address!r}")
    try:
        socket.create_connection(hostport, timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        raise SourceFailure(f"cannot reach the Ray cluster at {address} ({exc.strerror or exc})") from exc


_SETTING = {"CPU": "num_cpus", "GPU": "num_gpus"}


def _amounts(request: dict[str, float]) -> str:
    return " and ".join(f"{amount:g} {name}" for name, amount in request.items())


def _request(rs: MTRayTable) -> dict[str, float]:
    """What one actor asks its node for, as Ray names the resources (a zero request is left out)."""
    return {name: amount for name, amount in (("CPU", rs.num_cpus), ("GPU", rs.num_gpus)) if amount}


def check_resources(rs: MTRayTable, nodes: list[dict[str, Any]]) -> None:
    """Refuse actors the cluster cannot place, before anything is submitted (Ray would wait for them forever).

    ``nodes`` is :func:`ray.nodes` (``Alive``, ``Resources`` totals per node).  Every actor needs its whole
    request (``num_cpus``, ``num_gpus``) on one node, and all ``actors`` must fit at once (Ray Data starts the
    pool before the first batch).  Raises :class:`SourceFailure` (exit status 4) naming the setting and what
    the cluster has.  Only totals are compared: resources other jobs hold now are left to the bounded
    wait of ``[mt.ray] start_timeout``.
    """
    request = _request(rs)
    alive = [node.get("Resources", {}) for node in nodes if node.get("Alive")]
    if not request:
        return
    room = [min(int(have.get(name, 0) // amount) for name, amount in request.items()) for have in alive]
    totals = {name: sum(have.get(name, 0) for have in alive) for name in ("CPU", "GPU")}
    has = f"{totals['CPU']:g} CPU and {totals['GPU']:g} GPU on {len(alive)} node(s)"
    if len(alive) > 1:
        has += (f", at most {max(have.get('CPU', 0) for have in alive):g} CPU and "
                f"{max(have.get('GPU', 0) for have in alive):g} GPU on one")
    if not any(room):
        lacking = [name for name, amount in request.items() if all(have.get(name, 0) < amount for have in alive)]
        settings = " and ".join(f"{_SETTING[name]} = {request[name]:g}" for name in lacking or request)
        raise SourceFailure(f"[mt.ray] {settings}: no node of the Ray cluster has {_amounts(request)} "
                            f"for one actor (it has {has})")
    if sum(room) < rs.actors:
        raise SourceFailure(f"[mt.ray] actors = {rs.actors}, each {_amounts(request)}: the Ray cluster can place "
                            f"{sum(room)} at once (it has {has})")


def _node() -> str:
    import ray

    return f"{ray.util.get_node_ip_address()} ({socket.gethostname()})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
