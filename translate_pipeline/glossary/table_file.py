"""One CSV/TSV term base file, edited row by row with everything else kept as it was.

``glossary add`` (also ``--replace``), ``glossary remove`` and ``glossary import`` change only
the rows they touch: comment lines, blank lines, the column order, the delimiter, the quoting
and spelling of every other row and of the cells they leave alone, a UTF-8 BOM and the line ends
(LF or CRLF, from the first line) stay byte for byte, so a diff shows exactly the terminologist's
change.  A column the file lacks (a new language) is appended to the header; rows shorter than
the header stay valid (:func:`~.termbase.parse` reads missing cells as empty).  A new file is
written in the canonical column order (:func:`~.termbase.columns`) with LF line ends.

Rows are found with the standard :mod:`csv` reader, physical lines as it counts them (a quoted
cell may span lines), so a row's first line is the line :attr:`Concept.line` names.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.glossary.termbase import FLAG_COLUMNS, TEXT_COLUMNS, columns, detect_delimiter


@dataclass
class Row:
    first: int  # index of its first physical line in TableFile.lines
    count: int  # physical lines it spans
    cells: list[str]

    @property
    def line(self) -> int:
        """Its first line, 1-based (what error messages and ``Concept.line`` name)."""
        return self.first + 1


class TableFile:
    """The lines of one term base file, its header and its rows (comments and blank lines are no rows)."""

    def __init__(self, path: Path, text: str, source_lang: str):
        self.path = path
        self.source_lang = source_lang
        self.bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self.lines: list[str] = list(io.StringIO(text, newline=""))  # split as the csv reader counts lines
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        default = "\t" if path.suffix.lower() == ".tsv" else ","
        self.delimiter = detect_delimiter(text, source_lang, default) if text.strip() else default
        self.header: Row | None = None
        self.rows: list[Row] = []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter, strict=True)
        start = 0
        try:
            for cells in reader:
                row, start = Row(start, reader.line_num - start, cells), reader.line_num
                if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                    continue
                if self.header is None:
                    self.header = row
                else:
                    self.rows.append(row)
        except csv.Error as exc:
            raise PipelineError(f"malformed CSV: {exc}", path, reader.line_num) from exc

    @classmethod
    def read(cls, path: Path, source_lang: str) -> "TableFile":
        """The file at ``path``, or an empty one to be created there."""
        try:
            text = path.read_bytes().decode("utf-8") if path.exists() else ""
        except UnicodeDecodeError as exc:
            raise PipelineError("not UTF-8 text", path) from exc
        except OSError as exc:
            raise PipelineError(f"cannot read: {exc.strerror or exc}", path) from exc
        return cls(path, text, source_lang)

    def text(self) -> str:
        return ("\ufeff" if self.bom else "") + "".join(self.lines)

    @property
    def fields(self) -> list[str]:
        return [cell.strip() for cell in self.header.cells] if self.header else []

    def row_at(self, line: int) -> Row:
        """The row whose first line is ``line`` (1-based)."""
        for row in self.rows:
            if row.line == line:
                return row
        raise PipelineError(f"no glossary row starts on line {line} (changed on disk meanwhile?)", self.path, line)

    def append(self, values: Mapping[str, str]) -> int:
        """Add a row with ``values`` (column → cell text); returns its line."""
        self._columns(values)
        self._end_last_line()
        first = len(self.lines)
        self.lines.append(self._serialize(self._cells([], values)))
        self.rows.append(Row(first, 1, self._cells([], values)))
        return first + 1

    def _end_last_line(self) -> None:
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += self.newline

    def update(self, row: Row, values: Mapping[str, str]) -> None:
        """Set the cells of ``values`` in ``row``; its other cells keep their text."""
        self._columns(values)
        cells = self._cells(row.cells, values)
        self._splice(row, [self._serialize(cells)])
        row.cells = cells

    def delete(self, row: Row) -> None:
        self._splice(row, [])
        self.rows.remove(row)

    def _splice(self, row: Row, new: list[str]) -> None:
        old_end = row.first + row.count
        ending = self.lines[old_end - 1][len(self.lines[old_end - 1].rstrip("\r\n")):]
        if new and not ending:  # the file's last line had no line end: neither has its replacement
            new = [new[-1].rstrip("\r\n")]
        self.lines[row.first:old_end] = new
        shift = len(new) - row.count
        row.count = len(new)
        for other in [self.header, *self.rows]:
            if other is not None and other is not row and other.first > row.first:
                other.first += shift

    def _columns(self, values: Mapping[str, str]) -> None:
        """Append to the header the columns ``values`` fills that the file lacks (a new file: the
        canonical header of those languages)."""
        wanted = [name for name, text in values.items() if text and name not in self.fields]
        if self.header is None:  # a new file, or one of comments only: the header goes after them
            langs = [name for name in wanted if name not in ("id", *TEXT_COLUMNS, *FLAG_COLUMNS) and "_" not in name]
            names = columns(langs, self.source_lang)
            self._end_last_line()
            self.header = Row(len(self.lines), 1, names)
            self.lines.append(self._serialize(names))
            return
        if wanted:
            cells = self.header.cells + wanted
            self._splice(self.header, [self._serialize(cells)])
            self.header.cells = cells

    def _cells(self, cells: list[str], values: Mapping[str, str]) -> list[str]:
        index = {name: i for i, name in enumerate(self.fields)}
        out = list(cells)
        for name, text in values.items():
            if name not in index:
                continue  # an empty cell of a column the file does not have
            if index[name] >= len(out):
                if not text:
                    continue
                out += [""] * (index[name] + 1 - len(out))
            out[index[name]] = text
        return out

    def _serialize(self, cells: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=self.delimiter, lineterminator=self.newline).writerow(cells)
        return out.getvalue()
