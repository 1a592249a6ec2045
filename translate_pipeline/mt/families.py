"""The model families a ``[mt.models.*]`` table can name: one registry entry each.

Everything the project knows about a family of Hugging Face translation models
is in its :class:`Family` entry, as CTranslate2 registers one loader per
architecture: how ``models add`` recognises a snapshot (``config.json``
``model_type``, then a finer test where two families share an architecture),
which tokenizer files it needs, what its language tokens look like and which
one stands for a project language, how its tokenizer is told the languages
(``src_lang``/``tgt_lang``, or a token written before the text), the default
framing of a segment (:class:`Framing`: language tokens, ``</s>``, the forced
target prefix) as the family's reference tokenizer and ``generate()`` frame it --
used only for a model added without transformers; ``models add`` records the
snapshot's own (:mod:`translate_pipeline.mt.framing`) -- which vocabulary entries are
not text, where its input limit is written, what the converter needs, and a
published checkpoint with its license for the Kazakh hint.  Adding a family is
one entry in :data:`FAMILIES` (and its name in ``core.settings.ModelKind``,
which the schema checks when the project loads).

Sources: the tokenizers of ``transformers`` (``NllbTokenizer``,
``M2M100Tokenizer``, ``T5Tokenizer``, ``MarianTokenizer``) and the model cards
of NLLB-200, M2M-100, MADLAD-400 and OPUS-MT; tests/test_mt_hf_equivalence.py
compares every family's output with ``generate()`` token for token.
"""
from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import ModelKind

EOS = "</s>"
# Placeholders in a Framing: the model's language token for the pair's source / target language.
SOURCE, TARGET = "{source}", "{target}"
# Vocabulary entries that are never text: ``tokenizer.decode(skip_special_tokens=True)`` drops them.
SPECIALS = frozenset({EOS, "<s>", "<pad>", "<mask>"})
# ISO 639-1 → the ISO 639-3 code and script NLLB (kaz_Cyrl) and OPUS-MT (>>kaz_Cyrl<<, >>kaz<<) use.
ISO3 = {
    "ru": ("rus", "Cyrl"), "kk": ("kaz", "Cyrl"), "en": ("eng", "Latn"), "uk": ("ukr", "Cyrl"),
    "be": ("bel", "Cyrl"), "ky": ("kir", "Cyrl"), "uz": ("uzn", "Latn"), "tr": ("tur", "Latn"),
    "de": ("deu", "Latn"), "fr": ("fra", "Latn"), "es": ("spa", "Latn"), "it": ("ita", "Latn"),
    "zh": ("zho", "Hans"), "ar": ("arb", "Arab"), "tg": ("tgk", "Cyrl"), "az": ("azj", "Latn"),
}


