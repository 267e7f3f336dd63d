"""How the deck's org chart is laid out on its slides (`pptx_chart` draws them): the layout scaled onto a
slide so every card holds its text at 10 pt or more (`chart_geometry`), and a chart too big for one slide
continued team by team (`chart_pages`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext
from pptx.util import Emu, Inches, Pt

from battlemap.io.labels import labelled, with_aside

from .chart_links import dotted_across, dotted_lines, links_across, picture_links
from .orgchart import BOX_H, BOX_W, Fits, layout, split_pages, team_pages
from .orgchart import top_pages as orgchart_top_pages
from .pptx_cards import CARD_MIN_W, CARD_PAD, LINE, body_text, card_text
from .pptx_slide import MIN_PT, SLIDE_H, SLIDE_W, legend_rows
from .report import Report

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
    titled: bool = False  # every card holds its note and a line of its title
    whole: bool = False  # every card holds its whole title too
    bottom: int = CHART_BOTTOM  # the room below the chart: the legend's, and the line on links left out
    links: tuple[list[dict[str, Any]], int] = ([], 0)  # chart_links.picture_links of the slide
    across: int = 0  # chart_links.links_across: links to people on the chart's other slides
    dotted: tuple[tuple[Any, Any], ...] = ()  # chart_links.dotted_lines of the slide: (person, manager)
    dotted_across: int = 0  # chart_links.dotted_across: dotted lines to people on the chart's other slides


def chart_geometry(
    r: Report,
    people: list[dict[str, Any]],
    notes: dict[Any, str] | None = None,
    bodies: list[Any] = (),
    titled: bool = True,
) -> ChartGeometry:
    """The slide's layout scaled onto it (`_scaled`): reports that are all leaves listed under their manager,
    or — when that leaves the cards too little height for their text — side by side in a row, if that fits.
    With `titled`, of the layouts that fit, the first whose cards hold their whole titles, else the first whose
    cards hold a line of them: the decision bodies beside the people rather than under them, then the reports
    side by side (the trial's 12-person hospital with two bodies: every title dropped; Northwind's top slide cut
    "Chief Financial Officer" to "Chief Financial…" on a card under which the slide had room to spare)."""
    options = (
        [(True, False), (True, True), (False, False), (False, True)]
        if bodies
        else [(True, False), (False, False)]
    )
    seen: list[ChartGeometry] = []
    for stack, beside in options:
        geo = _scaled(r, people, notes or {}, list(bodies), stack=stack, beside=beside)
        if geo.fits and (geo.whole or not titled):
            return geo
        seen.append(geo)
    fitting = [geo for geo in seen if geo.fits]
    return next((geo for geo in fitting if geo.titled), fitting[0] if fitting else seen[0])


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
    dotted, dotted_off = tuple(dotted_lines(r, lay.boxes)), dotted_across(r, lay.boxes)
    rows = legend_rows(links=bool(links[0]), dotted=bool(dotted))  # CHART_BOTTOM holds two rows
    # the lines on links left out, and on links and dotted lines to people on other slides
    notes_h = LEGEND_ROW * (bool(links[1]) + bool(across) + bool(dotted_off))
    bottom = CHART_BOTTOM + max(rows - 2, 0) * LEGEND_ROW + notes_h
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - CHART_TOP - bottom
    if not lay.boxes and not lay.bodies:
        return ChartGeometry(lay, Inches(1), Inches(1), MIN_PT, True, True, bottom, dotted=dotted)
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
    # bodies beside the people take more columns when taller (`layout`): the scale across was set before
    fits = BOX_W * sx >= CARD_MIN_W and Pt(need) <= BOX_H * sy_max and lay.width * sx <= width
    # a title holds when a line of it does (a longer one is cut with "…", `card_text`'s title_room)
    line = MIN_PT * LINE
    titled = fits and all(
        Pt(n + (line if r.by_id[pid].get("title") else 0)) <= BOX_H * sy for pid, n in names.items()
    )
    return ChartGeometry(
        lay,
        sx,
        sy,
        size,
        fits,
        titled,
        titled and Pt(whole) <= BOX_H * sy,
        bottom,
        links,
        across,
        dotted,
        dotted_off,
    )


@dataclass
class ChartPage:
    head: Any  # the manager whose team the slide shows, None on the top slides
    people: list[dict[str, Any]]
    bodies: list[Any]  # the decision bodies drawn on it (on the first slide, or a slide of their own)
    title: str


def chart_pages(r: Report) -> list[ChartPage]:
    """The org chart on one slide when its cards hold their names at 10 pt; else the top two levels and
    each second-level manager's team on its own slide (their card says where it continues), a team too big
    for one slide cut again by its own sub-teams (`orgchart.split_pages`: a manager with 93 people under him
    put 93 cards of 0.49" on one slide). Top levels too many for one slide go on as many as they need, their
    root on each, and the decision bodies on the last of them, or on a slide of their own (`top_pages`); a
    team's top the same way, its slides numbered `Organisation chart: 张三 (2)`."""
    title = pgettext("export", "Organisation chart")
    bodies = list(r.bodies)
    if not r.people or chart_geometry(r, r.people, bodies=bodies).fits:
        return [ChartPage(None, r.people, bodies, title)]
    (_none, top), *teams = team_pages(r.people)
    # measured with a note as long as any the slides will show: no more slides than people and a bodies' slide
    note = pgettext("export", "team on slide %(n)s") % {"n": 3 + len(r.people)}

    def fits(people: list[dict[str, Any]], continued: set[Any]) -> bool:
        return chart_geometry(r, people, {pid: note for pid in continued}, titled=False).fits

    tops = top_pages(r, top, {head for head, _people in teams}, bodies, fits)
    pages = [
        ChartPage(None, people, page_bodies, with_aside(title, n) if n > 1 else title)
        for n, (people, page_bodies) in enumerate(tops, start=1)
    ]
    if pages[-1].bodies and not pages[-1].people:
        pages[-1].title = labelled(title, pgettext("export", "Decision bodies"))
    for head, people in teams:
        parts = split_pages(people, fits, head)
        counts = Counter(part.head for part in parts)
        seen: Counter[Any] = Counter()
        for part in parts:
            seen[part.head] += 1
            named = labelled(title, r.by_id[part.head]["name"])
            many = counts[part.head] > 1
            pages.append(
                ChartPage(part.head, part.people, [], with_aside(named, seen[part.head]) if many else named)
            )
    return pages


def top_pages(
    r: Report, top: list[dict[str, Any]], heads: set[Any], bodies: list[Any], fits: Fits
) -> list[tuple[list[dict[str, Any]], list[Any]]]:
    """The top two levels (`top`) on as few slides as give every card its text at 10 pt (`fits`, `heads` the
    cards saying where their team goes on): all on one with the decision bodies; else as
    `orgchart.top_pages` shares them out; the decision bodies with the last, or after it on a slide of their
    own (a root of twelve teams and a body of every kind left the cards a line's height)."""
    notes = {pid: pgettext("export", "team on slide %(n)s") % {"n": 3 + len(r.people)} for pid in heads}
    if chart_geometry(r, top, notes, bodies).fits:
        return [(top, bodies)]
    by_id = {p["id"]: p for p in top}
    out = [([by_id[pid] for pid in ids], []) for ids in orgchart_top_pages(top, heads, fits)]
    last = {pid: note for pid, note in notes.items() if pid in {p["id"] for p in out[-1][0]}}
    if bodies and chart_geometry(r, out[-1][0], last, bodies).fits:
        out[-1] = (out[-1][0], bodies)
    elif bodies:
        out.append(([], bodies))
    return out
