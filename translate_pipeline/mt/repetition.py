"""Is an MT output looping?  The degenerate repetition of neural decoders (Holtzman et al. 2020,
"The Curious Case of Neural Text Degeneration"; argos-translate issue #428: ``pre-pre- pre-pre- pre-``).

Three signs, each compared with the source so that a source that itself repeats is not blamed:

* an n-gram of 1-4 words repeated back to back at least ``min_repeats`` times;
* a word made of one fragment joined by hyphens (``pre-pre-pre``) or a fragment repeated inside
  one word three times or more (``наннаннан``);
* an output much longer than its input (characters without the spaces at either end: ``ratio`` ×
  source + ``slack``, so short inputs get room too).

Digits and punctuation are not words that loop: a grouped number (``1 000 000 000``, ``1,000,000``) and a
run of one punctuation mark (``...`` for ``…``, ``!!!``) are single tokens, and an n-gram with no
letter whose characters all occur in the source (``2020 2020 2020`` where the source has the year,
NFKC-normalised so ``…`` has ``.``) is not counted.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\d{1,3}(?:[ ,.'\u00a0\u202f]\d{3})+(?!\d)(?:[.,]\d+)?|\w+(?:[-‐]\w*)*-?|([^\w\s])\1*", re.UNICODE)
_HYPHEN_LOOP = re.compile(r"(?i)\b([^\W\d_]{1,12})-(?:\s*\1\b-?){2,}")
_INNER_LOOP = re.compile(r"(?i)([^\W\d_]{2,8})\1{2,}")


def _words(text: str) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text)]


def _max_run(words: list[str], max_n: int = 4, source_chars: frozenset[str] | None = None) -> tuple[int, str]:
    """The longest back-to-back repetition: (times, the repeated n-gram).  With ``source_chars``,
    n-grams without a letter made only of those characters are left out."""
    best, what = 1, ""
    for n in range(1, max_n + 1):
        for start in range(len(words) - n):
            gram = words[start:start + n]
            if source_chars is not None and not any(c.isalpha() for w in gram for c in w) and \
                    set("".join(gram)) <= source_chars:
                continue
            times = 1
            while words[start + times * n:start + (times + 1) * n] == gram:
                times += 1
            if times > best:
                best, what = times, " ".join(gram)
    return best, what


def repetition(source: str, output: str, min_repeats: int = 3, ratio: float = 3.0, slack: int = 20) -> str | None:
    """Why ``output`` looks like a decoding loop, or None.  ``min_repeats`` back-to-back copies of an
    n-gram count; output longer than ``ratio`` × source + ``slack`` characters counts."""
    times, gram = _max_run(_words(output), source_chars=frozenset(unicodedata.normalize("NFKC", source).lower()))
    if times >= min_repeats and times > _max_run(_words(source))[0]:
        return f"repeats “{gram}” {times} times"
    for pattern in (_HYPHEN_LOOP, _INNER_LOOP):
        loop = pattern.search(output)
        if loop and not pattern.search(source):
            return f"repeated fragment “{loop.group(0)}”"
    # the texts' own characters: spaces around them are no output (and the whitespace check's business)
    if len(output.strip()) > ratio * len(source.strip()) + slack:
        return f"output {len(output.strip())} characters for {len(source.strip())} in the source"
    return None
