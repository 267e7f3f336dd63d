"""Geometry of the power map (influence score against attitude), server-drawn SVG: plain numbers, no HTML.

Its dots and labels are `accounts.chart_labels.Dot`s placed clear of each other by `chart_labels.place_labels`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from battlemap.accounts.chart_labels import Dot, dot_label, look_tag, place_labels

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
                text=dot_label(row["name"], look_tag(look)),
                look=look.as_dict() if look is not None else None,
                pid=row.get("pid"),
            )
        )
    place_labels(dots, (0, 0, width, height))
    return dots
