"""The Ray backend against a real local Ray (``ray.init(num_cpus=2)``, once per session), never a mock.

Same input → the same bytes as the local backend (200 articles, glossary enforcement,
a direct and a pivot pair, several chunks); an actor killed mid-run changes nothing;
a missing ``ray`` package, an unreachable cluster and a model a worker cannot load
are one-line errors with nothing written.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import command_document, needs_extra, run, snapshot
from translate_pipeline import workflow
from translate_pipeline.catalog.provenance import Origin, Provenance
from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.core.settings import load_config
from translate_pipeline.glossary import load_glossary
from translate_pipeline.mt.packages import install_archive
from translate_pipeline.mt.settings import load_settings
from translate_pipeline.pretranslate.base import SourceFailure
from translate_pipeline.pretranslate.mt_source import MTSource
from translate_pipeline.pretranslate.ray_source import RayMTSource, TranslateActor
from translate_pipeline.source.readers import find_articles

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "kamaz-kazakhstan.ru.txt"
ARTICLES = 200
STAMP = "2026-11-30 12:00+0000"


@pytest.fixture(scope="session")
def ray_local():
    """One local Ray for the whole session; its workers import this checkout (and tests/)."""
    ray = needs_extra("ray", "ray")
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "tests"), saved]))
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    yield ray
    ray.shutdown()
    if saved is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = saved


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch):
    """Two runs minutes apart must still compare byte for byte: one creation/revision date."""
    monkeypatch.setattr("translate_pipeline.catalog.update.now_stamp", lambda: STAMP)


SENTENCES = [  # short (the copy models decode every token), most with glossary terms
    "Аким Костанайской области посетил завод КАМАЗ.",
    "Об этом сообщили в МИИР.",
    "Соглашение подписали в Астане.",
    "Завод выпустит ведущие мосты.",
    "Погода хорошая.",
    "Пресс-служба сообщила о запуске.",
    "Инвестиции составят 1,2 млрд тенге.",
    "Премьер-министр РК посетил Костанай.",
]


def _archive(project: Path, packages: Path) -> Path:
    """``ARTICLES`` articles made of a few dozen distinct sentences (deduplication, glossary terms):
    the copy models decode each of them once per run, so the run costs merging and writing."""
    (project / "articles").mkdir(parents=True)
    for i in range(ARTICLES):
        picked = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(3)]
        body = f"Новости завода номер {i % 7}\n{' '.join(picked)}\nЗавод номер {i % 11} начал работу.\n"
        (project / "articles" / f"news-{i:03d}.ru.txt").write_text(body, encoding="utf-8")
    shutil.copytree(ROOT / "glossary", project / "glossary")
    (project / "translate-pipeline.toml").write_text(
        f'target_langs = ["en", "kk"]\n[mt]\npackages_dir = "{packages}"\ninter_threads = 1\n'
        '[mt.ray]\nactors = 2\nbatch_size = 32\nchunk_articles = 200\n', encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def archive(copy_packages, tmp_path_factory) -> tuple[Path, dict[str, bytes], list[dict]]:
    """A 200-article project (ru→en direct, ru→kk pivot), the local backend's catalogs for it and its
    report per language (``--format json``: ``languages``)."""
    work = tmp_path_factory.mktemp("ray-archive")
    packages = work / "packages"
    for name in ("ru_en", "en_kk"):
        install_archive(copy_packages[name], packages)
    template = _archive(work / "template", packages)
    local = work / "local"
    shutil.copytree(template, local)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("translate_pipeline.catalog.update.now_stamp", lambda: STAMP)
        result = run(local, "translate", "articles", "--backend", "local", "--format", "json")
    assert result.exit_code == 0, result.stderr
    expected = snapshot(local)
    assert len(expected) == 3 * ARTICLES  # a template and two catalogs per article
    languages = command_document("translate", result.stdout, 0)["languages"]
    # repeated sentences (8 kinds, 7 + 11 headings) counted once: fewer than the 5 entries per article
    assert 0 < languages[0]["pending"] < 5 * ARTICLES
    return template, expected, languages


def _copy(archive, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(archive[0], project)
    return project


def test_ray_backend_writes_the_same_bytes_and_report_as_the_local_backend(ray_local, archive, tmp_path):
    """In chunks too: a sentence repeated in several chunks is counted once, as the local run counts it."""
    project = _copy(archive, tmp_path)
    settings = project / "translate-pipeline.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("chunk_articles = 200", "chunk_articles = 70"),
                        encoding="utf-8")
    result = run(project, "translate", "articles", "--backend", "ray", "--format", "json")
    assert result.exit_code == 0, result.stderr
    languages = command_document("translate", result.stdout, 0)["languages"]
    assert languages == archive[2]
    assert languages[1]["route"].startswith("ru→kk: pivot ru→en→kk via ")
    assert snapshot(project) == archive[1]
    # the glossary was enforced on the actors, not skipped
    assert "Glossary: enforced" in (project / "locales/en/LC_MESSAGES/news-000.po").read_text(encoding="utf-8")
    # and a re-run finds nothing pending: no byte changes
    again = run(project, "translate", "articles", "--backend", "ray")
    assert again.exit_code == 0 and "en: 0 untranslated" in again.stdout
    assert snapshot(project) == archive[1]


def test_an_actor_killed_mid_run_is_restarted_and_its_batch_retried(ray_local, archive, tmp_path):
    project = _copy(archive, tmp_path)
    marks = tmp_path / "marks"
    marks.mkdir()

    class Marked(TranslateActor):  # defined here, so Ray ships it by value with ``marks``
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            (marks / f"pid-{os.getpid()}").touch()

        def __call__(self, batch):
            time.sleep(0.1)  # keep the run going long enough to be interrupted
            out = super().__call__(batch)
            (marks / f"done-{os.getpid()}-{time.monotonic_ns()}").touch()
            return out

    killed: list[int] = []

    def kill_one_actor():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            done = sorted(marks.glob("done-*"))
            if len(done) >= 2:
                pid = int(done[0].name.split("-")[1])
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.02)

    config = load_config(project)
    glossary = load_glossary(config)
    settings = load_settings(config)
    settings = replace(settings, table=replace(settings.table, ray=replace(settings.table.ray, batch_size=2)))  # ~13 batches: room to kill mid-run
    source = RayMTSource(config, settings, glossary=glossary, show_progress=False, actor_class=Marked)
    killer = threading.Thread(target=kill_one_actor, daemon=True)
    killer.start()
    files = find_articles([project / "articles"])
    result = workflow.translate_archive(config, files, ["en"], sources=[source], chunk_articles=ARTICLES)
    killer.join()
    assert killed, "no actor was killed: the run ended too early"
    assert len(list(marks.glob("pid-*"))) >= 3  # two actors + the restarted one
    assert all(not report.problems for report in result.reports)
    assert snapshot(project) == {name: data for name, data in archive[1].items() if not name.startswith("kk/")}


def test_a_run_stopped_half_way_resumes_from_the_mt_cache(ray_local, archive, tmp_path):
    """Batches reach the cache as they return: after a failed run the next decodes only the rest."""
    from translate_pipeline.mt.cache import MTCache

    project = _copy(archive, tmp_path)
    config = load_config(project)
    glossary = load_glossary(config)
    settings = load_settings(config)
    settings = replace(settings, table=replace(settings.table, ray=replace(settings.table.ray, batch_size=2, actors=1)))
    decoded = tmp_path / "decoded"
    decoded.mkdir()

    class FailsLater(TranslateActor):  # two batches, then the "cluster" fails
        calls = 0

        def __call__(self, batch):
            FailsLater.calls += 1
            if FailsLater.calls > 2:
                return {"index": list(batch["index"]), "suggestion": [""] * len(batch["index"]),
                        "error": ["node lost"] * len(batch["index"])}
            return super().__call__(batch)

    class Counting(TranslateActor):
        def __call__(self, batch):
            (decoded / f"{os.getpid()}-{time.monotonic_ns()}-{len(batch['index'])}").touch()
            return super().__call__(batch)

    files = find_articles([project / "articles"])
    before = snapshot(project)
    with MTCache(tmp_path / "cache.sqlite") as cache:
        first = RayMTSource(config, settings, glossary=glossary, show_progress=False, actor_class=FailsLater,
                            cache=cache)
        with pytest.raises(SourceFailure, match="node lost"):
            workflow.translate_archive(config, files, ["en"], sources=[first], chunk_articles=ARTICLES)
        assert snapshot(project) == before  # nothing written by the failed run
        kept = cache.stats().entries
        second = RayMTSource(config, settings, glossary=glossary, show_progress=False, actor_class=Counting,
                             cache=cache)
        result = workflow.translate_archive(config, files, ["en"], sources=[second], chunk_articles=ARTICLES)
    pending = result.reports[0].pending
    assert 0 < kept < pending
    assert sum(int(mark.name.rsplit("-", 1)[1]) for mark in decoded.iterdir()) == pending - kept
    assert snapshot(project) == {name: data for name, data in archive[1].items() if not name.startswith("kk/")}


def test_the_chunked_archive_job_writes_what_the_one_batch_job_writes(archive, tmp_path):
    """Chunks of 80 articles (the driver's memory bound) change no byte; no Ray needed to show it."""
    project = _copy(archive, tmp_path)
    config = load_config(project)
    glossary = load_glossary(config)
    source = MTSource(config, glossary=glossary, show_progress=False)
    files = find_articles([project / "articles"])
    result = workflow.translate_archive(config, files, ["en", "kk"], sources=[source], chunk_articles=80)
    assert snapshot(project) == archive[1]
    assert [r.lang for r in result.reports] == ["en", "kk"] and not result.articles
    assert all(r.left == 0 and r.filled[Origin.MT] == r.pending for r in result.reports)
    # the local run's counts: each distinct sentence once over the run, not once per chunk
    assert [r.pending for r in result.reports] == [lang["pending"] for lang in archive[2]]


def test_a_model_a_worker_cannot_load_stops_the_run_naming_node_and_path(ray_local, tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE, project / "articles")
    model = tmp_path / "on-the-driver-only"  # what a node without the shared filesystem sees: nothing
    (project / "translate-pipeline.toml").write_text(
        f'target_langs = ["kk"]\n[mt]\nbackend = "ray"\n[mt.models.nllb]\nkind = "plain"\npath = "{model}"\n'
        f'tokenizer = "{model}/sentencepiece.model"\npairs = ["ru-kk"]\n', encoding="utf-8")
    result = run(project, "translate", "articles")
    assert result.exit_code == ExitCode.ENVIRONMENT
    error = result.stderr.strip()
    assert "\n" not in error and error.startswith("error: Ray worker on node ")
    assert "cannot load the MT model" in error and str(model) in error
    assert not (project / "locales").exists() or snapshot(project) == {}


def test_without_the_ray_package_a_one_line_error_and_nothing_written(monkeypatch, tmp_path):
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE, project / "articles")
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` does where it is not installed
    result = run(project, "translate", "articles", "--backend", "ray")
    assert result.exit_code == ExitCode.ENVIRONMENT  # an extra not installed
    assert result.stderr.strip() == "error: the Ray backend needs the ray package: pip install -e '.[ray]' in your translate-pipeline checkout (not on PyPI)"
    assert not (project / "locales").exists() and not (project / "tm").exists()


@pytest.mark.parametrize("address, reason, code", [
    ("127.0.0.1:1", "cannot reach the Ray cluster at 127.0.0.1:1 (", ExitCode.ENVIRONMENT),
    ("ray://127.0.0.1:1", "cannot reach the Ray cluster at ray://127.0.0.1:1 (", ExitCode.ENVIRONMENT),
    ("head-node", "Invalid value for '--ray-address': must be HOST:PORT, ray://HOST:PORT or auto, not 'head-node'",
     ExitCode.USAGE),
])
def test_an_unreachable_cluster_is_a_one_line_error_and_nothing_written(monkeypatch, tmp_path, address, reason, code):
    ray = needs_extra("ray", "ray")
    monkeypatch.setattr(ray, "is_initialized", lambda: False)  # as in a fresh `translate` process
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE, project / "articles")
    started = time.monotonic()
    result = run(project, "translate", "articles", "--backend", "ray", "--ray-address", address)
    assert time.monotonic() - started < 15
    assert result.exit_code == code
    error = result.stderr.strip()
    assert error.splitlines()[0].startswith("error: " + reason)
    assert not (project / "locales").exists() and not (project / "tm").exists()


@pytest.mark.parametrize("args, settings, message", [
    (["--ray-address", "127.0.0.1:6379"], "", "--ray-address needs the Ray backend"),
    (["--ray-address", "127.0.0.1:6379", "--backend", "local"], '[mt]\nbackend = "ray"\n',
     "--ray-address needs the Ray backend"),
    (["--backend", "ray", "--refresh-mt"], "", "--refresh-mt runs on the local backend only"),
    (["--refresh-mt"], '[mt]\nbackend = "ray"\n', "--refresh-mt runs on the local backend only"),
])
def test_options_that_cannot_go_together_are_a_usage_error(tmp_path, args, settings, message):
    """README, exit codes: two options that exclude each other are a usage error (2), before anything is read."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE, project / "articles")
    (project / "translate-pipeline.toml").write_text(settings, encoding="utf-8")
    result = run(project, "translate", "articles", *args)
    assert result.exit_code == ExitCode.USAGE, result.stderr
    assert result.stderr.startswith(f"error: {message}")
    assert not (project / "locales").exists()


@pytest.mark.parametrize("table, setting", [
    ("num_gpus = 1\nactors = 1\n", "[mt.ray] num_gpus = 1: no node of the Ray cluster has 1 CPU and 1 GPU"),
    ("num_cpus = 3\n", "[mt.ray] num_cpus = 3: no node of the Ray cluster has 3 CPU"),
    ("actors = 3\n", "[mt.ray] actors = 3, each 1 CPU: the Ray cluster can place 2 at once"),
])
def test_actors_the_cluster_cannot_place_are_refused_before_anything_runs(ray_local, tmp_path, table, setting):
    """Ray would wait for them forever, silently: one line naming the setting and what the cluster has, exit 4."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE, project / "articles")
    (project / "translate-pipeline.toml").write_text(f"[mt.ray]\n{table}", encoding="utf-8")
    result = run(project, "translate", "articles", "--backend", "ray")
    assert result.exit_code == ExitCode.ENVIRONMENT
    error = result.stderr.strip()
    assert "\n" not in error and error.startswith(f"error: {setting}")
    assert error.endswith("(it has 2 CPU and 0 GPU on 1 node(s))")
    assert not (project / "locales").exists() and not (project / "tm").exists()


def test_the_cluster_limits_are_checked_per_node():
    """An actor's request must fit on one node; the pool must fit on all of them at once."""
    from translate_pipeline.core.settings import MTRayTable
    from translate_pipeline.pretranslate.ray_source import check_resources

    nodes = [{"Alive": True, "Resources": {"CPU": 4.0, "GPU": 1.0}}, {"Alive": True, "Resources": {"CPU": 4.0}},
             {"Alive": False, "Resources": {"CPU": 64.0, "GPU": 8.0}}]  # a dead node offers nothing
    check_resources(MTRayTable(actors=8), nodes)
    check_resources(MTRayTable(num_gpus=1, actors=1), nodes)
    check_resources(MTRayTable(num_cpus=0, actors=10_000), nodes)  # asks for nothing: always placed
    with pytest.raises(SourceFailure, match=r"actors = 2, each 1 CPU and 1 GPU: the Ray cluster can place 1 at once "
                                            r"\(it has 8 CPU and 1 GPU on 2 node\(s\), at most 4 CPU and 1 GPU on one\)"):
        check_resources(MTRayTable(num_gpus=1, actors=2), nodes)
    with pytest.raises(SourceFailure, match=r"num_cpus = 6: no node .* has 6 CPU for one actor"):
        check_resources(MTRayTable(num_cpus=6), nodes)  # 8 CPUs in all, but 4 per node
    with pytest.raises(SourceFailure, match=r"num_gpus = 2: no node .* has 1 CPU and 2 GPU"):
        check_resources(MTRayTable(num_gpus=2), nodes)


def test_actors_that_do_not_start_in_time_stop_the_run(ray_local, archive, tmp_path):
    """Placed but never ready (resources taken by another job, a model that loads forever): a bounded wait."""
    project = _copy(archive, tmp_path)
    config = load_config(project)
    settings = load_settings(config)
    settings = replace(settings, table=replace(settings.table, ray=replace(settings.table.ray, start_timeout=1.0)))

    class Slow(TranslateActor):
        def __init__(self, *args, **kwargs):
            time.sleep(5)  # past start_timeout; short, so the session's 2 CPUs come back soon
            super().__init__(*args, **kwargs)

    source = RayMTSource(config, settings, show_progress=False, actor_class=Slow)
    files = find_articles([project / "articles"])[:2]
    started = time.monotonic()
    with pytest.raises(SourceFailure, match=r"^the Ray actors for ru→en did not start within \[mt.ray\] "
                                            r"start_timeout = 1 s \(2 actor\(s\), each 1 CPU\)"):
        workflow.translate_archive(config, files, ["en"], sources=[source])
    assert time.monotonic() - started < 20
    assert not (project / "locales").exists()


@pytest.mark.parametrize("table, message", [
    ('[mt]\nbackend = "spark"\n', "[mt] backend must be one of local, ray, not 'spark'"),
    ("[mt.ray]\nactor = 2\n", "[mt.ray] unknown setting 'actor'"),
    ('[mt.ray]\nactors = "two"\n', "[mt.ray] actors must be an integer, got 'two'"),
    ("[mt.ray]\nbatch_size = 0\n", "[mt.ray] batch_size must be from 1 to 1000000, got 0"),
    ("[mt.ray]\nnum_gpus = -1\n", "[mt.ray] num_gpus must be from 0 to 64"),
    ("[mt.ray]\nstart_timeout = 0\n", "[mt.ray] start_timeout must be from 1 to 86400"),
    ('[mt.ray]\naddress = "foo bar"\n', "[mt.ray] address must be HOST:PORT, ray://HOST:PORT or auto, not 'foo bar'"),
    ('[mt.ray]\naddress = "head-node"\n', "[mt.ray] address must be HOST:PORT, ray://HOST:PORT or auto"),
    ('[mt.ray]\naddress = "ray://h:99999"\n', "[mt.ray] address must be HOST:PORT, ray://HOST:PORT or auto"),
])
def test_bad_ray_settings_are_one_line_errors(tmp_path, table, message):
    (tmp_path / "translate-pipeline.toml").write_text(table, encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        load_settings(load_config(tmp_path))
    assert message in str(caught.value) and "translate-pipeline.toml" in str(caught.value)


def test_ray_settings_are_read(tmp_path):
    (tmp_path / "translate-pipeline.toml").write_text(
        '[mt]\nbackend = "ray"\ndevice = "cuda"\n[mt.ray]\naddress = "10.0.0.1:6379"\nactors = 4\nnum_cpus = 2\n'
        "num_gpus = 1\nbatch_size = 64\nchunk_articles = 50\n", encoding="utf-8")
    settings = load_settings(load_config(tmp_path))
    assert settings.table.backend == "ray" and settings.decode.device == "cuda"
    ray = settings.table.ray
    assert (ray.address, ray.actors, ray.num_cpus, ray.num_gpus, ray.batch_size, ray.chunk_articles) == (
        "10.0.0.1:6379", 4, 2.0, 1.0, 64, 50)


def test_a_source_failure_is_not_recorded_as_a_problem_but_stops_the_run(tmp_path):
    """pretranslate records a missing model and goes on; a failing cluster must stop it instead."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE, project / "articles")
    config = load_config(project)

    class Broken:
        name = "mt"

        def suggest(self, texts, source, target):
            raise SourceFailure("the Ray run for ru→en failed: node died")

    files = find_articles([project / "articles"])
    with pytest.raises(SourceFailure):
        workflow.translate_archive(config, files, ["en"], sources=[Broken()])
    assert not (project / "locales").exists() or snapshot(project) == {}


@pytest.mark.parametrize("order", [("Glossary", "Terms"), ("Terms", "Glossary")])
def test_suggestion_notes_are_written_in_the_order_given(order):
    """Not the order of a set (it changes with PYTHONHASHSEED): runs of the same input must agree."""
    import polib

    from translate_pipeline.pretranslate import Suggestion, apply_suggestion

    entry = polib.POEntry(msgid="Аким.", msgstr="")
    apply_suggestion(entry, Suggestion("Akim.", Provenance.from_mt("test", notes=[(key, "x") for key in order])))
    assert [line.split(":")[0] for line in entry.comment.splitlines()][-2:] == list(order)


def test_a_suggestion_cached_by_an_earlier_version_writes_the_same_entry():
    """The MT cache keeps encoded suggestions across versions: the old layout (Origin value, raw_mt and
    notes apart) still decodes, to what the new layout writes."""
    import json

    import polib

    from translate_pipeline.catalog.provenance import Key
    from translate_pipeline.pretranslate import Suggestion, apply_suggestion
    from translate_pipeline.pretranslate.ray_source import decode_suggestion, encode_suggestion

    suggestion = Suggestion("Akim  spoke.", Provenance.from_mt("argos x 1.9 (ru→en)", "Akim  spoke.", [
        (Key.GLOSSARY, "missing: аким → akim"), (Key.TERMS, "аким → akim"), (Key.QA, "MT output truncated")]))
    old = json.dumps({"text": "Akim  spoke.", "kind": "mt", "provenance": "MT argos x 1.9 (ru→en)", "fuzzy": True,
                      "notes": [["Glossary", "missing: аким → akim"], ["Terms", "аким → akim"],
                                ["QA", "MT output truncated"]], "raw_mt": "Akim  spoke.", "error": None},
                     ensure_ascii=False)
    assert decode_suggestion(encode_suggestion(suggestion)) == suggestion == decode_suggestion(old)
    assert decode_suggestion("") is None and encode_suggestion(None) == ""
    entry = polib.POEntry(msgid="Аким выступил.", msgstr="")
    apply_suggestion(entry, decode_suggestion(old))
    assert entry.comment == ('Origin: MT argos x 1.9 (ru→en)\nMT-raw: "Akim\\u0020\\u0020spoke."\n'  # raw, spaces kept
                             "Glossary: missing: аким → akim\n"
                             "Terms: аким → akim\nQA: MT output truncated")
