"""The org chart slides of the review deck (PPTX), in native shapes: a card per person from
`orgchart.layout` (the PDF's layout), its text wrapped whole inside the card at 10 pt or more, elbow
connectors glued to the cards and routed between them; a big chart continues team by team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from battlemap.io.labels import labelled, with_aside
from battlemap.look import link_look

from .chart import body_card, look_of
from .chart_links import PRINT_OPACITY, Box, Cards, passes_behind, picture_links
from .fonts import register_pdf_font
from .orgchart import BOX_H, BOX_W, layout, team_pages
from .pptx_slide import (
    MIN_PT,
    SLIDE_H,
    SLIDE_W,
    arrow_line,
    blank_slide,
    legend_rows,
    legend_shapes,
    line_count,
    set_lines,
)
from .report import Report, children_of
from .rows import links_left_out_text, person_name
from .textfit import ELLIPSIS, shorten, wrap

# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3

CHART_TOP, CHART_BOTTOM = Inches(1.0), Inches(0.85)  # the title above, the legend below
LEGEND_ROW = Inches(0.27)  # a row more below a chart whose legend takes more than two, or with links left out
CARD_MIN_W = Pt(72)  # narrower cards would break names into a word per line
CARD_PAD = Pt(3)  # inner margin of a card
LINE = 1.2  # line height of card text (set exactly, so the estimate holds in every viewer)
NAME_SIZES = (12, 11, MIN_PT)  # a card's name, as large as every card of the slide allows


@dataclass
class CardText:
    lines: list[tuple[str, float, bool]]  # (text, size, bold), as `_lines` takes them
    height: float  # points the lines need, wrapped to the card's inner width


def card_text(
    r: Report,
    pid: Any,
    size: float,
    inner: float,
    note: str = "",
    title: bool = True,
    room: float | None = None,
    title_room: float | None = None,
) -> CardText:
    """The text of a person's card: badges and marks, the name wrapped at `size`, `note` (where their team
    continues), the title; the height it needs when wrapped to `inner` points. The name is whole, unless
    `room` (the card's height in points) cannot hold it even without the title as the PDF's font draws it
    (`_drawn`): then its longest start that does, with "…" (`textfit.shorten`; a name runs to 200
    characters, which needed 222 pt in a 156 pt card — the people table and the XLSX have it whole). The
    title is whole, unless `title_room` (the card's height in points) cannot hold it as `_height` measures
    it: then it is cut with "…" to the lines left under the name, as the PDF cuts it — dropped only when
    not one line is left (a 41-character title was dropped whole; the people table has it)."""
    tag = look_of(r, pid).tag()
    lines = [(tag, MIN_PT, True)] if tag else []
    kept = [(note, MIN_PT, False)] if note else []
    person = r.by_id[pid]
    name = person.get("name") or ""

    def shown(name: str) -> str:  # "(left)" after the name, also after a cut one
        return person_name({**person, "name": name})

    if room is not None:
        name = shorten(name, lambda cut: _drawn([*lines, (shown(cut), size, True), *kept], inner) <= room)
    lines += [(shown(name), size, True), *kept]
    job = (person.get("title") or "") if title else ""
    if job and title_room is not None:
        job = shorten(job, lambda cut: _height([*lines, (cut, MIN_PT, False)], inner) <= title_room)
    if job and job != ELLIPSIS:
        lines.append((job, MIN_PT, False))
    return CardText(lines, _height(lines, inner))


def body_text(r: Report, bid: Any, size: float, inner: float) -> CardText:
    """The text of a decision body's card (`chart.body_card`): its marks, its whole name wrapped at `size`, its
    kind ("bid evaluation committee" / "评标委员会") at MIN_PT; the height it needs wrapped to `inner` points."""
    look, name, kind = body_card(r, bid)
    lines = [(look.tag(), MIN_PT, True), (name, size, True), (kind, MIN_PT, False)]
    return CardText(lines, _height(lines, inner))


def _height(lines: list[tuple[str, float, bool]], inner: float) -> float:
    """Points a card's `lines` need wrapped to `inner` points: the pads, and a few points more (a rounded
    border takes a little of the last line's room)."""
    return sum(line_count(t, z, inner) * z * LINE for t, z, _b in lines) + 2 * CARD_PAD.pt + 4


def _drawn(lines: list[tuple[str, float, bool]], inner: float) -> float:
    """Points a card's `lines` take as the PDF's font wraps them to `inner` points, with the pads: less than
    `_height`, which gives room for a substitute font — a name is cut only when no viewer could hold it."""
    font = register_pdf_font()
    return sum(len(wrap(t, font, z, inner)) * z * LINE for t, z, _b in lines) + 2 * CARD_PAD.pt


@dataclass
class ChartGeometry:
    lay: Any  # orgchart.Layout
    sx: float  # EMU per layout unit across
    sy: float  # EMU per layout unit down
    size: float  # the names' font size
    fits: bool  # every card holds its name at MIN_PT or more
    bottom: int = CHART_BOTTOM  # the room below the chart: the legend's, and the line on links left out
    links: tuple[list[dict[str, Any]], int] = ([], 0)  # chart_links.picture_links of the slide


def chart_geometry(
    r: Report, people: list[dict[str, Any]], notes: dict[Any, str] | None = None, bodies: list[Any] = ()
) -> ChartGeometry:
    """The slide's layout scaled onto it (`_scaled`): reports that are all leaves listed under their manager,
    or — when that leaves the cards too little height for their text — side by side in a row, if that fits."""
    stacked = _scaled(r, people, notes or {}, list(bodies), stack=True)
    if stacked.fits or not stacked.lay.edges:
        return stacked
    spread = _scaled(r, people, notes or {}, list(bodies), stack=False)
    return spread if spread.fits else stacked


def _scaled(
    r: Report, people: list[dict[str, Any]], notes: dict[Any, str], bodies: list[Any], stack: bool
) -> ChartGeometry:
    """Scale the layout onto the slide: cards as wide as the slide allows (at most 2"); names at the
    largest of NAME_SIZES every card holds (wrapped, whole); cards as tall as the tallest text needs
    (at least 1.4" per layout unit while the slide has room), never taller than the slide allows. The
    room below the chart is the legend's rows (`legend_rows`) and the line on the links left out."""
    lay = layout(people, bodies, stack=stack)
    links = picture_links(r, lay.boxes)
    rows = legend_rows(links=bool(links[0]))  # CHART_BOTTOM holds two rows
    bottom = CHART_BOTTOM + max(rows - 2, 0) * LEGEND_ROW + (LEGEND_ROW if links[1] else 0)
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - CHART_TOP - bottom
    if not lay.boxes and not lay.bodies:
        return ChartGeometry(lay, Inches(1), Inches(1), MIN_PT, True, bottom)
    sx = min(width / lay.width, Inches(2.0))
    sy_max = height / lay.height
    inner = Emu(int(BOX_W * sx)).pt - 2 * CARD_PAD.pt
    for size in NAME_SIZES:  # every card as tall as the tallest text, a person's or a decision body's
        need = max(
            [card_text(r, pid, size, inner, notes.get(pid, ""), title=False).height for pid in lay.boxes]
            + [body_text(r, bid, size, inner).height for bid in lay.bodies]
        )
        if Pt(need) <= BOX_H * sy_max:
            break
    sy = min(sy_max, max(Inches(1.4), Pt(need) / BOX_H))
    fits = BOX_W * sx >= CARD_MIN_W and Pt(need) <= BOX_H * sy_max
    return ChartGeometry(lay, sx, sy, size, fits, bottom, links)


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
        return chart_geometry(r, [by_id[pid] for pid in ids], notes).fits

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


def chart_slides(prs: Any, r: Report) -> None:
    pages = chart_pages(r)
    first = len(prs.slides) + 1
    continues = {page.head: first + i for i, page in enumerate(pages) if page.head is not None}
    for page in pages:
        chart_slide(prs, r, page.people, page.title, {} if page.head else continues, page.bodies)


def chart_slide(
    prs: Any,
    r: Report,
    people: list[dict[str, Any]],
    title: str,
    continues: dict[Any, int],
    bodies: list[Any] = (),
) -> None:
    """One org chart slide: a card per person and per decision body of `bodies`, wrapped text that stays
    inside it (word wrap on, sizes from `chart_geometry`), elbow connectors routed between the cards
    (`connect`)."""
    slide = blank_slide(prs, title)
    notes = {pid: pgettext("export", "team on slide %(n)s") % {"n": n} for pid, n in continues.items()}
    geo = chart_geometry(r, people, notes, list(bodies))
    lay = geo.lay
    if not lay.boxes and not lay.bodies:
        return
    left, top = Inches(0.3), CHART_TOP
    box_w, box_h = int(BOX_W * geo.sx), int(BOX_H * geo.sy)
    inner = Emu(box_w).pt - 2 * CARD_PAD.pt
    # ids assigned as shapes are added, not by scanning the slide for each new shape (quadratic)
    slide.shapes.turbo_add_enabled = True
    shapes = {}
    for pid, (x, y) in lay.boxes.items():
        person = r.by_id[pid]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left + int(x * geo.sx), top + int(y * geo.sy), box_w, box_h
        )
        look = look_of(r, pid)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(look.fill.lstrip("#"))
        shape.line.color.rgb = RGBColor.from_string(look.border.lstrip("#"))
        shape.line.width = Pt(2.25 if look.never_met else 0.75)
        if look.dashed or person.get("placeholder"):
            shape.line.dash_style = 4  # MSO_LINE.DASH
        shape.name = f"person {pid}"
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, CARD_PAD)
        room = Emu(box_h).pt if box_w >= CARD_MIN_W else None  # a narrower card holds no name: none is cut
        text = card_text(r, pid, geo.size, inner, notes.get(pid, ""), room=room, title_room=Emu(box_h).pt)
        if Pt(text.height) > box_h:  # no line left for the title under the name (the people table has it)
            text = card_text(r, pid, geo.size, inner, notes.get(pid, ""), title=False, room=room)
        set_lines(frame, text.lines, look.ink)
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for para, (_t, size, _b) in zip(frame.paragraphs, text.lines, strict=True):
            para.line_spacing = Pt(size * LINE)
        shapes[pid] = shape
    for bid, (x, y) in lay.bodies.items():  # the decision bodies (◆), as on the web chart and in the PDF
        look = body_card(r, bid)[0]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left + int(x * geo.sx), top + int(y * geo.sy), box_w, box_h
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(look.fill.lstrip("#"))
        shape.line.color.rgb = RGBColor.from_string(look.border.lstrip("#"))
        shape.line.width = Pt(2.25 if look.never_met else 0.75)
        shape.name = f"decision body {bid}"
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, CARD_PAD)
        text = body_text(r, bid, geo.size, inner)
        set_lines(frame, text.lines, look.ink)
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for para, (_t, size, _b) in zip(frame.paragraphs, text.lines, strict=True):
            para.line_spacing = Pt(size * LINE)
    for boss, child, kind in lay.edges:
        connect(slide, shapes[boss], shapes[child], kind)
    drawn, left_out = geo.links
    if shapes:
        link_connectors(slide, drawn, shapes)
    top = SLIDE_H - geo.bottom + Inches(0.1)
    if left_out:  # the line above the legend saying how many links are not drawn
        note = slide.shapes.add_textbox(Inches(0.3), top, SLIDE_W - Inches(0.6), LEGEND_ROW)
        set_lines(note.text_frame, [(links_left_out_text(len(drawn), left_out), MIN_PT, False)])
        top += LEGEND_ROW
    legend_shapes(slide, top, links=bool(drawn))


