"""Geometry for the server-drawn SVG charts (influence circle, power map): plain numbers, no HTML.

The templates draw the SVG; every name goes through Django's autoescape, so no script is needed and
the charts read before any JavaScript runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

RINGS = ("decision_unit", "deal_roles", "organisation", "outside", "environment")
FONT = 12  # px of chart text (svg.chart text)
DOT_R = 7


@dataclass
class Dot:
    x: float
    y: float
    name: str
    kind: str  # person / factor
    detail: str
    show_label: bool = True
    anchor: str = "start"
    ring: str = ""
    label_dy: float = 0.0  # moved up or down to keep clear of other labels and dots
    text: str = ""  # the label as drawn: short name and marks (`look.Look.tag`)
    look: dict[str, Any] | None = None  # battlemap.look.Look.as_dict() of a person, None for a factor
    pid: Any = None
    font: float = FONT  # the label's font size in chart units (a PDF draws the chart smaller: larger units)

    @property
    def label_x(self) -> float:
        return round(self.x - 9 if self.anchor == "end" else self.x + 9, 1)

    @property
    def label_y(self) -> float:
        return round(self.y + self.font / 3 + self.label_dy, 1)

    def label_box(
        self, size: float | None = None, width: float | None = None
    ) -> tuple[float, float, float, float]:
        """The label's box (x1, y1, x2, y2) in chart units, as drawn with `text-anchor` at `size`
        (default: the dot's `font`); `width`, the label's width at that size, when already measured."""
        size = size or self.font
        width = text_width(self.text or self.name, size) if width is None else width
        x1 = self.label_x - width if self.anchor == "end" else self.label_x
        return (x1, self.label_y - size + 1, x1 + width, self.label_y + size / 4)


def text_width(text: str, size: float = FONT) -> float:
    """Rendered width, a little generous (DejaVu/Noto widths): CJK characters are square, capitals
    and signs wider than small letters."""
    return sum(
        size * _WIDTHS.get(ch, 1.0 if ord(ch) > 0x2E80 else 0.72 if ch.isupper() else 0.64) for ch in text
    )


_WIDTHS = {"+": 0.84, "=": 0.84, "-": 0.4, "?": 0.55, "!": 0.42, " ": 0.33, "…": 1.0, "i": 0.3, "l": 0.3}


def boxes_meet(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Grid:
    """Boxes filed by the grid cells they cover, so a box meets only its neighbours' boxes: placing
    n labels stays linear (a plain list made the circle of 2,000 people quadratic)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[tuple[float, ...], Any]]] = {}

    def _keys(self, box: tuple[float, ...]) -> list[tuple[int, int]]:
        c = self.cell
        return [
            (i, j)
            for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        ]

    def add(self, box: tuple[float, ...], tag: Any = None) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append((box, tag))

    def meets(self, box: tuple[float, ...], skip: Any = None) -> bool:
        """True when `box` meets a filed box (other than those filed with tag `skip`)."""
        for key in self._keys(box):
            for other, tag in self.cells.get(key, ()):
                if (skip is None or tag != skip) and boxes_meet(box, other):
                    return True
        return False


def place_labels(
    dots: list[Dot], bounds: tuple[float, float, float, float], *, fixed: list[tuple[float, ...]] = ()
) -> None:
    """Place, then resolve collisions: each label in turn (most important first) tries beside its
    dot on its preferred side, then the other side, then a line up or down at a time; it takes the
    first spot inside `bounds` that covers no placed label and no other dot. A label that finds no
    spot is not drawn (`show_label` False): the page lists it under the chart. `fixed` boxes (ring
    names, headings) are kept clear too."""
    cell = 4 * max([d.font for d in dots] + [FONT])
    placed, obstacles = _Grid(cell), _Grid(cell)
    for box in fixed:
        placed.add(box)
    for i, d in enumerate(dots):
        obstacles.add((d.x - DOT_R, d.y - DOT_R, d.x + DOT_R, d.y + DOT_R), i)
    for i, dot in enumerate(dots):
        dot.text = dot.text or _short(dot.name)
        preferred = dot.anchor
        sides = (preferred, "start" if preferred == "end" else "end")
        found = False
        line = dot.font + 1  # a line up or down
        width = text_width(dot.text or dot.name, dot.font)  # the same at every spot tried
        for step in range(0, 9):
            for dy in {0: (0,)}.get(step, (-step * line, step * line)):
                for side in sides:
                    dot.anchor, dot.label_dy = side, dy
                    box = dot.label_box(width=width)
                    if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
                        continue
                    if placed.meets(box) or obstacles.meets(box, skip=i):
                        continue
                    found = True
                    break
                if found:
                    break
            if found:
                break
        if found:
            placed.add(dot.label_box(width=width))
        else:
            dot.anchor, dot.label_dy, dot.show_label = preferred, 0.0, False


@dataclass
class Ring:
    code: str
    radius: float
    label_y: float


def _tag(look: Any) -> str:
    return look.tag() if look is not None else ""


