"""The org chart as a PNG picture: the ReportLab drawing as a one-page PDF, rasterised by poppler's pdftoppm.

A big chart is rasterised at a lower resolution, so the picture holds at most MAX_PIXELS: the time
goes in pixels (pdftoppm's PNG encoding was three quarters of it: pdftoppm now hands raw pixels to
Pillow, which encodes faster), and a 2,000-person chart at DPI was 130 million pixels (88,000 × 1,500,
6 s of CPU and 500 MB in pdftoppm alone). Card text stays at least MIN_DPI / 72 pixels per point (10 pt
names ≥ 11 px): a chart that would need less is cut in panels, team by team (`panels`), packed in rows,
and what does not hold is left out and said under the chart (a tester's 10,000-person account was one
row 132,009 × 1,016 px, which Pillow and many viewers refuse to open). Cards are as tall as their text
needs (`card_unit_height`): the PNG shows the titles the PDF shows."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass, replace
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, pgettext
from PIL import Image
from reportlab.lib import colors

from battlemap.io.labels import labelled

from .cards import body_text, card_text
from .chart import chart_drawing, legend_drawing
from .chart_links import dotted_lines, links_between, picture_links
from .chart_notes import links_left_out_text, people_left_out_text
from .fonts import FontMissing, register_pdf_font
from .orgchart import BOX_H, BOX_W, layout, team_pages
from .report import build_report, children_of, map_view
from .rows import no_people_text
from .scripts import strings

POINTS_PER_SLOT = 120
POINTS_PER_UNIT_HEIGHT = 95  # at least: cards grow to hold their marks, name and title (cards.card_text)
CARD_NAME_PT = 10  # the names' size on a PNG card (chart_drawing's largest)
DPI = 150
MAX_PIXELS = 40_000_000
MIN_DPI = 80
PANEL_SLOTS = 24  # a panel of a chart cut in teams is at most this many cards wide
PANEL_GAP = 24  # points between panels, and above each one its heading
ASPECT = 16 / 9  # panels are packed in rows to about this shape
MAX_HEIGHT = 14_000  # points: a panel no taller than a PDF page may be (200 inches); poppler crawls beyond


def resolution(width_pt: float, height_pt: float) -> int:
    """The DPI of a width × height (points) picture: DPI, lowered so the picture holds at most
    MAX_PIXELS (a big chart is cut, `panels`, so this stays at MIN_DPI or more, unless one team alone is
    bigger: a manager with thousands of direct reports is drawn smaller, still within MAX_PIXELS)."""
    pixels = (width_pt / 72 * DPI) * (height_pt / 72 * DPI)
    if pixels <= MAX_PIXELS * 0.98:
        return DPI
    return max(1, int(DPI * (MAX_PIXELS * 0.98 / pixels) ** 0.5))


@dataclass
class Panel:
    head: Any  # None for the top of the chart (or the whole chart)
    people: list[dict[str, Any]]
    width: float  # points, the chart only
    height: float


def panels(report: Any, unit_h: float, font: str) -> tuple[list[Panel], int]:
    """The chart in panels, and how many people they leave out: the whole chart when it is at most PANEL_SLOTS
    cards wide and holds in MAX_PIXELS at MIN_DPI; else cut in teams (`orgchart.team_pages`, a team still too
    wide cut again), the top of the chart first, then the teams holding the deal's people, then the others,
    as many as hold in MAX_PIXELS at MIN_DPI (the XLSX export lists everyone)."""
    budget = MAX_PIXELS / (MIN_DPI / 72) ** 2 / 1.25  # points², room left for the packing and the legend

    body_h = body_unit_height(report, list(report.bodies), font, unit_h)

    def panel(head: Any, people: list[dict[str, Any]], bodies: list[Any]) -> Panel:
        lay = layout(people, bodies, body_h, wrap=True)
        return Panel(head, people, lay.width * POINTS_PER_SLOT, lay.height * unit_h)

    whole = panel(None, report.people, list(report.bodies))
    if (
        whole.width <= PANEL_SLOTS * POINTS_PER_SLOT
        and whole.width * whole.height <= budget
        and whole.height <= MAX_HEIGHT
    ):
        return [whole], 0
    out: list[Panel] = []
    todo = [(None, report.people)]
    while todo:
        head, people = todo.pop(0)
        pages = team_pages(people) if len(people) > 1 else [(None, people)]
        first = panel(head, pages[0][1], list(report.bodies) if head is None and not out else [])
        out.append(first)
        for sub_head, sub_people in pages[1:]:
            sub = panel(sub_head, sub_people, [])
            if sub.width > PANEL_SLOTS * POINTS_PER_SLOT and len(team_pages(sub_people)) > 1:
                todo.append((sub_head, sub_people))
            else:
                out.append(sub)
    deal_people = set(report.roles_by_person)
    for k, part in enumerate(out):  # a team alone too big: its top levels
        while len(part.people) > 1 and (part.width * part.height > budget or part.height > MAX_HEIGHT):
            share = min(budget / (part.width * part.height), MAX_HEIGHT / part.height)
            bodies = list(report.bodies) if k == 0 and part.head is None else []
            part = panel(
                part.head, top_levels(part.people, int(len(part.people) * share * 0.95), deal_people), bodies
            )
        out[k] = part
    top, teams = out[0], out[1:]
    teams.sort(key=lambda p: not any(q["id"] in deal_people for q in p.people))
    kept, area = [top], top.width * (top.height + PANEL_GAP)
    for team in teams:
        area += team.width * (team.height + PANEL_GAP)
        if area > budget:
            break
        kept.append(team)
    return kept, len(report.people) - len({q["id"] for p in kept for q in p.people})


def top_levels(people: list[dict[str, Any]], count: int, first: set[Any]) -> list[dict[str, Any]]:
    """At most `count` of `people` (one at least), level by level from the top of their reporting tree, in
    a level the deal's people (`first`) first: a manager with 5,000 direct reports was one column of
    cards 300,000 points tall, which pdftoppm did not rasterise in two minutes."""
    roots, kids = children_of(people)
    order, level = [], roots
    while level and len(order) < count:
        level = sorted(level, key=lambda pid: pid not in first)
        order += level
        level = [c for pid in level for c in kids[pid]]
    keep = set(order[: max(count, 1)])
    return [p for p in people if p["id"] in keep]


def pack(parts: list[Panel]) -> tuple[list[tuple[float, float]], float, float]:
    """Shelf packing, in order: the panels' top-left corners (from the picture's top, headings included) in rows
    about ASPECT wide, and the picture's width and height."""
    area = sum((p.width + PANEL_GAP) * (p.height + PANEL_GAP) for p in parts)
    row_width = max(max(p.width for p in parts), (area * ASPECT) ** 0.5)
    spots, x, y, row_h, width = [], 0.0, 0.0, 0.0, 0.0
    for p in parts:
        if x and x + p.width > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        spots.append((x, y))
        width = max(width, x + p.width)
        x += p.width + PANEL_GAP
        row_h = max(row_h, p.height + (PANEL_GAP if len(parts) > 1 else 0) + PANEL_GAP * 0.5)
    return spots, width, y + row_h


