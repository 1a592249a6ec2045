"""Provenance: the pipeline-managed lines of a PO entry's automatic (``#.``) comment.

Provenance travels with the entry so that translators (in Poedit/Lokalize) and ``stats``,
``evaluate`` and ``publish`` can tell MT from TM from human work, and so that
``translate --refresh-mt`` can tell an untouched MT draft from an edited one.  This module is
the only place that writes or reads those lines; everything else works with
:class:`Provenance` values.  Each managed line is ``Key: value`` with a :class:`Key`; what
they look like in a catalog::

    #. Title                                  <- the template's (POT) comment, not managed
    #. Terms: МИИР → MIID; аким → akim        <- glossary terms of the source sentence
    #. Origin: MT argos translate-ru_en 1.9 (ru→en)
    #. MT-raw: The MIID press service reports.
    #. Glossary: enforced (n-best 2 of 4)
    #. QA: MT output truncated at the decoding length limit
    #. MT-state: draft=3f2a… model=9c01… glossary=-
    #. Origin: TM 92% fuzzy from kamaz-kazakhstan (en)
    #. TM: 92% fuzzy match, kamaz-kazakhstan, reviewed 2026-11-26; TM source: …

``MT-raw`` holds the engine's output exactly, spaces included: written as it is when it is plain
text (no space at either end, no run of spaces, no other whitespace), else as a JSON string
(RFC 8259) whose spaces at the ends and in runs are ``\\u0020`` escapes, so a tool that wraps the
line at a space and joins it back loses nothing (``MT-raw: "Ready.\\u0020\\u0020Set."``).  A
catalog written before this reads as it always did: a plain value is the text itself.

The template's own lines come first; the managed ones follow in the order they were written.
A :class:`Provenance` keeps that order, so reading an entry and writing it back changes no
byte, and changing one key moves only that key's lines to the end (what every earlier run
did).  ``#.`` is the template's comment in gettext semantics (GNU gettext manual §3.2), so
merge tools may drop these lines; nothing here depends on them being there.
"""
from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from typing import Iterable

import polib


class Key(str, enum.Enum):
    """The managed line keys, spelled as in the file."""

    ORIGIN = "Origin"  # who filled the msgstr: "MT <engine> (ru→en)" / "TM 92% fuzzy from <article> (<lang>)"
    MT_RAW = "MT-raw"  # the engine's output as it was, for post-editing metrics
    MT_STATE = "MT-state"  # "draft=<hash> model=<hash> glossary=<hash>": what an MT draft was made from
    TERMS = "Terms"  # glossary terms of the source: "МИИР → MIID; аким → akim"
    GLOSSARY = "Glossary"  # enforcement result: "enforced (n-best 2 of 4)" / "missing: МИИР → MIID"
    QA = "QA"  # notes attached at translate time ("MT failed (…)", "MT output truncated …")
    TM = "TM"  # translation-memory match details


class Origin(str, enum.Enum):
    """The machine source an ``Origin`` line names (its first word, any case).

    An entry with no ``Origin`` line, or one another tool wrote ("Poedit suggestion"), has no
    machine origin: a person wrote it, or nobody knows (see :class:`~.state.Authorship`).
    """

    MT = "MT"
    TM = "TM"


# The lines an MT draft owns: emptied with the draft by --refresh-mt.  Terms describes the
# source sentence, not the draft, and stays.
MT_KEYS = (Key.ORIGIN, Key.MT_RAW, Key.GLOSSARY, Key.QA, Key.MT_STATE)

_SEP = ": "
_KEYS = {key.value: key for key in Key}
_ORIGINS = {origin.value: origin for origin in Origin}
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines() breaks at


def _normal(value: str) -> str:
    """One line: runs of whitespace (line breaks included) become one space."""
    return " ".join(value.split())


_SPACE_RUNS = re.compile(r"^ +| +$| {2,}")


def encode_raw(text: str) -> str:
    """The one-line form of an engine's output (see the module docstring): ``text`` itself when it
    is plain and cannot be read as a JSON string, else a JSON string in which every whitespace
    character but a single space between two others is a ``\\uXXXX`` escape (a wrapping tool or an
    editor that trims lines loses nothing).  :func:`decode_raw` inverts it for every string."""
    if text == _normal(text) and decode_raw(text) == text:
        return text
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    body = "".join(f"\\u{ord(char):04x}" if char.isspace() and char != " " else char for char in body)
    return '"' + _SPACE_RUNS.sub(lambda m: "\\u0020" * len(m.group()), body) + '"'