@dataclass(frozen=True)
class Framing:
    """The tokens a segment's SentencePiece pieces are framed with, for the encoder and the decoder.

    Tokens are inserted as single vocabulary entries, never passed through SentencePiece; the
    placeholders :data:`SOURCE` and :data:`TARGET` stand for the model's language token of the
    pair's source and target language (see :meth:`resolve`).  A plain value, so a framing can
    also be read from elsewhere than the registry (a model's manifest, say).
    """

    before: tuple[str, ...] = ()  # source tokens before the pieces
    after: tuple[str, ...] = ()  # source tokens after the pieces
    target_prefix: tuple[str, ...] = ()  # first target tokens, forced, stripped from the output

    def placeholders(self) -> list[str]:
        """The placeholders used, target first (the token a translation most depends on)."""
        used = {*self.before, *self.after, *self.target_prefix}
        return [p for p in (TARGET, SOURCE) if p in used]

    def resolve(self, tokens: Mapping[str, str]) -> "Framing":
        """The framing with each placeholder replaced by ``tokens[placeholder]``; one without a token
        (``""`` or absent: a single-target OPUS-MT model has none) is left out."""
        def fill(part: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(filled for t in part if (filled := tokens.get(t, "") if t in (SOURCE, TARGET) else t))
        return Framing(fill(self.before), fill(self.after), fill(self.target_prefix))


@dataclass(frozen=True)
class Checkpoint:
    """A published checkpoint of the family that translates into Kazakh (Argos has none): the hint
    for a pair without a model names it with its license."""

    label: str  # "NLLB-200"
    license_note: str  # "CC-BY-NC-4.0, non-commercial"
    model_id: str  # what to give `models add`
    only: tuple[str, str] | None = None  # the one pair it serves (kazRush: ru→kk); None: any


@dataclass(frozen=True)
class Family:
    """One model family: see the module docstring for what each part is used for."""

    name: ModelKind
    title: str  # as error messages and the README name it
    framing: Framing
    # Language tokens: how they look in the vocabulary, the forms tried for a project code
    # ({lang}: "kk"; {iso3}/{script}: "kaz"/"Cyrl" from ISO3; "*": the first match, sorted),
    # and whether every token the framing uses must exist (False: a model may have none).
    token_pattern: re.Pattern | None = None
    token_forms: tuple[str, ...] = ()
    tokens_required: bool = False
    # Recognising a snapshot: config.json model_type values, and a finer test for the one of two
    # families sharing a model_type that has a distinguishing mark (the other one claims the rest).
    model_types: tuple[str, ...] = ()
    claims: Callable[[Path], bool] | None = None
    tokenizer_files: tuple[str, ...] = ()  # copied beside model.bin: the source model first, then the target's
    # How the reference tokenizer is told the languages: ``language_code`` maps a language token to its
    # src_lang/tgt_lang value (NLLB: as it is; M2M-100: "__kk__" → "kk"); ``language_text`` writes the
    # target token into the text ("{target} {text}": MADLAD's "<2kk> …", OPUS-MT's ">>kaz_Cyrl<< …").
    language_code: Callable[[str], str] | None = None
    language_text: str = ""
    # CTranslate2 starts the decoder from a zero vector (its converter's start_from_zero_embedding), not
    # from the decoder start token's embedding as transformers does: `models add` warns when that row is not zero.
    zero_start: bool = False
    max_positions_key: str | None = None  # config.json key of the encoder's position table (input limit)
    converter_tokenizer: Callable[[Any], Any] | None = None  # adapts the HF tokenizer for CTranslate2's converter
    fillers: str = ""  # prefix of vocabulary entries that are no text (fairseq's madeupword0000 …)
    specials: frozenset[str] = field(default=SPECIALS)
    suggested: Checkpoint | None = None

    def language_tokens(self, vocabulary: Sequence[str]) -> list[str]:
        """Every language token of a model's vocabulary, in vocabulary order."""
        pattern = self.token_pattern
        return [t for t in vocabulary if pattern.fullmatch(t)] if pattern else []

    def token(self, lang: str, tokens: Sequence[str]) -> str | None:
        """The model's token for project language ``lang`` (``kk`` → ``kaz_Cyrl`` / ``__kk__`` / ``<2kk>`` …)."""
        iso3, script = ISO3.get(lang, ("", ""))
        available = set(tokens)
        for form in self.token_forms:
            if not iso3 and ("{iso3}" in form or "{script}" in form):
                continue
            wanted = form.format(lang=lang, iso3=iso3, script=script)
            if "*" in wanted:
                matches = sorted(t for t in tokens if fnmatch.fnmatchcase(t, wanted))
                if matches:
                    return matches[0]
            elif wanted in available:
                return wanted
        return None

    def example_languages(self) -> str:
        """A ``languages`` value for a message: ``{ ru = "rus_Cyrl", kk = "kaz_Cyrl" }``."""
        iso3 = {code: ISO3[code] for code in ("ru", "kk")}
        pairs = [f'{code} = "{self.token_forms[0].format(lang=code, iso3=i, script=s)}"'
                 for code, (i, s) in iso3.items()]
        return "{ " + ", ".join(pairs) + " }"

    def is_text(self, token: str) -> bool:
        """False for the vocabulary entries a decoded translation leaves out."""
        return token not in self.specials and not (self.fillers and token.startswith(self.fillers))


def read_json(path: Path) -> dict:
    """A JSON object from a snapshot or model directory (``config.json``, a manifest …); one-line errors."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: arrays nested thousands deep
        raise PipelineError(f"unreadable {path.name} ({exc})", path) from exc
    if not isinstance(data, dict):
        raise PipelineError(f"{path.name} is not a JSON object", path)
    return data


def _nllb_tokenizer(snapshot: Path) -> bool:
    """NLLB-200 shares M2M-100's architecture; its tokenizer class tells them apart."""
    config = snapshot / "tokenizer_config.json"
    return config.is_file() and str(read_json(config).get("tokenizer_class", "")).startswith("Nllb")


MADLAD_TOKEN = re.compile(r"<2[a-z]{2,3}(_[A-Za-z]+)?>")


def _madlad_pieces(snapshot: Path) -> bool:
    """MADLAD-400 is a T5 whose SentencePiece model holds ``<2xx>`` pieces (among its first entries)."""
    spiece = snapshot / "spiece.model"
    if not spiece.is_file():
        return False
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(spiece))
    return any(MADLAD_TOKEN.fullmatch(processor.id_to_piece(i)) for i in range(min(processor.get_piece_size(), 2000)))


