"""The nesting of an article's blocks: quotations, (nested) lists and tables around each block.

Blocks are stored flat (:class:`~translate_pipeline.publish.assemble.PublishedBlock`
with ``quote`` depth, list ``level`` and table :class:`~translate_pipeline.source.article.Cell`);
:func:`containers` gives, for every block, the chain of elements it sits in, so a
renderer opens and closes exactly the elements that change between two blocks.
Each block is placed once: linear in the number of blocks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from translate_pipeline.publish.assemble import PublishedBlock, list_kind


@dataclass(frozen=True)
class Container:
    """An element around blocks: ``quote``, ``list`` (``ordered``/``start``), ``li``,
    ``table``, ``thead``/``tbody``, ``tr``.  Equal keys = the same element."""

    tag: str
    key: tuple
    ordered: bool = False
    start: int = 1  # ordered lists: the first item's number


def _number(marker: str) -> int:
    digits = marker[:-1]
    return int(digits) if digits.isdigit() else 1


def containers(blocks: Sequence[PublishedBlock]) -> list[list[Container]]:
    """For each block, the containers it is inside, outermost first."""
    out: list[list[Container]] = []
    previous: list[Container] = []
    items = 0  # running count: each list item is its own <li>
    for block in blocks:
        chain = [Container("quote", ("quote", depth)) for depth in range(block.quote)]
        if block.kind == "item":
            kind = list_kind(block.kind, block.marker)
            for level in range(block.level + 1):
                position = len(chain)
                same = previous[position] if position < len(previous) else None
                if level < block.level and same is not None and same.tag == "list":
                    chain += previous[position:position + 2]  # the parent list and its open item
                    continue
                if level < block.level:  # a nested item without a parent (cannot come from Markdown)
                    items += 1
                    chain += [Container("list", ("list", items, "-")), Container("li", ("li", items))]
                    continue
                if same is None or same.tag != "list" or same.key[2] != kind:
                    items += 1
                    same = Container("list", ("list", items, kind), kind.startswith("ordered"), _number(block.marker))
                items += 1
                chain += [same, Container("li", ("li", items))]
        elif block.cell is not None:
            cell = block.cell
            section = "thead" if cell.row == 0 else "tbody"
            chain += [Container("table", ("table", cell.table)), Container(section, (section, cell.table)),
                      Container("tr", ("tr", cell.table, cell.row))]
        out.append(chain)
        previous = chain
    return out


def transitions(chains: list[list[Container]]) -> list[tuple[list[Container], list[Container]]]:
    """Per block: (containers to close before it, innermost first; containers to open, outermost first).
    After the last block everything is closed: the closes for that are in the last pair's ``after``
    — see :func:`closes_after`."""
    result = []
    previous: list[Container] = []
    for chain in chains:
        common = 0
        while common < min(len(previous), len(chain)) and previous[common] == chain[common]:
            common += 1
        result.append((list(reversed(previous[common:])), chain[common:]))
        previous = chain
    return result


def closes_after(chains: list[list[Container]]) -> list[Container]:
    """What is still open after the last block, innermost first."""
    return list(reversed(chains[-1])) if chains else []