def card_unit_height(report: Any, people: list[dict[str, Any]], font: str) -> float:
    """Points per layout unit down: cards tall enough for the text of the tallest one (`cards.card_text` with no
    height: marks, name, title), at most half again the PDF's tallest card, never less than POINTS_PER_UNIT_HEIGHT."""
    box_w = BOX_W * POINTS_PER_SLOT
    inner = box_w * 0.9
    need = max(
        (card_text(report, p["id"], font, CARD_NAME_PT, inner, None).height for p in people), default=0
    )
    return max(POINTS_PER_UNIT_HEIGHT, min(need + 2, BOX_H * 110 * 1.5) / BOX_H)


def body_unit_height(report: Any, bodies: list[Any], font: str, unit_h: float) -> float:
    """Layout units down of the decision bodies' cards: as tall as the tallest one's text needs at the PNG's
    size (`cards.body_text`), as `chart_drawing` draws them, so the panel has their room."""
    inner = BOX_W * POINTS_PER_SLOT * 0.9
    need = max((body_text(report, bid, font, CARD_NAME_PT, inner)[1].height for bid in bodies), default=0.0)
    return max(BOX_H, need / unit_h)


def export_png(
    data: dict[str, Any],
    *,
    analysis: dict[str, Any] | None = None,
    deal_id: int | None = None,
    lang: str = "zh-hans",
) -> bytes:
    """The org chart as a PNG; with `analysis`, key people never met are marked as on every picture."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing, String

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise FontMissing(gettext("PNG export needs poppler's pdftoppm: apt-get install poppler-utils"))
    font = register_pdf_font()
    report = build_report(data, analysis, deal_id) if analysis is not None else map_view(data, deal_id)
    with translation.override(lang):
        if report.people:
            page = chart_picture(report, font)
        else:  # no empty chart and legend: the one sentence the review exports say (rows.no_people_text)
            page = Drawing(320, 60)
            page.add(String(160, 25, no_people_text(), fontName=font, fontSize=12, textAnchor="middle"))
    pdf = renderPDF.drawToString(page)
    dpi = resolution(page.width, page.height)
    done = subprocess.run(  # raw pixels (PPM): Pillow encodes the PNG in a third less time than pdftoppm
        [pdftoppm, "-r", str(dpi), "-singlefile"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    )
    with Image.open(io.BytesIO(done.stdout)) as image:
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=6, dpi=(dpi, dpi))
    return out.getvalue()


def chart_picture(report: Any, font: str) -> Any:
    """The org chart (in panels when it is cut), the lines saying what it leaves out, the legend."""
    from reportlab.graphics.shapes import Drawing

    # cards sized for the text of the people drawn; a chart cut in teams measures the top of the chart
    sample = report.people if len(report.people) <= 3000 else team_pages(report.people)[0][1]
    unit_h = card_unit_height(report, sample, font)
    parts, people_left = panels(report, unit_h, font)
    spots, chart_w, chart_h = pack(parts)
    while len(parts) > 1 and resolution(chart_w + 20, chart_h + 140) < MIN_DPI:  # the packing left gaps
        people_left += len(
            {p["id"] for p in parts[-1].people} - {p["id"] for q in parts[:-1] for p in q.people}
        )
        parts = parts[:-1]
        spots, chart_w, chart_h = pack(parts)
    width = max(chart_w, 300) + 20
    drawn_links, drawn_dotted, shown = 0, 0, set()
    drawings = []
    for part, (x, y) in zip(parts, spots, strict=True):
        sub = replace(report, people=part.people, bodies=report.bodies if part.head is None else {})
        drawings.append(
            (part, x, y, chart_drawing(sub, part.width, part.height, font, (POINTS_PER_SLOT, unit_h)))
        )
        drawn_links += len(picture_links(sub, {p["id"] for p in part.people})[0])
        drawn_dotted += len(dotted_lines(sub, {p["id"] for p in part.people}))
        shown |= {p["id"] for p in part.people}
    all_links = len(links_between(report.links, shown))
    notes = []
    if people_left:
        notes.append(people_left_out_text(len(shown), people_left))
    if all_links > drawn_links:
        notes.append(links_left_out_text(drawn_links, all_links - drawn_links))
    key = legend_drawing(width - 20, font, size=9, links=bool(drawn_links), dotted=bool(drawn_dotted))
    below = 16 * len(notes)
    page = Drawing(width, chart_h + 20 + key.height + 12 + below)
    for part, x, y, drawing in drawings:
        top = page.height - 10 - y
        if part.head is not None or len(parts) > 1:  # a panel says whose team it is
            title = pgettext("export", "Organisation chart")
            name = report.by_id[part.head]["name"] if part.head is not None else ""
            for shape in strings(
                10 + x, top - 12, labelled(title, name) if name else title, 10, colors.black
            ):
                page.add(shape)
            top -= PANEL_GAP
        drawing.translate(10 + x, top - part.height)
        page.add(drawing)
    key.translate(10, 6 + below)
    page.add(key)
    for i, note in enumerate(reversed(notes)):
        for shape in strings(10, 6 + 16 * i, note, 9, colors.black):
            page.add(shape)
    return page
