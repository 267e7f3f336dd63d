"""How the deck's org chart is laid out on its slides (`pptx_chart` draws them): the layout scaled onto a
slide so every card holds its text at 10 pt or more (`chart_geometry`), and a chart too big for one slide
continued team by team (`chart_pages`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext
from pptx.util import Emu, Inches, Pt

from battlemap.io.labels import labelled, with_aside

from .chart_links import links_across, picture_links
from .orgchart import BOX_H, BOX_W, layout, team_pages
from .pptx_cards import CARD_MIN_W, CARD_PAD, LINE, body_text, card_text
from .pptx_slide import MIN_PT, SLIDE_H, SLIDE_W, legend_rows
from .report import Report, children_of

CHART_TOP, CHART_BOTTOM = Inches(1.0), Inches(0.85)  # the title above, the legend below
LEGEND_ROW = Inches(0.27)  # a row more below a chart whose legend takes more than two, or with links left out
NAME_SIZES = (12, 11, MIN_PT)  # a card's name, as large as every card of the slide allows


@dataclass
class ChartGeometry:
    lay: Any  # orgchart.Layout
    sx: float  # EMU per layout unit across
    sy: float  # EMU per layout unit down
    size: float  # the names' font size
    fits: bool  # every card holds its name at MIN_PT or more
    titled: bool = False  # every card holds its title and note too
    bottom: int = CHART_BOTTOM  # the room below the chart: the legend's, and the line on links left out
    links: tuple[list[dict[str, Any]], int] = ([], 0)  # chart_links.picture_links of the slide
    across: int = 0  # chart_links.links_across: links to people on the chart's other slides


def chart_geometry(
    r: Report,
    people: list[dict[str, Any]],
    notes: dict[Any, str] | None = None,
    bodies: list[Any] = (),
    titled: bool = True,
) -> ChartGeometry:
    """The slide's layout scaled onto it (`_scaled`): reports that are all leaves listed under their manager,
    or — when that leaves the cards too little height for their text — side by side in a row, if that fits.
    With `titled`, of the layouts that fit, the first whose cards hold their titles too: the decision bodies
    beside the people rather than under them, then the reports side by side (the trial's 12-person
    hospital with two bodies: every title dropped)."""
    stacked = _scaled(r, people, notes or {}, list(bodies), stack=True)
    if stacked.fits:
        if stacked.titled or not titled:
            return stacked
        others = [(True, True), (False, False), (False, True)] if bodies else [(False, False)]
        for stack, beside in others:
            other = _scaled(r, people, notes or {}, list(bodies), stack=stack, beside=beside)
            if other.titled:
                return other
        return stacked
    if not stacked.lay.edges:
        return stacked
    spread = _scaled(r, people, notes or {}, list(bodies), stack=False)
    return spread if spread.fits else stacked


def _scaled(
    r: Report,
    people: list[dict[str, Any]],
    notes: dict[Any, str],
    bodies: list[Any],
    stack: bool,
    beside: bool = False,
) -> ChartGeometry:
    """Scale the layout onto the slide: cards as wide as the slide allows (at most 2"); names at the
    largest of NAME_SIZES every card holds (wrapped, whole); a decision body's card as much taller than a
    person's as its four lines need (measured against a person's name card: a body's text was measured in
    a person's height, so two bodies split a 12-person chart over two slides); cards as tall as the
    tallest text needs with the title and the note on where a team continues (at least 1.4" per layout
    unit while the slide has room), never taller than the slide allows. The chart `fits` when every card
    holds its name. The room below the chart is the legend's rows (`legend_rows`) and the line on the
    links left out."""
    lay = layout(people, bodies, stack=stack, beside=beside)
    links, across = picture_links(r, lay.boxes), links_across(r, lay.boxes)
    rows = legend_rows(links=bool(links[0]))  # CHART_BOTTOM holds two rows
    notes_h = LEGEND_ROW * (bool(links[1]) + bool(across))  # the lines on links left out
    bottom = CHART_BOTTOM + max(rows - 2, 0) * LEGEND_ROW + notes_h
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - CHART_TOP - bottom
    if not lay.boxes and not lay.bodies:
        return ChartGeometry(lay, Inches(1), Inches(1), MIN_PT, True, True, bottom)
    sx = min(width / lay.width, Inches(2.0))
    inner = Emu(int(BOX_W * sx)).pt - 2 * CARD_PAD.pt
    for size in NAME_SIZES:
        names = {
            pid: card_text(r, pid, size, inner, notes.get(pid, ""), title=False).height for pid in lay.boxes
        }
        body_need = max((body_text(r, bid, size, inner).height for bid in lay.bodies), default=0.0)
        need = max(names.values(), default=body_need)
        lay = layout(people, bodies, body_h=BOX_H * max(1.0, body_need / need), stack=stack, beside=beside)
        sy_max = height / lay.height
        if Pt(need) <= BOX_H * sy_max:
            break
    whole = max(
        (card_text(r, pid, size, inner, notes.get(pid, "")).height for pid in lay.boxes), default=need
    )
    sy = min(sy_max, max(Inches(1.4), Pt(max(need, whole)) / BOX_H))
    fits = BOX_W * sx >= CARD_MIN_W and Pt(need) <= BOX_H * sy_max
    # a title holds when a line of it does (a longer one is cut with "…", `card_text`'s title_room)
    line = MIN_PT * LINE
    titled = fits and all(
        Pt(n + (line if r.by_id[pid].get("title") else 0)) <= BOX_H * sy for pid, n in names.items()
    )
    return ChartGeometry(lay, sx, sy, size, fits, titled, bottom, links, across)


@dataclass
class ChartPage:
    head: Any  # the second-level manager whose team the slide shows, None on the top slides
    people: list[dict[str, Any]]
    bodies: list[Any]  # the decision bodies drawn on it (on the first slide, or a slide of their own)
    title: str


def chart_pages(r: Report) -> list[ChartPage]:
    """The org chart on one slide when its cards hold their names at 10 pt; else the top two levels and
    each second-level manager's team on its own slide (their card says where it continues). Top levels
    too many for one slide go on as many as they need, their root on each, and the decision bodies on the
    last of them, or on a slide of their own (`top_pages`)."""
    title = pgettext("export", "Organisation chart")
    bodies = list(r.bodies)
    if not r.people or chart_geometry(r, r.people, bodies=bodies).fits:
        return [ChartPage(None, r.people, bodies, title)]
    (_none, top), *teams = team_pages(r.people)
    # measured with a note as long as any the slides will show: the summary, the top slides, the teams
    note = pgettext("export", "team on slide %(n)s") % {"n": 2 + len(top) + len(teams)}
    tops = top_pages(r, top, {head: note for head, _people in teams}, bodies)
    pages = [
        ChartPage(None, people, page_bodies, with_aside(title, n) if n > 1 else title)
        for n, (people, page_bodies) in enumerate(tops, start=1)
    ]
    if pages[-1].bodies and not pages[-1].people:
        pages[-1].title = labelled(title, pgettext("export", "Decision bodies"))
    return pages + [
        ChartPage(head, people, [], labelled(title, r.by_id[head]["name"])) for head, people in teams
    ]


def top_pages(
    r: Report, top: list[dict[str, Any]], notes: dict[Any, str], bodies: list[Any]
) -> list[tuple[list[dict[str, Any]], list[Any]]]:
    """The top two levels (`top`) on as few slides as give every card its text at 10 pt: all on one; else
    each root with as many of its reports as fit beside it, a slide after another, shared out evenly; the
    decision bodies with the last, or after it on a slide of their own (a root of twelve teams and a body of
    every kind left the cards a line's height)."""
    if chart_geometry(r, top, notes, bodies).fits:
        return [(top, bodies)]
    roots, kids = children_of(top)
    by_id = {p["id"]: p for p in top}
    units = [[root, kid] for root in roots for kid in kids[root]] + [
        [root] for root in roots if not kids[root]
    ]

    def fit(ids: list[Any]) -> bool:
        return chart_geometry(r, [by_id[pid] for pid in ids], notes, titled=False).fits

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
    if len(pages) > 1:  # as many slides, their reports shared out evenly (not eleven and a last one alone)
        share = -(-len(units) // len(pages))
        even = [_ids(units[i : i + share]) for i in range(0, len(units), share)]
        if all(fit(ids) for ids in even):
            pages = even
    out = [([by_id[pid] for pid in ids], []) for ids in pages]
    if bodies and chart_geometry(r, out[-1][0], notes, bodies).fits:
        out[-1] = (out[-1][0], bodies)
    elif bodies:
        out.append(([], bodies))
    return out


def _ids(units: list[list[Any]]) -> list[Any]:
    """The ids of `units` (a root and one of its reports, or a root alone), each once, in order."""
    return list(dict.fromkeys(pid for unit in units for pid in unit))
