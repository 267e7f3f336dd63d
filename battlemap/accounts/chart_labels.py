"""Labels on the server-drawn charts (influence circle, power map; page, PDF, deck): the dot each label
belongs to, what a label holds (`dot_label`: the name cut short and every mark of the person's look), its
width, and `place_labels`, which puts each label beside its dot clear of every other label and dot, or lists
it under the chart. Plain numbers, no HTML: the templates draw and escape."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from battlemap.look import Look

FONT = 12  # px of chart text (svg.chart text)
DOT_R = 7
LEADER_GAP = 6  # px between a dot's edge and its label beyond which a leader line joins them


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
    # the dot's own number on a numbered chart (the circle: `charts.circle_layout` numbers its dots in one
    # order, so the page, the PDF and the deck agree); 0: numbered only when its label finds no room
    number: int = 0
    # the label listed under the chart when it found no room beside the dot: "[1] 陈明 + 影响 推荐" when the dot
    # carries the number [1] instead, the label alone when not even the number found room
    listed: str = ""

    @property
    def label_x(self) -> float:
        if self.anchor == "middle":  # above or below the dot (label_dy), centred on it
            return self.x
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
        x, y = self.label_x, self.label_y  # each worked out once (a circle of 2,000 people tries 300k boxes)
        x1 = x - width if self.anchor == "end" else x - width / 2 if self.anchor == "middle" else x
        return (x1, y - size + 1, x1 + width, y + size / 4)

    @property
    def leader(self) -> tuple[float, float, float, float] | None:
        """A thin line (x1, y1, x2, y2) from the dot's edge to its label when the label had to move away from
        the dot (more than `LEADER_GAP` from its edge) to keep clear of others, so a label is never read as
        a nearer dot's; None when the label sits beside the dot or is not drawn."""
        if not self.show_label:
            return None
        x1, y1, x2, y2 = self.label_box()
        near_x, near_y = min(max(self.x, x1), x2), min(max(self.y, y1), y2)  # the box's point nearest the dot
        gap = math.hypot(near_x - self.x, near_y - self.y)
        if gap <= DOT_R + LEADER_GAP:
            return None
        edge = (DOT_R + 1) / gap
        start_x, start_y = self.x + (near_x - self.x) * edge, self.y + (near_y - self.y) * edge
        return (round(start_x, 1), round(start_y, 1), round(near_x, 1), round(near_y, 1))


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

    def near(self, box: tuple[float, ...]) -> list[tuple[tuple[float, ...], Any]]:
        """The filed boxes (with their tags) in the cells `box` covers, each once."""
        seen: dict[int, tuple[tuple[float, ...], Any]] = {}
        for key in self._keys(box):
            for entry in self.cells.get(key, ()):
                seen.setdefault(id(entry), entry)
        return list(seen.values())

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
    dots: list[Dot],
    bounds: tuple[float, float, float, float],
    *,
    fixed: list[tuple[float, ...]] = (),
    fits: Callable[[Dot, tuple[float, float, float, float]], bool] | None = None,
    centred: bool = False,
    shorter: int = 0,
    own_nearest: bool = False,
) -> None:
    """Place, then resolve collisions: each label in turn (most important first) tries beside its
    dot on its preferred side, then the other side (then centred above or below it, when `centred`),
    then a line up or down at a time; it takes the first spot inside `bounds` (and that `fits` the
    dot's own region, when given) that covers no placed label and no other dot. With `shorter`, a
    label that finds no spot tries again with its name cut to that many characters, every mark kept
    (`dot_label`). A label that finds no spot is listed whole under the chart (`listed`), numbered "[1]"
    and the dot labelled "[1]" when the number finds a spot — beside the dot, over the edge of its region, or
    further off (`FAR_REACH`, with a leader line) — else the dot unlabelled (`show_label` False); a number of
    the dot's own (`Dot.number`) names the dot in the list whatever happens. Each placed label keeps LABEL_PAD of its size free around it, so two labels
    never touch and read as one (孙丽's and 吴涛's, 2 px apart in bold, read as one block between their
    dots). `fixed` boxes (ring names, headings) are kept clear too.

    Numbered dots (`Dot.number`, the circle's) keep their own number: the label is "[n] name marks",
    "[n]" alone when no name fits (listed "[n] name marks" under the chart), the number over the edge of
    the dot's region (`fits`) when only there it finds room: the same number on every surface, whichever
    labels find room there. With `own_nearest`, a spot is
    taken only when the label's own dot is the nearest dot to it by `NEAREST_MARGIN` or more — the trial's
    "吴涛 ? 把关", centred above 吴涛's dot, sat 6 px from 刘芳's and read as hers."""
    cell = 4 * max([d.font for d in dots] + [FONT])
    placed, obstacles = _Grid(cell), _Grid(cell)
    for box in fixed:
        placed.add(box)
    for i, d in enumerate(dots):
        obstacles.add((d.x - DOT_R, d.y - DOT_R, d.x + DOT_R, d.y + DOT_R), i)
    rings = list(dict.fromkeys(d.ring for d in dots))  # in the order given: the inner rings first
    order = sorted(range(len(dots)), key=lambda i: (rings.index(dots[i].ring), not _must_read(dots[i].look)))
    numbered = 0
    near = obstacles if own_nearest else None
    for i in order:
        dot = dots[i]
        tag = look_tag_of(dot)
        dot.text = dot.text or dot_label(dot.name, tag)
        preferred = dot.anchor
        sides = (preferred, "start" if preferred == "end" else "end") + (("middle",) if centred else ())
        texts = [dot.text]
        if shorter and len(dot.name) > shorter and dot.text == dot_label(dot.name, tag):
            texts.append(dot_label(dot.name, tag, shorter))  # a cut name, every mark kept
        own_number = f"[{dot.number}]" if dot.number else ""
        named = [f"{own_number} {text}" for text in texts] if own_number else texts
        # a shorter label beside its dot before a whole one lines away (read as a nearer dot's, leader or not)
        tries = [(text, reach) for reach in (1, REACH) for text in named]
        for text, reach in tries:
            dot.text = text
            width = text_width(text, dot.font)  # the same at every spot tried
            if _find_spot(dot, i, sides, width, bounds, placed, obstacles, fits, reach, near, NEAREST_MARGIN):
                placed.add(_padded(dot.label_box(width=width), dot.font))
                break
        else:  # no room for the label: a number beside the dot, and the label whole under the chart
            # (the name whole too: "[21] 分管数字化副总经理（待…" was the chart label's cut, not the list's)
            whole = (
                dot_label(dot.name, tag, LISTED_LIMIT) if texts[0] == dot_label(dot.name, tag) else texts[0]
            )
            number = own_number or f"[{numbered + 1}]"
            width = text_width(number, dot.font)
            # a number is drawn over its region's edge rather than not at all (the deck's 10 pt left four of
            # the trial's crowded ring 2 unnumbered), then nearest its dot by any margin, then further off
            # joined by a leader line (a crowded ring of the deck left one dot with neither a number nor one
            # in the list: a reviewer's trial; the power map of a 22-person deal listed 郝文轩 - 教练 with no
            # number, its dot one of five alike: every dot listed must be found on the chart)
            if (
                _find_spot(dot, i, sides, width, bounds, placed, obstacles, fits, REACH, near, NEAREST_MARGIN)
                or any(
                    _find_spot(dot, i, sides, width, bounds, placed, obstacles, None, REACH, near, margin)
                    for margin in (NEAREST_MARGIN, 0.0)
                )
                or _find_spot(dot, i, sides, width, bounds, placed, obstacles, None, FAR_REACH, None, 0.0)
            ):
                dot.text, dot.listed = number, f"{number} {whole}"
                numbered += not own_number
                placed.add(_padded(dot.label_box(), dot.font))
            else:  # the list still names a numbered dot by its number
                dot.text, dot.listed = texts[0], f"{own_number} {whole}" if own_number else whole
                dot.anchor, dot.label_dy, dot.show_label = preferred, 0.0, False


