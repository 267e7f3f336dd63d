"""Lay out the reporting tree as boxes on a grid, shared by the PDF picture, the PNG and the PPTX shapes.

Units: one slot is 1.0 wide, one level is LEVEL high. A manager whose reports are all leaves gets
them stacked below as a list (the usual org chart compaction), so 80 people still fit one slide;
people with no manager and no reports stand in a grid beside the trees, about as wide as it is tall (25
people without reporting lines were one column of tiny cards); the decision bodies (◆) in a row under
the whole, as the web org chart shows them beside the people.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .report import children_of

BOX_W, BOX_H = 0.9, 0.5
LEVEL = 0.8  # vertical distance between a manager and their reports
STACK = 0.6  # vertical distance between stacked leaves
INDENT = 0.1
STACK_ROWS = 6  # `wrap`: leaves listed under a manager in columns of at most this many (14 → 3 columns of 5)


@dataclass
class Layout:
    boxes: dict[Any, tuple[float, float]] = field(default_factory=dict)  # id -> top-left (x, y)
    edges: list[tuple[Any, Any, str]] = field(default_factory=list)  # (manager, report, "tree" | "stack")
    bodies: dict[Any, tuple[float, float]] = field(default_factory=dict)  # decision body id -> top-left
    body_h: float = BOX_H  # a decision body's card: as tall as a person's, or taller for its text
    width: float = 0.0
    height: float = 0.0


def grid_columns(n: int) -> int:
    """Columns of a grid of `n` cards about as wide as it is tall when drawn (a slot is 1.0 wide, a row
    STACK tall, and pages are landscape): 25 people → 5 columns of 5."""
    return max(1, math.ceil(math.sqrt(n * STACK * 1.5))) if n else 1


def layout(
    people: list[dict[str, Any]],
    bodies: list[Any] = (),
    body_h: float = BOX_H,
    stack: bool = True,
    beside: bool = False,
    wrap: bool = False,
) -> Layout:
    """Boxes for `people` (their reporting tree) and for the decision bodies `bodies` (ids), the bodies' cards
    `body_h` tall (taller than a person's when their text needs it: `cards.body_text`), their rows as far
    apart as the people's stacked cards. `stack` False sets a manager's leaves side by side in a row, as
    other reports are (a slide wide enough for them gives its cards more height than a tall list). `beside`
    puts the bodies in columns right of the people, from the top, instead of in rows under them (a slide
    wider than the chart: the row under it took the height the cards' titles needed). `wrap` lists a
    manager's many leaves in side-by-side columns of at most STACK_ROWS (the PNG's and the PDF's chart: 14
    reports of one boss were one column 2,923 px tall), as the web chart wraps them."""
    roots, kids = children_of(people)
    out = Layout(body_h=body_h)
    seen: set[Any] = set()

    def place(node: Any, x: float, y: float) -> float:
        """Place node's subtree with its left edge at x; return the subtree width."""
        seen.add(node)
        children = [c for c in kids[node] if c not in seen]
        if not children:
            out.boxes[node] = (x, y)
            return 1.0
        if stack and all(not kids[c] for c in children):
            out.boxes[node] = (x, y)
            columns = math.ceil(len(children) / STACK_ROWS) if wrap else 1
            rows = math.ceil(len(children) / columns)
            for i, c in enumerate(children):
                seen.add(c)
                out.boxes[c] = (x + INDENT + i // rows, y + LEVEL + (i % rows) * STACK)
                out.edges.append((node, c, "stack"))
            return columns + INDENT
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
    columns = grid_columns(len(singles))
    for i, r in enumerate(singles):
        seen.add(r)
        out.boxes[r] = (cursor + i % columns, (i // columns) * STACK)
    if singles:
        cursor += min(columns, len(singles))
    # people caught in a reporting cycle are unreachable from any root: show them too, in a column
    rest = [p["id"] for p in people if p["id"] not in out.boxes]
    for i, pid in enumerate(rest):
        out.boxes[pid] = (cursor, i * STACK)
    if rest:
        cursor += 1.0
    below = max((y + BOX_H for _x, y in out.boxes.values()), default=0.0) + (
        LEVEL - BOX_H if out.boxes else 0
    )
    step = body_h + STACK - BOX_H  # a row of bodies, as far apart as stacked cards
    if beside and bodies:
        per_column = (
            max(1, int((below - (LEVEL - BOX_H) + STACK - BOX_H) // step)) if out.boxes else len(bodies)
        )
        for i, bid in enumerate(bodies):
            out.bodies[bid] = (cursor + i // per_column, (i % per_column) * step)
        cursor += math.ceil(len(bodies) / per_column)
    else:
        per_row = max(int(round(cursor)), grid_columns(len(bodies)))
        for i, bid in enumerate(bodies):
            out.bodies[bid] = (i % per_row, below + (i // per_row) * step)
        cursor = max(cursor, min(per_row, len(bodies)))
    out.width = max(cursor - (1.0 - BOX_W), BOX_W)
    out.height = max(
        [y + BOX_H for _x, y in out.boxes.values()] + [y + body_h for _x, y in out.bodies.values()],
        default=BOX_H,
    )
    return out


def team_pages(people: list[dict[str, Any]]) -> list[tuple[Any, list[dict[str, Any]]]]:
    """A chart too big for one page (slide or panel) cut in pages: the top two levels, then each second-level
    manager's team, as (its head, its people — the head a root of the page, as well as a card on the first)."""
    roots, kids = children_of(people)
    top = set(roots) | {c for root in roots for c in kids[root]}
    pages: list[tuple[Any, list[dict[str, Any]]]] = [(None, [p for p in people if p["id"] in top])]
    for root in roots:
        for head in kids[root]:
            if not kids[head]:
                continue
            team, todo = set(), [head]
            while todo:
                node = todo.pop()
                if node not in team:
                    team.add(node)
                    todo.extend(kids[node])
            pages.append(
                (
                    head,
                    [dict(p, reports_to=None) if p["id"] == head else p for p in people if p["id"] in team],
                )
            )
    return pages


Fits = Callable[
    [list[dict[str, Any]], set[Any]], bool
]  # (a page's people, its cards whose team goes on) → holds


@dataclass
class TeamPage:
    head: Any  # whose team the page shows (a root of the page); None: the top of the chart
    people: list[dict[str, Any]]
    continued: set[Any]  # cards on the page whose team goes on on pages of its own


def split_pages(people: list[dict[str, Any]], fits: Fits, head: Any = None) -> list[TeamPage]:
    """`people` on as many pages as `fits` needs, depth first: all on one when it holds them; else their top
    two levels (`team_pages`; spread over pages when too wide, `top_pages`), then each second-level manager's
    team the same way — a team too big for a page is cut again at its own second level, so a manager with 93
    people under him is his reports on one page and each of their teams on its own (the deck put all 93 cards
    of 0.49" on one slide, their names ten lines past their cards). `fits(people, continued)` says whether a
    page holds its cards' text, `continued` the cards that say where their team goes on."""
    if fits(people, set()):
        return [TeamPage(head, people, set())]
    (_none, top), *teams = team_pages(people)
    heads = {team_head for team_head, _team in teams}
    by_id = {p["id"]: p for p in top}
    out = [
        TeamPage(head, [by_id[pid] for pid in ids], heads & set(ids)) for ids in top_pages(top, heads, fits)
    ]
    for team_head, team in teams:
        out += split_pages(team, fits, team_head)
    return out


def top_pages(top: list[dict[str, Any]], heads: set[Any], fits: Fits) -> list[list[Any]]:
    """The ids of the top two levels (`top`) on as few pages as `fits` allows, `heads` the cards whose team
    goes on: all on one; else each root with as many of its reports as fit beside it, a page after another,
    shared out evenly (a root of twelve teams left the deck's cards a line's height)."""
    by_id = {p["id"]: p for p in top}

    def fit(ids: list[Any]) -> bool:
        return fits([by_id[pid] for pid in ids], heads & set(ids))

    if fit(list(by_id)):
        return [list(by_id)]
    roots, kids = children_of(top)
    units = [[root, kid] for root in roots for kid in kids[root]] + [
        [root] for root in roots if not kids[root]
    ]
    pages: list[list[Any]] = []
    start = 0
    while start < len(units):  # the most units that fit from `start`: doubling, then halving the gap
        low, high = 1, 2
        while start + high <= len(units) and fit(_ids(units[start : start + high])):
            low, high = high, high * 2
        high = min(high, len(units) - start + 1)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if fit(_ids(units[start : start + middle])) else (low, middle)
        pages.append(_ids(units[start : start + low]))
        start += low
    if len(pages) > 1:  # as many pages, their reports shared out evenly (not eleven and a last one alone)
        share = -(-len(units) // len(pages))
        even = [_ids(units[i : i + share]) for i in range(0, len(units), share)]
        if all(fit(ids) for ids in even):
            pages = even
    return pages


def _ids(units: list[list[Any]]) -> list[Any]:
    """The ids of `units` (a root and one of its reports, or a root alone), each once, in order."""
    return list(dict.fromkeys(pid for unit in units for pid in unit))
