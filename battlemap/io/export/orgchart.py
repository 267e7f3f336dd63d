"""Lay out the reporting tree as boxes on a grid, shared by the PDF picture and the PPTX shapes.

Units: one slot is 1.0 wide, one level is LEVEL high. A manager whose reports are all leaves gets
them stacked below as a list (the usual org chart compaction), so 80 people still fit one slide;
people with no manager and no reports are stacked in a last column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .report import children_of

BOX_W, BOX_H = 0.9, 0.5
LEVEL = 0.8  # vertical distance between a manager and their reports
STACK = 0.6  # vertical distance between stacked leaves
INDENT = 0.1


@dataclass
class Layout:
    boxes: dict[Any, tuple[float, float]] = field(default_factory=dict)  # id -> top-left (x, y)
    edges: list[tuple[Any, Any, str]] = field(default_factory=list)  # (manager, report, "tree" | "stack")
    width: float = 0.0
    height: float = 0.0


def layout(people: list[dict[str, Any]]) -> Layout:
    roots, kids = children_of(people)
    out = Layout()
    seen: set[Any] = set()

    def place(node: Any, x: float, y: float) -> float:
        """Place node's subtree with its left edge at x; return the subtree width."""
        seen.add(node)
        children = [c for c in kids[node] if c not in seen]
        if not children:
            out.boxes[node] = (x, y)
            return 1.0
        if all(not kids[c] for c in children):
            out.boxes[node] = (x, y)
            for i, c in enumerate(children):
                seen.add(c)
                out.boxes[c] = (x + INDENT, y + LEVEL + i * STACK)
                out.edges.append((node, c, "stack"))
            return 1.0 + INDENT
        cursor = x
        for c in children:
            cursor += place(c, cursor, y + LEVEL)
            out.edges.append((node, c, "tree"))
        first, last = out.boxes[children[0]][0], out.boxes[children[-1]][0]
        out.boxes[node] = ((first + last) / 2, y)
        return cursor - x

    cursor = 0.0
    singles = [r for r in roots if not kids[r]]
    for r in roots:
        if kids[r]:
            cursor += place(r, cursor, 0.0)
    for i, r in enumerate(singles):
        seen.add(r)
        out.boxes[r] = (cursor, i * STACK)
    if singles:
        cursor += 1.0
    # people caught in a reporting cycle are unreachable from any root: show them too, in a column
    rest = [p["id"] for p in people if p["id"] not in out.boxes]
    for i, pid in enumerate(rest):
        out.boxes[pid] = (cursor, i * STACK)
    if rest:
        cursor += 1.0
    out.width = max(cursor - (1.0 - BOX_W), BOX_W)
    out.height = max((y + BOX_H for _x, y in out.boxes.values()), default=BOX_H)
    return out