def _padded(box: tuple[float, float, float, float], font: float) -> tuple[float, float, float, float]:
    pad = font * LABEL_PAD
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def look_tag_of(dot: Dot) -> str:
    """The marks of a dot's look (a person's `Look.as_dict()`), as `look_tag` writes them."""
    return look_tag(Look(**dot.look)) if dot.look else ""


REACH = 9  # lines up or down a label may move from its dot (with a leader line) to find a free spot
FAR_REACH = 4 * REACH  # how far a dot's own number may go, with its leader line, before it is only listed


def _must_read(look: dict[str, Any] | None) -> bool:
    """Whether a person's label is placed before the others of their ring: a key person, an opponent or
    someone we never met (the trial's opponent 王芳 -- ! lost every spot to her ring's supporters)."""
    return bool(look) and bool(look.get("key") or look.get("never_met") or look.get("attitude") == "opponent")


def _find_spot(
    dot: Dot,
    i: int,
    sides: tuple[str, ...],
    width: float,
    bounds: tuple[float, float, float, float],
    placed: _Grid,
    obstacles: _Grid,
    fits: Callable[[Dot, tuple[float, float, float, float]], bool] | None,
    reach: int = REACH,
    near: _Grid | None = None,
    margin: float = 0.0,
) -> bool:
    """Moves the dot's label to the first free spot within `reach` lines (`place_labels`); False when
    there is none. With `near` (the dots), a spot is free only when no other dot is as near to it as
    the label's own, within `margin` (`_nearer_dot`)."""
    line = dot.font + 1  # a line up or down
    own = (dot.x - DOT_R, dot.y - DOT_R, dot.x + DOT_R, dot.y + DOT_R)
    # centred: just clear of the dot above or below it, then a line further at a time
    above, below = -DOT_R - 1 - dot.font * 7 / 12, DOT_R + dot.font * 2 / 3
    for step in range(0, reach):
        offsets = (0,) if step == 0 else (-step * line, step * line)
        spots = [(side, dy) for dy in offsets for side in sides if side != "middle"]
        if "middle" in sides:
            spots += [("middle", above - step * line), ("middle", below + step * line)]
        for side, dy in spots:
            dot.anchor, dot.label_dy = side, dy
            box = dot.label_box(width=width)
            if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
                continue
            if fits is not None and not fits(dot, box):
                continue
            if placed.meets(box) or obstacles.meets(box, skip=i):
                continue
            if side == "middle" and boxes_meet(box, own):  # centred: above or below it, not on it
                continue
            if near is not None and _nearer_dot(dot, i, box, near, margin):
                continue
            return True
    return False