def _with_language_tokens(tokenizer):
    """M2M-100's language tokens for the converter's vocabulary.

    CTranslate2 appends ``special_tokens_map["additional_special_tokens"]`` to the vocabulary;
    transformers 5 no longer lists M2M-100's ``__xx__`` tokens there, so without this the
    converted vocabulary is 100 entries short and the conversion fails.
    """
    lang_ids = getattr(tokenizer, "lang_token_to_id", None)
    if not lang_ids:
        return tokenizer
    extra = [token for token, _ in sorted(lang_ids.items(), key=lambda item: item[1])]

    class WithLanguages:
        def __getattr__(self, name):
            return getattr(tokenizer, name)

        @property
        def special_tokens_map(self):
            return {**tokenizer.special_tokens_map, "additional_special_tokens": extra}

    return WithLanguages()


# NLLB-200 and M2M-100 share fairseq's M2M-100 architecture, tokenizer file and conventions.
_FAIRSEQ = dict(max_positions_key="max_position_embeddings", fillers="madeupword", tokens_required=True,
                model_types=("m2m_100",), tokenizer_files=("sentencepiece.bpe.model",))
_T5 = dict(model_types=("t5", "mt5"), tokenizer_files=("spiece.model",))

FAMILIES: dict[str, Family] = {f.name: f for f in (
    # NLLB-200: source `rus_Cyrl pieces </s>`, target prefix `kaz_Cyrl`.
    Family("nllb", "NLLB-200", Framing((SOURCE,), (EOS,), (TARGET,)),
           re.compile(r"[a-z]{3}_[A-Z][a-z]{3}"), ("{iso3}_{script}", "{iso3}_*"), claims=_nllb_tokenizer,
           language_code=str,
           suggested=Checkpoint("NLLB-200", "CC-BY-NC-4.0, non-commercial", "facebook/nllb-200-distilled-600M"),
           **_FAIRSEQ),
    # M2M-100: source `__ru__ pieces </s>`, target prefix `__kk__`.
    Family("m2m100", "M2M-100", Framing((SOURCE,), (EOS,), (TARGET,)),
           re.compile(r"__[a-z]{2,3}__"), ("__{lang}__",), converter_tokenizer=_with_language_tokens,
           language_code=lambda token: token.strip("_"),
           suggested=Checkpoint("M2M-100", "MIT", "facebook/m2m100_418M"), **_FAIRSEQ),
    # T5 seq2seq (e.g. kazRush): `pieces </s>`, one pair per model, no language tokens.
    Family("t5", "T5", Framing((), (EOS,)),
           suggested=Checkpoint("kazRush T5", "Apache-2.0, ru→kk only", "deepvk/kazRush-ru-kk", ("ru", "kk")), **_T5),
    # MADLAD-400 (T5): "<2kk> text" is `▁ <2kk> pieces </s>` (SentencePiece's dummy-prefix ▁ first); its
    # <2xx> are SentencePiece pieces, kept in the output as its tokenizer keeps them.
    Family("madlad", "MADLAD-400", Framing(("▁", TARGET), (EOS,)),
           MADLAD_TOKEN, ("<2{lang}>",), tokens_required=True, claims=_madlad_pieces, language_text="{target} {text}",
           suggested=Checkpoint("MADLAD-400", "Apache-2.0, 3B parameters", "google/madlad400-3b-mt"), **_T5),
    # Marian / OPUS-MT: `[>>kaz_Cyrl<<] pieces </s>`, the token only for multi-target models;
    # ct2-transformers-converter does not set add_source_eos for Marian, so </s> is framed here;
    # target.spm decodes.
    Family("marian", "Marian/OPUS-MT", Framing((TARGET,), (EOS,)),
           re.compile(r">>[a-z]{2,3}(_[A-Za-z]+)?<<"), (">>{iso3}_{script}<<", ">>{iso3}<<", ">>{lang}<<"),
           language_text="{target} {text}", zero_start=True,
           model_types=("marian",), tokenizer_files=("source.spm", "target.spm"),
           max_positions_key="max_position_embeddings"),
    # A converted model whose own config adds what it needs: the source pieces only.
    Family("plain", "plain", Framing()),
)}
# The families `models add` converts from Hugging Face (PRESET names), in the registry's order.
PRESETS = tuple(name for name, f in FAMILIES.items() if f.model_types)