def circle_layout(
    analysis: dict[str, Any], *, looks: dict[Any, Any] | None = None, size: float = 640, font: float = FONT
) -> tuple[list[Ring], list[Dot]]:
    """People and external factors spread around their ring, evenly, starting at the top; each
    person coloured and marked by their look in the deal (`battlemap.look.person_looks`). `font` is
    the label size in chart units: a drawing shown smaller than `size` passes a larger one (the PDF
    and the PPTX: at least 9 pt when drawn), so labels are placed clear of each other as drawn."""
    looks = looks or {}
    centre = size / 2
    step = (size / 2 - 20) / len(RINGS)
    rings = [Ring(code, step * (i + 1), centre - step * (i + 1) + 14) for i, code in enumerate(RINGS)]
    members: dict[str, list[tuple[str, str, str, Any]]] = {code: [] for code in RINGS}
    for person in analysis["people"]:
        score = person.get("influence", {}).get("score", 0)
        members.setdefault(person["ring"], []).append((person["name"], "person", str(score), person["id"]))
    for factor in analysis.get("external_factors", []):
        members.setdefault(factor.get("ring", "environment"), []).append(
            (factor["description"], "factor", factor.get("kind", ""), None)
        )
    dots = []
    for i, code in enumerate(RINGS):
        items = members.get(code, [])  # people come most influential first
        radius = step * (i + 0.5)
        n = len(items)
        for j, (name, kind, detail, pid) in enumerate(items):
            angle = -math.pi / 2 + 2 * math.pi * (j + 0.5) / max(n, 1) + i * 0.35
            x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
            look = looks.get(pid) if pid is not None else None
            dots.append(
                Dot(
                    round(x, 1),
                    round(y, 1),
                    name,
                    kind,
                    detail,
                    anchor="end" if x < centre - 4 else "start",
                    ring=code,
                    text=" ".join(t for t in (_short(name), _tag(look)) if t),
                    look=look.as_dict() if look is not None else None,
                    pid=pid,
                    font=font,
                )
            )
    # the inner rings (who decides) claim their label spots first; ring names are drawn at font - 1
    half = 60 * font / FONT
    ring_names = [(centre - half, r.label_y - font + 1, centre + half, r.label_y + font / 4) for r in rings]
    place_labels(dots, (-100, 0, size + 100, size), fixed=ring_names)
    return rings, dots


POWER_CODES = ("unknown", "opponent", "skeptic", "neutral", "supporter", "advocate")
POWER_GAP = 16  # px between the "unknown" band and the rated columns


@dataclass
class Column:
    code: str
    x1: float
    x2: float

    @property
    def centre(self) -> float:
        return round((self.x1 + self.x2) / 2, 1)


def power_columns(*, width: float = 640, margin: float = 48) -> list[Column]:
    """The attitude columns, left to right: "unknown" in its own band (a gap to close, not a rating),
    then opponent … advocate."""
    inner = width - 2 * margin - POWER_GAP
    each = inner / len(POWER_CODES)
    out = [Column("unknown", margin, margin + each)]
    left = margin + each + POWER_GAP
    for i, code in enumerate(POWER_CODES[1:]):
        out.append(Column(code, round(left + i * each, 1), round(left + (i + 1) * each, 1)))
    return out


def power_axis(*, width: float = 640, margin: float = 48) -> list[tuple[float, str]]:
    """The x position of each attitude column, matching `power_points`."""
    return [(c.centre, c.code) for c in power_columns(width=width, margin=margin)]


def power_points(
    rows: list[dict[str, Any]],
    *,
    looks: dict[Any, Any] | None = None,
    width: float = 640,
    height: float = 420,
    margin: float = 48,
) -> list[Dot]:
    """Influence score (y, 0..100 upwards) against attitude (x: unknown in its own band at the left,
    then opponent..advocate). Rows come most influential first, so they claim label spots first."""
    looks = looks or {}
    columns = {c.code: c for c in power_columns(width=width, margin=margin)}
    inner_h = height - 2 * margin
    dots = []
    crowd: dict[tuple[str, int], int] = {}
    for row in rows:
        code = row["attitude"] if row["attitude"] in columns else "unknown"
        x = columns[code].centre
        y = margin + inner_h * (1 - row["score"] / 100)
        bucket = (code, int(y // 18))
        nudge = crowd.get(bucket, 0)
        crowd[bucket] = nudge + 1
        dx = ((nudge + 1) // 2) * 15 * (1 if nudge % 2 else -1)  # 0, +15, -15, +30, …: side by side
        look = looks.get(row.get("pid"))
        dots.append(
            Dot(
                round(x + dx, 1),
                round(y, 1),
                row["name"],
                code,
                str(row["score"]),
                anchor="start",
                text=" ".join(t for t in (_short(row["name"]), _tag(look)) if t),
                look=look.as_dict() if look is not None else None,
                pid=row.get("pid"),
            )
        )
    place_labels(dots, (0, 0, width, height))
    return dots


def _short(name: str, limit: int = 12) -> str:
    """The name as a chart label shows it (Django's truncatechars)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