def decode_raw(value: str) -> str:
    """The engine output a ``MT-raw`` value stands for: a complete JSON string decoded, anything
    else (every value written before the JSON form existed) as it is."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        if isinstance(decoded, str):
            return decoded
    return value


@dataclass(frozen=True)
class MTRecord:
    """The ``MT-state`` value: short hashes (:func:`~.mt_state.short_hash`) of the msgstr the
    machine wrote, of the engine's identity and decoding settings, and of the glossary's
    constraints on the segment (``-`` for none).  A field the line lacks is None."""

    draft: str | None = None
    model: str | None = None
    glossary: str | None = None

    def format(self) -> str:
        return " ".join(f"{name}={value}" for name, value in
                        (("draft", self.draft), ("model", self.model), ("glossary", self.glossary)) if value)

    @classmethod
    def parse(cls, value: str) -> "MTRecord":
        """``draft=… model=… glossary=…`` in any order; unknown ``name=value`` parts are ignored."""
        fields = dict(part.split("=", 1) for part in value.split() if "=" in part)
        return cls(fields.get("draft"), fields.get("model"), fields.get("glossary"))


@dataclass(frozen=True)
class Provenance:
    """The managed lines of one entry, in file order: ``((Key.ORIGIN, "MT …"), (Key.MT_RAW, "…"), …)``.

    Each value is one line, as in the file.  Values the pipeline writes (:meth:`from_pairs`,
    :meth:`put`) have their whitespace runs folded to one space and are never blank -- except
    ``MT-raw``, kept exactly (:func:`encode_raw`; :meth:`values` and :attr:`mt_raw` give it back
    decoded); values read from a file (:meth:`of`, :meth:`parse`) stay exactly as written, so lines
    nobody changes are written back unchanged.
    A key may have several lines (``QA``, ``Terms``).  Build one with :meth:`from_mt` /
    :meth:`from_tm`, read one with :meth:`of` (an entry) or :meth:`parse` (text written by
    :meth:`format`), change it with :meth:`put` / :meth:`without`, store it with :meth:`write`.
    Raises ValueError for a key that is not a :class:`Key` or a value holding a line break.
    """

    lines: tuple[tuple[Key, str], ...] = ()

    def __post_init__(self) -> None:
        if not all(type(key) is Key for key, _ in self.lines):
            object.__setattr__(self, "lines", tuple((Key(key), value) for key, value in self.lines))
        for key, value in self.lines:
            if _LINE_BREAK.search(value):
                raise ValueError(f"a {key.value} value must be one line: {value!r}")

    # --- building -------------------------------------------------------------------------

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[Key | str, str | None]]) -> "Provenance":
        """Lines from ``(key, value)`` pairs in order, each value folded to one line (``MT-raw``:
        encoded exactly); a value that is None or blank is no line (``Key:`` alone would not read
        back as a managed line)."""
        lines = ((Key(key), value or "") for key, value in pairs)
        return cls(tuple((key, encode_raw(value) if key is Key.MT_RAW else _normal(value))
                         for key, value in lines if value.strip()))

    @classmethod
    def from_mt(cls, engine: str, raw: str | None = None,
                notes: Iterable[tuple[Key, str]] = ()) -> "Provenance":
        """An MT draft's lines: ``Origin: MT <engine>``, ``MT-raw: <raw>`` (None: none), then ``notes``
        in order.  ``engine`` is the engine's provenance (``argos translate-ru_en 1.9 (ru→en)``)."""
        return cls.from_pairs(((Key.ORIGIN, origin_line(Origin.MT, engine)), (Key.MT_RAW, raw), *notes))

    @classmethod
    def from_tm(cls, percent: int, exact: bool, article: str, lang: str, details: str) -> "Provenance":
        """A TM match's lines: ``Origin: TM 92% fuzzy from <article> (<lang>)`` and ``TM: <details>``."""
        match = f"{percent}% {'exact' if exact else 'fuzzy'} from {article} ({lang})"
        return cls.from_pairs(((Key.ORIGIN, origin_line(Origin.TM, match)), (Key.TM, details)))

    # --- reading --------------------------------------------------------------------------

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys present, in first-seen order."""
        return tuple(dict.fromkeys(key for key, _ in self.lines))

    def values(self, key: Key) -> tuple[str, ...]:
        """The ``key`` lines' values in order (``MT-raw``: the engine output they stand for)."""
        found = tuple(value for k, value in self.lines if k == key)
        return tuple(map(decode_raw, found)) if key is Key.MT_RAW else found

    def first(self, key: Key) -> str | None:
        return next(iter(self.values(key)), None)

    @property
    def origin(self) -> Origin | None:
        """The machine source the ``Origin`` line names (None: no such line, or not MT/TM)."""
        return _ORIGINS.get((self.first(Key.ORIGIN) or "").split(" ", 1)[0].upper())

    @property
    def engine(self) -> str | None:
        """The engine of an MT ``Origin`` line without its language pair (``argos translate-ru_en 1.9``;
        ``""`` when the line names none); None when the origin is not MT."""
        if self.origin is not Origin.MT:
            return None
        name = self.first(Key.ORIGIN)[len(Origin.MT.value):].strip()
        if name.endswith(")") and "(" in name:
            name = name[: name.rindex("(")].strip()
        return name

    @property
    def mt_raw(self) -> str | None:
        return self.first(Key.MT_RAW)

    @property
    def mt_record(self) -> MTRecord | None:
        value = self.first(Key.MT_STATE)
        return None if value is None else MTRecord.parse(value)

    @property
    def terms(self) -> tuple[tuple[str, str], ...]:
        """``Terms: МИИР → MIID; аким → akim`` → ``(("МИИР", "MIID"), ("аким", "akim"))``, every line."""
        pairs = []
        for value in self.values(Key.TERMS):
            for part in value.split(";"):
                source, sep, target = part.partition("→")
                if sep and source.strip() and target.strip():
                    pairs.append((source.strip(), target.strip()))
        return tuple(pairs)

    # --- changing -------------------------------------------------------------------------

    def put(self, key: Key, values: str | Iterable[str] | None) -> "Provenance":
        """Every ``key`` line replaced by ``values`` (None or [] removes them).

        Lines that already say exactly ``values`` stay where they are, so putting the same
        annotation again (every re-run does) changes no byte; changed ones go to the end.
        """
        values = [values] if isinstance(values, str) else list(values or [])
        new = Provenance.from_pairs((key, value) for value in values)
        if self.values(key) == new.values(key):
            return self
        return Provenance(tuple(line for line in self.lines if line[0] != key) + new.lines)

    def without(self, *keys: Key) -> "Provenance":
        return Provenance(tuple(line for line in self.lines if line[0] not in keys))

    # --- text and entries -----------------------------------------------------------------

    def format(self) -> str:
        """The lines as text, ``Key: value`` each, joined by ``\\n`` (``""`` for none)."""
        return "\n".join(f"{key.value}{_SEP}{value}" for key, value in self.lines)

    @classmethod
    def parse(cls, text: str) -> "Provenance":
        """Inverse of :meth:`format` (also reads lines another tool wrapped, see :func:`split_comment`).
        Raises ValueError naming the first line that is not a managed line."""
        template, provenance = split_comment(text)
        if template:
            raise ValueError(f"not a provenance line: {template[0]!r}")
        return provenance

    @classmethod
    def of(cls, entry: polib.POEntry) -> "Provenance":
        """The entry's managed lines (its template lines are left aside)."""
        return split_comment(entry.comment)[1]

    def write(self, entry: polib.POEntry) -> bool:
        """Make these the entry's managed lines, after its template lines; True if the comment changed.

        An entry that already holds exactly these lines is not touched (not even re-laid out).
        """
        template, current = split_comment(entry.comment)
        if current == self:
            return False
        entry.comment = compose(template, self)
        return True