NEAREST_MARGIN = 0.75 * DOT_R  # how much nearer its own dot a label must be than any other (chart units)


def _gap(box: tuple[float, ...], x: float, y: float) -> float:
    """How far the point (x, y) is from the box (0 inside it)."""
    return math.hypot(max(box[0] - x, 0.0, x - box[2]), max(box[1] - y, 0.0, y - box[3]))


def _nearer_dot(dot: Dot, i: int, box: tuple[float, ...], dots: _Grid, margin: float) -> bool:
    """Whether a dot other than the label's own is as near to the label's box as its own dot, or
    nearer than `margin` more: such a label reads as the other dot's."""
    reach = _gap(box, dot.x, dot.y) + margin
    area = (box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach)
    for other, tag in dots.near(area):
        if tag != i and _gap(box, (other[0] + other[2]) / 2, (other[1] + other[3]) / 2) < reach:
            return True
    return False


def look_tag(look: Any) -> str:
    """A label's marks after the name (`battlemap.look.Look.tag`: attitude, never met, role badges); "" for none."""
    return look.tag() if look is not None else ""


def dot_label(name: str, tag: str, limit: int = 12) -> str:
    """What a dot's label holds on every chart (circle, power map; page, PDF, deck), the one rule: the name
    (cut to `limit` characters) and every mark of `tag` — attitude, role badges, "!" never met (`look_tag`).
    A label that finds no room is cut to a shorter name, never to fewer marks (the tester's 陈明 "+" and 赵磊
    "-" lost their 影响 推荐 / 采购 badges while the power map showed them), else listed under the chart whole."""
    return " ".join(t for t in (short_label(name, limit), tag) if t)


# a name listed under the chart: whole up to this many characters (an outside factor's text runs to 20,000; the
# outside factors table under the circle has it whole)
LISTED_LIMIT = 80
LABEL_PAD = 0.3  # of the font size: the room kept free around a placed label, so two labels never read as one


def short_label(name: str, limit: int = 12) -> str:
    """The name as a chart label shows it (Django's truncatechars)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