def link_connectors(slide: Any, links: list[dict[str, Any]], shapes: dict[Any, Any]) -> list[Any]:
    """The influence `links` between the slide's cards (`chart_links.picture_links`) as straight
    connectors glued to two of their sides (`link_sites`: move a card and its links follow), coloured,
    dashed and as wide as `look.link_look` says (the web's 2..4 px as 1..2 pt), an arrowhead at the
    target; laid under the cards, so they never cover a name. Returns the connectors."""
    out = []
    under = next(iter(shapes.values()))._element  # the first card: links go before it in z-order
    boxes = {pid: Box(sh.left, sh.top, sh.width, sh.height) for pid, sh in shapes.items()}
    cards = Cards(boxes)
    for link in links:
        source, target = shapes[link["from"]], shapes[link["to"]]
        begin, end = link_sites(boxes[link["from"]], boxes[link["to"]], cards)
        connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        connector.begin_connect(source, begin)
        connector.end_connect(target, end)
        look = link_look(link.get("kind") or "", link.get("strength"))
        arrow_line(connector, look.colour, Pt(look.width / 2), look.dashed, PRINT_OPACITY[look.dashed])
        connector.name = f"influence {link['from']} to {link['to']}"
        under.addprevious(connector._element)
        out.append(connector)
    return out


