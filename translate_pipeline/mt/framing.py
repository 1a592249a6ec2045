"""How a model frames a segment, read from its own Hugging Face tokenizer rather than assumed.

A family's convention -- NLLB's ``rus_Cyrl pieces </s>``, MADLAD's ``<2kk>`` -- is only what its
tokenizer does today; tokenizers change between versions (NLLB's ``legacy_behaviour`` put the
language token last) and a hand-written framing drifts (MADLAD's tokenizer writes a ``▁`` before
``<2kk>``).  :func:`derive_framing` encodes probe texts with the snapshot's tokenizer
(``AutoTokenizer``, the same one ``generate()`` is used with), told the languages as the family's
model card says (``src_lang``/``tgt_lang``, or the target token written before the text), finds
the SentencePiece pieces the engine would send inside the result, and returns what surrounds
them: the source tokens before and after, and the target tokens before the pieces of
``tokenizer(text_target=…)`` (the forced target prefix).  Language tokens become the
``{source}``/``{target}`` placeholders, so one record serves every pair of the model.

``models add`` records the result in the model's manifest (:mod:`.manifest`); ``models check``
derives it again from the tokenizer files copied beside the model and fails on any difference.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping, Sequence

from translate_pipeline.core.errors import EnvironmentProblem, PipelineError
from translate_pipeline.mt.families import SOURCE, TARGET, Family, Framing

# Plain news text: the framing is what the tokenizer puts around any text.
PROBE_TEXTS = (
    "Премьер-министр провёл совещание в Астане.",
    "Экспорт зерна вырос на 12 процентов.",
    "The plant will open in 2026.",
)
Pieces = Callable[[str], Sequence[str]]


class FramingUnavailable(EnvironmentProblem):
    """The snapshot's tokenizer cannot be loaded here (no transformers, tokenizer files missing): the
    machine, not the model (exit status 4 where it stops a command)."""


def load_reference_tokenizer(directory: Path):
    """The Hugging Face tokenizer saved in ``directory`` (a snapshot, or a converted model beside
    which ``models add`` copied the tokenizer files); :class:`FramingUnavailable` when it cannot be."""
    try:
        import transformers
    except ImportError as exc:
        raise FramingUnavailable("transformers is not installed") from exc
    transformers.utils.logging.set_verbosity_error()
    try:
        return transformers.AutoTokenizer.from_pretrained(str(directory))
    except Exception as exc:  # any loader failure of any tokenizer class: not loadable here
        message = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise FramingUnavailable(f"its tokenizer cannot be loaded ({message})", directory) from exc


def derive_framing(directory: Path, family: Family, tokens: Mapping[str, str], source_pieces: Pieces,
                   target_pieces: Pieces) -> Framing:
    """The framing the tokenizer saved in ``directory`` gives, with placeholders for language tokens.

    ``tokens`` holds the model's language tokens for :data:`SOURCE` and :data:`TARGET` (empty or
    absent for a model without them); ``source_pieces``/``target_pieces`` split a text as the
    engine's SentencePiece models do.  Raises :class:`FramingUnavailable` when the tokenizer cannot
    be loaded, :class:`PipelineError` when it frames the probe texts inconsistently or splits them
    otherwise than the SentencePiece models (the engine could not reproduce it).
    """
    tokenizer = load_reference_tokenizer(directory)
    source, target = tokens.get(SOURCE, ""), tokens.get(TARGET, "")
    if family.language_code is not None and source and target:
        tokenizer.src_lang = family.language_code(source)
        tokenizer.tgt_lang = family.language_code(target)
    found: set[Framing] = set()
    for text in PROBE_TEXTS:
        framed = family.language_text.format(target=target, text=text) if family.language_text and target else text
        before, after = _around(tokenizer, tokenizer(framed).input_ids, source_pieces(text), text, "source")
        prefix, _ = _around(tokenizer, tokenizer(text_target=text).input_ids, target_pieces(text), text, "target")
        found.add(Framing(before, after, prefix))
    if len(found) > 1:
        raise PipelineError(f"the tokenizer frames the probe texts differently ({'; '.join(map(describe, found))})",
                            directory)
    placeholders = {token: name for name, token in ((SOURCE, source), (TARGET, target)) if token}
    framing = found.pop()
    return Framing(*(tuple(placeholders.get(t, t) for t in part)
                     for part in (framing.before, framing.after, framing.target_prefix)))


def _around(tokenizer, encoded: list[int], pieces: Sequence[str], text: str,
            side: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tokens before and after the first occurrence of ``pieces`` in ``encoded``, compared as
    vocabulary ids (a piece the vocabulary lacks is ``<unk>`` on both sides, as the model gets it)."""
    ids = tokenizer.convert_tokens_to_ids(list(pieces))
    for start in range(len(encoded) - len(ids) + 1):
        if encoded[start:start + len(ids)] == ids:
            return (tuple(tokenizer.convert_ids_to_tokens(encoded[:start])),
                    tuple(tokenizer.convert_ids_to_tokens(encoded[start + len(ids):])))
    raise PipelineError(f"the tokenizer's {side} tokens of {text!r} "
                        f"({' '.join(tokenizer.convert_ids_to_tokens(encoded))}) do not contain its SentencePiece "
                        f"pieces ({' '.join(pieces)}): the model cannot be framed as its tokenizer frames it")


def describe(framing: Framing) -> str:
    """``▁ {target} pieces </s>``, and ``; target prefix {target}`` when there is one."""
    source = " ".join([*framing.before, "pieces", *framing.after])
    prefix = f"; target prefix {' '.join(framing.target_prefix)}" if framing.target_prefix else ""
    return source + prefix