def detect_family(snapshot: Path) -> Family:
    """The family of a Hugging Face snapshot, from its ``config.json`` (and the families' finer tests)."""
    config_path = snapshot / "config.json"
    if not config_path.is_file():
        raise PipelineError("not a Hugging Face model directory: no config.json", snapshot)
    model_type = str(read_json(config_path).get("model_type", ""))
    candidates = [f for f in FAMILIES.values() if model_type in f.model_types]
    found = [f for f in candidates if f.claims is not None and f.claims(snapshot)] or \
        [f for f in candidates if f.claims is None]
    if not found:
        supported = ", ".join(FAMILIES[name].title for name in PRESETS)
        raise PipelineError(f"unsupported architecture {model_type or 'unknown'!r} in config.json "
                            f"(supported: {supported})", config_path)
    return found[0]


@dataclass(frozen=True)
class Vocabulary:
    """The entries of a converted CTranslate2 model (one list each side; the same list when shared)."""

    source: list[str]
    target: list[str]


def read_vocabulary(model_dir: Path) -> Vocabulary | None:
    """``shared_vocabulary``, else ``source_``/``target_vocabulary`` (``.json`` or ``.txt``, as CTranslate2
    writes them) of ``model_dir``; None when it has none.  An unreadable file is a one-line error."""
    def read(name: str) -> list[str] | None:
        for suffix in (".json", ".txt"):
            path = Path(model_dir) / (name + suffix)
            if path.is_file():
                try:
                    text = path.read_text("utf-8")
                    entries = json.loads(text) if suffix == ".json" else text.splitlines()
                except (OSError, ValueError, RecursionError) as exc:
                    raise PipelineError(f"unreadable vocabulary ({exc})", path) from exc
                if not isinstance(entries, list):
                    raise PipelineError("the vocabulary is not a list of tokens", path)
                return [str(entry) for entry in entries]
        return None

    shared = read("shared_vocabulary")
    if shared is not None:
        return Vocabulary(shared, shared)
    source, target = read("source_vocabulary"), read("target_vocabulary")
    if source is None and target is None:
        return None
    return Vocabulary(source if source is not None else target, target if target is not None else source)
