"""MT throughput: our batched path vs argostranslate's per-sentence path, same model, same run.

    python bench/mt_throughput.py [--sentences 240] [--decode-length 48] [--inter N --intra N --batch N] [--skip-argos]
    python bench/mt_throughput.py --smoke   # a tiny model, 8 sentences: does the script still run? (seconds)

Builds a random-weight Transformer with the size of a real Argos package
(6+6 layers, d_model 512, FFN 2048, 8 heads, 32k shared vocabulary, int8),
packages it as an .argosmodel, installs it with ``translate-pipeline``'s
installer, and translates the same news-length sentences twice:

* **argos**: ``argostranslate.translate.apply_packaged_translation`` -- the
  real function ``translate()`` runs per paragraph: tokenize every sentence,
  one ``translate_batch(max_batch_size=32, batch_type="tokens", beam 4)``
  call, i.e. one sentence per batch on news text -- with Argos' own
  Translator settings (``inter_threads=1, intra_threads=0``).  Its sentence
  splitter (MiniSBD) needs a download, so the paragraph's known sentences are
  handed to it by a stub.
* **ours**: ``resolve_engine(...).translate_batch(all_sentences)`` with the
  automatic thread/batch settings.

* **re-run**: the same sentences through the persistent MT cache
  (``CachedEngine`` over a fresh SQLite file) twice -- the cold pass pays
  the cache's keys, look-ups and stores (timed directly and reported as a
  share of that pass), the second pass is all cache hits.

Random weights never emit ``</s>`` reliably, so both sides decode exactly
``--decode-length`` tokens (min = max) and do the same work.  Overhead is
our time outside CTranslate2 (tokenize, dedupe, sort, detokenize) as a share
of our total.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

VOCAB = 32000
SMOKE_MODEL = {"layers": 1, "d": 64, "ff": 128, "heads": 2, "vocab_size": 1024}  # --smoke: seconds, not minutes


def news_sentences(count: int, seed: int = 7) -> list[str]:
    """Distinct news-length Russian sentences (~25 words) from clause templates + the sample article."""
    from mt_models import _RU_OBJ, _RU_SUBJ, _RU_VERB

    rng = random.Random(seed)
    places = ["в Костанайской области", "в Алматы", "в Астане", "на севере страны", "в этом году",
              "до 2030 года", "при поддержке государства", "по итогам переговоров", "в рамках форума"]
    tails = ["сообщает пресс-служба министерства", "отметил председатель правления",
             "говорится в сообщении компании", "заявили в акимате", "передает корреспондент"]
    out: set[str] = set()
    while len(out) < count:
        clauses = [f"{rng.choice(_RU_SUBJ)} {rng.choice(_RU_VERB)} {rng.choice(_RU_OBJ)} {rng.choice(places)}"
                   for _ in range(2)]
        out.add(f"{clauses[0]}, а {clauses[1][0].lower()}{clauses[1][1:]}, {rng.choice(tails)}.")
    return sorted(out, key=lambda s: rng.random())


def build_package(work: Path, sentences: list[str], *, layers: int = 6, d: int = 512, ff: int = 2048,
                  heads: int = 8, vocab_size: int = VOCAB) -> Path:
    """A random-weight Transformer ``.argosmodel`` (default: Transformer-base, a real package's size)."""
    import sentencepiece as spm
    from ctranslate2.specs import transformer_spec
    from mt_models import corpus_lines, zip_directory

    pkg = work / "translate-ru_en-bench"
    (pkg / "model").mkdir(parents=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences + corpus_lines()), model_prefix=str(work / "sp"), model_type="bpe", vocab_size=800,
        hard_vocab_limit=False, character_coverage=1.0, byte_fallback=True, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=str(work / "sp.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = ["<blank>", "<unk>", "<s>", "</s>"] + [p for p in pieces if p not in ("<unk>", "<s>", "</s>")]
    vocab += [f"<filler{i}>" for i in range(vocab_size - len(vocab))]

    rng = np.random.default_rng(0)
    spec = transformer_spec.TransformerSpec.from_config(num_layers=layers, num_heads=heads)

    shapes = {"encoder": {"self_attention.linear.0": (3 * d, d), "self_attention.linear.1": (d, d),
                          "ffn.linear_0": (ff, d), "ffn.linear_1": (d, ff)},
              "decoder": {"self_attention.linear.0": (3 * d, d), "self_attention.linear.1": (d, d),
                          "attention.linear.0": (d, d), "attention.linear.1": (2 * d, d),
                          "attention.linear.2": (d, d), "ffn.linear_0": (ff, d), "ffn.linear_1": (d, ff)}}
    for side in ("encoder", "decoder"):
        stack = getattr(spec, side)
        for layer in stack.layer:
            for path, shape in shapes[side].items():
                obj = layer
                for part in path.split("."):
                    obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
                obj.weight = (rng.standard_normal(shape, dtype=np.float32) * 0.05)
                obj.bias = np.zeros(shape[0], np.float32)
            for norm in (layer.self_attention.layer_norm, layer.ffn.layer_norm,
                         *([layer.attention.layer_norm] if side == "decoder" else [])):
                norm.gamma, norm.beta = np.ones(d, np.float32), np.zeros(d, np.float32)
        stack.layer_norm.gamma, stack.layer_norm.beta = np.ones(d, np.float32), np.zeros(d, np.float32)
    embeddings = rng.standard_normal((len(vocab), d), dtype=np.float32) * 0.05
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    spec.decoder.projection.weight = embeddings
    spec.decoder.projection.bias = np.zeros(len(vocab), np.float32)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(pkg / "model"))
    (pkg / "sentencepiece.model").write_bytes((work / "sp.model").read_bytes())
    (pkg / "metadata.json").write_text(json.dumps({
        "package_version": "0.0", "argos_version": "1.0", "from_code": "ru", "to_code": "en",
        "from_name": "Russian", "to_name": "English", "type": "translate"}))
    return zip_directory(pkg, work / "translate-ru_en-bench.argosmodel")


class Timed:
    """Wraps Argos' ctranslate2.Translator: forces the fixed decoding length, times the calls."""

    def __init__(self, translator, length: int):
        self.translator, self.length, self.seconds, self.calls = translator, length, 0.0, 0

    def translate_batch(self, *args, **kwargs):
        kwargs.update(min_decoding_length=self.length, max_decoding_length=self.length)
        start = time.perf_counter()
        result = self.translator.translate_batch(*args, **kwargs)
        self.seconds += time.perf_counter() - start
        self.calls += 1
        return result


class StubSentencizer:
    """Hands argostranslate the paragraph's sentences (MiniSBD needs a download)."""

    def __init__(self, paragraphs: dict[str, list[str]]):
        self.paragraphs = paragraphs

    def split_sentences(self, text: str) -> list[str]:
        return self.paragraphs[text]


def run_argos(package_dir: Path, paragraphs: list[list[str]], length: int) -> tuple[float, float, int]:
    """Wall seconds, process CPU seconds, translate_batch calls."""
    import ctranslate2
    from argostranslate import settings
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    pkg = Package(package_dir)
    translator = ctranslate2.Translator(str(package_dir / "model"), device=settings.device,
                                        inter_threads=settings.inter_threads, intra_threads=settings.intra_threads,
                                        compute_type=settings.compute_type)
    timed = Timed(translator, length)
    texts = {" ".join(p): p for p in paragraphs}
    sentencizer = StubSentencizer(texts)
    apply_packaged_translation(pkg, next(iter(texts)), timed, sentencizer, 1)  # warm-up
    timed.seconds, timed.calls = 0.0, 0
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        apply_packaged_translation(pkg, text, timed, sentencizer, 1)  # what translate() does per paragraph
    return time.perf_counter() - start, time.process_time() - cpu, timed.calls


def run_ours(config, sentences: list[str], length: int, overrides: dict):
    """Wall seconds, seconds inside CTranslate2 decoding, process CPU seconds, options."""
    from translate_pipeline.mt import decoding
    from translate_pipeline.mt.service import resolve_engine
    from translate_pipeline.mt.settings import load_settings

    settings = load_settings(config)
    settings = replace(settings, decode=replace(settings.decode, max_decoding_length=length,
                                                min_decoding_length=length, **overrides))
    engine = resolve_engine(config, "ru", "en", settings)
    engine.translate_batch(sentences[:2])  # load the translator (Argos' side is warmed up too)
    inner = {"seconds": 0.0}
    real = decoding.decode_unique

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            inner["seconds"] += time.perf_counter() - start

    decoding.decode_unique = timed
    try:
        start, cpu = time.perf_counter(), time.process_time()
        engine.translate_batch(sentences)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        decoding.decode_unique = real
    return total, inner["seconds"], cpu, settings.decode


def run_cached(config, sentences: list[str], length: int, overrides: dict, cache_file: Path) -> dict:
    """The same sentences through :class:`CachedEngine` twice: cold (empty cache) and again.

    Returns wall seconds of both passes and the seconds the cold pass spent in the cache itself
    (keys, look-ups, stores: the cache's whole cost on a run that gets no hit).
    """
    from translate_pipeline.mt import cache as mt_cache
    from translate_pipeline.mt.service import resolve_engine
    from translate_pipeline.mt.settings import load_settings

    settings = load_settings(config)
    settings = replace(settings, decode=replace(settings.decode, max_decoding_length=length,
                                                min_decoding_length=length, **overrides))
    raw = resolve_engine(config, "ru", "en", settings)
    raw.translate_batch(sentences[:2])  # translator loaded, as in run_ours
    spent = {"cache": 0.0}

    def timed(method):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent["cache"] += time.perf_counter() - start
        return wrapper

    originals = {name: getattr(mt_cache.MTCache, name) for name in ("get_many", "put_many")}
    real_key = mt_cache.cache_key
    for name, method in originals.items():
        setattr(mt_cache.MTCache, name, timed(method))
    mt_cache.cache_key = timed(real_key)
    try:
        with mt_cache.MTCache(cache_file) as store:
            engine = mt_cache.CachedEngine(raw, store)
            start = time.perf_counter()
            engine.translate_batch(sentences)
            cold = time.perf_counter() - start
            cold_cache = spent["cache"]
            start = time.perf_counter()
            again = engine.translate_batch(sentences)
            warm = time.perf_counter() - start
            assert engine.decoded == len(set(sentences)) and len(again) == len(sentences)
    finally:
        for name, method in originals.items():
            setattr(mt_cache.MTCache, name, method)
        mt_cache.cache_key = real_key
    return {"cold": cold, "warm": warm, "cold_cache": cold_cache}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=240)
    parser.add_argument("--per-paragraph", type=int, default=4)
    parser.add_argument("--decode-length", type=int, default=40)
    parser.add_argument("--inter", type=int, help="inter_threads (default: from core count)")
    parser.add_argument("--intra", type=int, help="intra_threads (default: from core count)")
    parser.add_argument("--batch", type=int, help="max_batch_size in examples (default 32)")
    parser.add_argument("--skip-argos", action="store_true", help="only our path and the cache re-run case")
    parser.add_argument("--smoke", action="store_true", help="a tiny model, 8 sentences: does the script still run?")
    args = parser.parse_args()
    model = SMOKE_MODEL if args.smoke else {}
    if args.smoke:
        args.sentences, args.decode_length = 8, 4
    overrides = {k: v for k, v in (("inter_threads", args.inter), ("intra_threads", args.intra),
                                   ("max_batch_size", args.batch)) if v}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
        from translate_pipeline.core.settings import load_config
        from translate_pipeline.mt.packages import install_archive, packages_dir

        sentences = news_sentences(args.sentences)
        t0 = time.perf_counter()
        archive = build_package(work / "build", sentences, **model)
        package = install_archive(archive, packages_dir())
        print(f"model: {'tiny (--smoke)' if args.smoke else 'transformer-base'} random int8, {package.size / 2**20:.0f} MB, built+installed in "
              f"{time.perf_counter() - t0:.0f} s; {len(sentences)} sentences, ", end="")
        from translate_pipeline.mt.tokenizers import load_tokenizer
        tokens = [len(load_tokenizer(package.tokenizer).encode(s)) for s in sentences]
        print(f"mean {np.mean(tokens):.1f} source tokens/sentence, decoding length fixed at {args.decode_length}, "
              f"beam 4, {os.cpu_count()} cores")
        paragraphs = [sentences[i:i + args.per_paragraph] for i in range(0, len(sentences), args.per_paragraph)]

        a_total, a_cpu, a_calls = (run_argos(package.path, paragraphs, args.decode_length) if not args.skip_argos
                                   else (float("nan"), float("nan"), 0))
        o_total, o_inner, o_cpu, options = run_ours(load_config(work), sentences, args.decode_length, overrides)
        cached = run_cached(load_config(work), sentences, args.decode_length, overrides, work / "mt-cache.sqlite")

    n = len(sentences)
    print("load average during the run (other processes share the CPU): %.1f %.1f %.1f" % os.getloadavg())
    if not args.skip_argos:
        print(f"argostranslate path: {n / a_total:6.1f} sentences/s  ({a_total:.1f} s wall, {a_cpu:.1f} s CPU, "
              f"{a_calls} translate_batch calls)")
    print(f"our batched path:    {n / o_total:6.1f} sentences/s  ({o_total:.1f} s wall, {o_cpu:.1f} s CPU; inter_threads="
          f"{options.inter_threads}, intra_threads={options.intra_threads}, max_batch_size={options.max_batch_size})")
    if not args.skip_argos:
        print(f"speed-up: {a_total / o_total:.1f}x wall-clock, {a_cpu / o_cpu:.1f}x CPU time")
    print(f"our overhead outside CTranslate2: {100 * (o_total - o_inner) / o_total:.2f} % of total")
    print(f"MT cache, cold run: {cached['cold']:.2f} s wall (uncached run above: {o_total:.2f} s), of which "
          f"{cached['cold_cache'] * 1000:.0f} ms in the cache = {100 * cached['cold_cache'] / cached['cold']:.2f} % "
          f"overhead; wall difference {100 * (cached['cold'] - o_total) / o_total:+.1f} %")
    print(f"MT cache, same {n} sentences again: {cached['warm'] * 1000:.1f} ms wall = "
          f"{cached['cold'] / cached['warm']:.0f}x faster than the cold run")


if __name__ == "__main__":
    main()
