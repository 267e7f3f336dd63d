"""Geometry of the power map (influence score against attitude), server-drawn SVG: plain numbers, no HTML.

Its dots and labels are `accounts.chart_labels.Dot`s placed clear of each other by `chart_labels.place_labels`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from battlemap.accounts.chart_labels import Dot, boxes_meet, dot_label, look_tag, place_labels

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
    zones = power_zones(width=width, height=height, margin=margin)
    # the plot and the room beside it, but not the zone headings above it nor the attitudes under the axis
    bounds = (margin - 4, margin - 4, width, height - margin + 8)
    place_labels(dots, bounds, fits=lambda dot, box: label_in_zone(dot, box, zones), centred=True)
    return dots


@dataclass(frozen=True)
class Zones:
    """The power map's marked regions (x1, y1, x2, y2 in chart units): the hatched "Not known yet" band, the
    whole height of its column, and the pink "Powerful opponents" area (opponent and skeptic, upper half)."""

    unknown: tuple[float, float, float, float]
    danger: tuple[float, float, float, float]

    def of(self, dot: Dot) -> str:
        """The zone a dot is drawn in: "unknown", "danger" or "field" (the rest of the plot)."""
        if dot.kind == "unknown":
            return "unknown"
        x1, y1, x2, y2 = self.danger
        return "danger" if x1 <= dot.x <= x2 and y1 <= dot.y <= y2 else "field"


def power_zones(*, width: float = 640, height: float = 420, margin: float = 48) -> Zones:
    """Where the template draws the band and the pink area (accounts/map_power.html, views.account_power)."""
    columns = {c.code: c for c in power_columns(width=width, margin=margin)}
    unknown = columns["unknown"]
    return Zones(
        unknown=(unknown.x1, 0.0, unknown.x2, height),
        danger=(columns["opponent"].x1, margin, columns["skeptic"].x2, height / 2),
    )


def label_in_zone(dot: Dot, box: tuple[float, float, float, float], zones: Zones) -> bool:
    """Whether a label's box may stand there: never in a marked zone that is not its dot's (a neutral decision
    maker's "陈建国 = 决策 !" in the pink area read as an opponent, trial 23), and a label of the "Not known
    yet" band inside the band. A label moved away from its dot is tied to it by a leader line (`Dot.leader`)."""
    zone = zones.of(dot)
    if zone == "unknown":
        band = zones.unknown
        return band[0] <= box[0] and box[2] <= band[2]
    meets = [zones.unknown] + ([zones.danger] if zone == "field" else [])
    return not any(boxes_meet(box, _widened(area, ZONE_CLEARANCE)) for area in meets)


ZONE_CLEARANCE = (
    3  # chart units kept between a label and a zone not its own: flush against it, it reads as inside
)


def _widened(box: tuple[float, float, float, float], by: float) -> tuple[float, float, float, float]:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)