def origin_line(origin: Origin, detail: str) -> str:
    """The ``Origin`` value for a machine source: ``MT argos translate-ru_en 1.9 (ru→en)``."""
    return f"{origin.value} {detail}"


def terms_value(pairs: Iterable[tuple[str, str]]) -> str | None:
    """The ``Terms`` value for (source term, target term) pairs; None when there are none."""
    return "; ".join(f"{source} → {target}" for source, target in pairs) or None


def _managed(line: str) -> tuple[Key, str] | None:
    key, sep, value = line.partition(_SEP)
    return (_KEYS[key], value) if sep and key in _KEYS else None


def split_comment(comment: str | None) -> tuple[list[str], Provenance]:
    """An automatic comment as (template lines, :class:`Provenance`).

    Template lines come first; a line that is no managed line after a managed one is that line
    wrapped by another tool (polib-based editors wrap ``#.`` lines at 78 columns, breaking
    after hyphens), so it is joined back.
    """
    template: list[str] = []
    lines: list[tuple[Key, str]] = []
    for line in (comment or "").splitlines():
        found = _managed(line)
        if found:
            lines.append(found)
        elif lines:
            key, value = lines[-1]
            lines[-1] = (key, f"{value}{'' if value.endswith('-') else ' '}{line.strip()}")
        else:
            template.append(line)
    return template, Provenance(tuple(lines))


def compose(template: list[str], provenance: Provenance) -> str:
    """An automatic comment: the template's lines, then the managed ones."""
    return "\n".join(template + ([provenance.format()] if provenance.lines else []))
