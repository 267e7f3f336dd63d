"""Geometry for the server-drawn SVG charts (influence circle, power map): plain numbers, no HTML.

The templates draw the SVG; every name goes through Django's autoescape, so no script is needed and
the charts read before any JavaScript runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

RINGS = ("decision_unit", "deal_roles", "organisation", "outside", "environment")
ATTITUDE_X = {"opponent": -2, "skeptic": -1, "neutral": 0, "supporter": 1, "advocate": 2}
LABEL_SPACING = 64  # px of ring circumference per name label


def _spread(n: int, first: int) -> list[int]:
    """Slots around a ring for n items such that the first `first` (the labelled ones) are evenly spaced."""
    slots: list[int] = []
    for r in range(first):
        slots.append(round(r * n / first))
    rest = iter(sorted(set(range(n)) - set(slots)))
    return slots + [next(rest) for _ in range(n - first)]


@dataclass
class Dot:
    x: float
    y: float
    name: str
    kind: str  # person / factor, or the attitude code on the power map
    detail: str
    show_label: bool = True
    anchor: str = "start"
    ring: str = ""
    label_dy: float = 0.0  # moved down to keep clear of another label

    @property
    def label_x(self) -> float:
        return round(self.x - 9 if self.anchor == "end" else self.x + 9, 1)

    @property
    def label_y(self) -> float:
        return round(self.y + 4 + self.label_dy, 1)


def text_width(text: str, size: float = 12) -> float:
    """Rough rendered width: CJK characters are square, Latin ones about half as wide."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def _avoid_overlaps(dots: list[Dot], names: list[str]) -> None:
    """Move labels down (a line at a time) until they do not cover an earlier label."""
    placed: list[tuple[float, float, float, float]] = []
    for dot, name in zip(dots, names, strict=True):
        width = text_width(name)
        for _ in range(8):
            x1 = dot.label_x - width if dot.anchor == "end" else dot.label_x
            y1 = dot.label_y - 11
            box = (x1, y1, x1 + width, y1 + 14)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
            dot.label_dy += 14
        placed.append(box)


@dataclass
class Ring:
    code: str
    radius: float
    label_y: float


def circle_layout(analysis: dict[str, Any], *, size: float = 640) -> tuple[list[Ring], list[Dot]]:
    """People and external factors spread around their ring, evenly, starting at the top."""
    centre = size / 2
    step = (size / 2 - 20) / len(RINGS)
    rings = [Ring(code, step * (i + 1), centre - step * (i + 1) + 14) for i, code in enumerate(RINGS)]
    members: dict[str, list[tuple[str, str, str]]] = {code: [] for code in RINGS}
    for person in analysis["people"]:
        score = person.get("influence", {}).get("score", 0)
        members.setdefault(person["ring"], []).append((person["name"], "person", str(score)))
    for factor in analysis.get("external_factors", []):
        members.setdefault(factor.get("ring", "environment"), []).append(
            (factor["description"], "factor", factor.get("kind", ""))
        )
    dots = []
    for i, code in enumerate(RINGS):
        items = members.get(code, [])  # people come most influential first
        radius = step * (i + 0.5)
        n = len(items)
        labelled = min(n, max(1, int(2 * math.pi * radius / LABEL_SPACING)))
        for rank, (j, (name, kind, detail)) in enumerate(zip(_spread(n, labelled), items, strict=True)):
            angle = -math.pi / 2 + 2 * math.pi * (j + 0.5) / max(n, 1) + i * 0.35
            x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
            dots.append(
                Dot(
                    round(x, 1),
                    round(y, 1),
                    name,
                    kind,
                    detail,
                    show_label=rank < labelled,
                    anchor="end" if x < centre - 4 else "start",
                    ring=code,
                )
            )
    return rings, dots


def power_axis(*, width: float = 640, margin: float = 48) -> list[tuple[float, str]]:
    """The x position of each attitude column (five attitudes, then unknown), matching `power_points`."""
    inner_w = width - 2 * margin
    codes = (*ATTITUDE_X, "unknown")
    return [(round(margin + inner_w * (i + 0.5) / len(codes), 1), code) for i, code in enumerate(codes)]


def power_points(
    rows: list[dict[str, Any]], *, width: float = 640, height: float = 420, margin: float = 48
) -> list[Dot]:
    """Influence score (y, 0..100 upwards) against attitude (x, opponent..advocate; unknown at the far right)."""
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    columns = 6  # five attitudes and one for "unknown"
    dots = []
    crowd: dict[tuple[int, int], int] = {}
    for row in rows:
        col = ATTITUDE_X[row["attitude"]] + 2 if row["attitude"] in ATTITUDE_X else 5
        x = margin + inner_w * (col + 0.5) / columns
        y = margin + inner_h * (1 - row["score"] / 100)
        bucket = (col, int(y // 18))
        nudge = crowd.get(bucket, 0)
        crowd[bucket] = nudge + 1
        dx = ((nudge + 1) // 2) * 12 * (1 if nudge % 2 else -1)  # 0, +12, -12, +24, …: side by side
        dots.append(
            Dot(
                round(x + dx, 1),
                round(y, 1),
                row["name"],
                row["attitude"],
                str(row["score"]),
                anchor="end" if col == 5 else "start",
            )
        )
    _avoid_overlaps(dots, [_short(d.name) for d in dots])
    return dots


def _short(name: str, limit: int = 12) -> str:
    """The label as the template shows it (Django's truncatechars)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