def link_sites(a: Box, b: Box, cards: Cards) -> tuple[int, int]:
    """The connection sites a link from card `a` to card `b` joins: those of the two cards that face each
    other, unless that line passes behind another card (seen going in and out of it, it would read as
    two links of that card); then the two sites whose line passes behind least (`passes_behind`)."""
    facing = facing_sites(a, b)
    options = [facing, *((i, j) for i in range(4) for j in range(4) if (i, j) != facing)]
    return min(
        options,
        key=lambda pair: passes_behind(_line(_site(a, pair[0]), _site(b, pair[1]), a.w), cards, (a, b)),
    )


def facing_sites(source: Box, target: Box) -> tuple[int, int]:
    """The connection sites of two cards that face each other: bottom to top when the target is a level
    below, top to bottom when above, else the sides (right to left, or left to right). Box.y is the top."""
    if target.y >= source.y + source.h:
        return BOTTOM, TOP
    if source.y >= target.y + target.h:
        return TOP, BOTTOM
    return (RIGHT, LEFT) if target.x > source.x else (LEFT, RIGHT)


def _site(box: Box, site: int) -> tuple[float, float]:
    """A connection site's point (EMU): the middle of the top, left, bottom or right side."""
    return {
        TOP: (box.x + box.w / 2, box.y),
        LEFT: (box.x, box.y + box.h / 2),
        BOTTOM: (box.x + box.w / 2, box.y + box.h),
        RIGHT: (box.x + box.w, box.y + box.h / 2),
    }[site]


def _line(p: tuple[float, float], q: tuple[float, float], card_w: float) -> list[tuple[float, float]]:
    """Points along the straight line from p to q, a quarter of a card apart (its ends left out)."""
    n = max(8, int(((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5 / max(card_w / 4, 1)))
    return [(p[0] + (q[0] - p[0]) * i / n, p[1] + (q[1] - p[1]) * i / n) for i in range(1, n)]


def connect(slide: Any, boss: Any, child: Any, kind: str) -> Any:
    """An elbow connector from a manager's card to a report's, glued to both cards and drawn on a
    route that passes no other card (the stored geometry is what PowerPoint shows until a card moves):
    "tree" — down from the manager's bottom centre, across half-way between the levels, down into the
    report's top centre; "stack" (leaves listed under their manager) — down a spine just inside the
    manager's left edge, left of every stacked card, then across into the report's left side."""
    connector = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
    connector.line.color.rgb = RGBColor.from_string("607D8B")
    connector.line.width = Pt(0.75)
    sp_pr = connector._element.spPr
    xfrm = sp_pr.get_or_add_xfrm()
    if kind == "stack":
        # bentConnector2 flipped both ways: from the report's left side across, then up the spine
        x1, y1 = boss.left + int(boss.width * 0.05), boss.top + boss.height
        x2, y2 = child.left, child.top + child.height // 2
        connector._connect_begin_to(child, LEFT)
        sp_pr.prstGeom.set("prst", "bentConnector2")
        xfrm.set("flipH", "1")
        xfrm.set("flipV", "1")
        xfrm.off.x, xfrm.off.y, xfrm.ext.cx, xfrm.ext.cy = x1, y1, max(x2 - x1, 0), max(y2 - y1, 0)
    else:
        # bentConnector3 turned a quarter: down, across, down (flipped when the report is to the right)
        x1, y1 = boss.left + boss.width // 2, boss.top + boss.height
        x2, y2 = child.left + child.width // 2, child.top
        connector._connect_begin_to(boss, BOTTOM)
        connector._connect_end_to(child, TOP)
        w, h = abs(x2 - x1), max(y2 - y1, 0)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        xfrm.set("rot", "5400000")
        if x2 > x1:
            xfrm.set("flipV", "1")
        xfrm.off.x, xfrm.off.y, xfrm.ext.cx, xfrm.ext.cy = cx - h // 2, cy - w // 2, h, w
    return connector
