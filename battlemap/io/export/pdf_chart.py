"""The org chart pages of the PDF review (A4 landscape): the whole chart on one page when its names are drawn
at `chart.CHART_NAME_PT` or more (every text of it at `chart.CHART_MIN_PT`, 6 pt, or more); else cut as the
deck cuts it (`orgchart.split_pages`): the top two levels, then each second-level manager's team, a team too
big for its page cut again by its own sub-teams, each page headed "Organisation chart: 张三", and a card whose
team goes on on a page of its own saying on which ("team on p. 4" / "团队见第 4 页"). The whole chart of a
119-person account on one page drew its text 1.4–3 pt high."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from django.utils.translation import npgettext, pgettext
from reportlab.platypus import PageBreak, Spacer

from battlemap.io.labels import labelled, with_aside

from .chart import CHART_NAME_PT, chart_drawing, chart_scale, legend_drawing
from .chart_links import dotted_across, dotted_lines, links_across, picture_links
from .chart_notes import links_left_out_text
from .orgchart import TeamPage, split_pages
from .pdf_page import Page
from .report import Report

CHART_UNIT = (150.0, 110.0)  # points per layout unit at most, across and down (`chart.chart_drawing`'s)
HEADING_ROOM = 40  # points above the chart: its heading
NOTE_ROOM = 16  # points a line under the chart takes (links left out or on other pages)


def continued_text(n: int) -> str:
    """On a card whose team goes on on a page of its own: on which."""
    return pgettext("export", "team on p. %(n)s") % {"n": n}


def links_across_text(across: int) -> str:
    """Said under a page of an org chart split over several (`chart_links.links_across`): the links to people on
    the other pages, which it cannot draw (the deck's `chart_notes.links_across_text`, said of pages)."""
    return npgettext(
        "export",
        "%(n)s influence link to or from a person on another page is not drawn here; the XLSX export lists "
        "them all.",
        "%(n)s influence links to or from people on other pages are not drawn here; the XLSX export lists "
        "them all.",
        across,
    ) % {"n": across}


def dotted_across_text(across: int) -> str:
    """Said under a page of an org chart split over several (`chart_links.dotted_across`): the dotted lines to
    dotted-line managers or reports on the other pages, which it cannot draw (said as of the influence links)."""
    return npgettext(
        "export",
        "%(n)s dotted line to or from a person on another page is not drawn here; the XLSX export lists them "
        "all.",
        "%(n)s dotted lines to or from people on other pages are not drawn here; the XLSX export lists them "
        "all.",
        across,
    ) % {"n": across}


def chart_room(r: Report, page: Page, people: list[dict[str, Any]], notes: int) -> tuple[Any, float]:
    """The legend under a chart of `people` and the height left for the chart above it, with `notes` lines
    under it."""
    ids = {p["id"] for p in people}
    drawn, _left_out = picture_links(r, ids)
    key = legend_drawing(page.width, page.font, links=bool(drawn), dotted=bool(dotted_lines(r, ids)))
    return key, page.height - HEADING_ROOM - key.height - 6 - NOTE_ROOM * notes


def _view(r: Report, people: list[dict[str, Any]], bodies: bool) -> Report:
    """The report with only `people` on its chart, and its decision bodies or none."""
    return replace(r, people=people, bodies=r.bodies if bodies else {})


def chart_pages(r: Report, page: Page) -> list[TeamPage]:
    """The chart's pages (`orgchart.split_pages`): the whole chart on one when its
    names are drawn at CHART_NAME_PT or more with its decision bodies; else its top with the bodies, when they
    fit there, or the bodies on a page of their own after the top. A card's note takes its room from the
    name's lines (`cards.card_text`), so the size alone says whether a page holds (`continued` is not read)."""

    def fits(people: list[dict[str, Any]], continued: set[Any], bodies: bool = False) -> bool:
        # room for the lines on links left out and across, and on dotted lines across when the page has some
        across = bool(len(people) < len(r.people) and dotted_across(r, {p["id"] for p in people}))
        _key, height = chart_room(r, page, people, 2 + across)
        scale = chart_scale(_view(r, people, bodies), page.width, height, page.font, CHART_UNIT)
        return scale.size >= CHART_NAME_PT

    if fits(r.people, set(), bool(r.bodies)):
        return [TeamPage(None, r.people, set())]
    pages = split_pages(r.people, fits)
    if r.bodies:
        tops = [i for i, p in enumerate(pages) if p.head is None]
        last = pages[tops[-1]]
        if not fits(last.people, last.continued, True):
            pages.insert(tops[-1] + 1, TeamPage(None, [], set()))
    return pages


def org_chart_section(r: Report, page: Page, first: int) -> list[Any]:
    """The org chart with its influence links, its dotted lines and its legend on as many pages as give its text CHART_MIN_PT
    or more (`chart_pages`), the first of them page `first`; a line says how many links a page leaves out, and
    how many links and dotted lines join people on other pages. Each page after the first starts with a page
    break."""
    title = pgettext("export", "Organisation chart")
    pages = chart_pages(r, page)
    whole = len(pages) == 1
    starts: dict[Any, int] = {}
    for i, part in enumerate(pages):
        if part.head is not None:
            starts.setdefault(part.head, first + i)
    counts = Counter(part.head for part in pages)
    seen: Counter[Any] = Counter()
    with_bodies = next((i for i, p in reversed(list(enumerate(pages))) if p.head is None), 0)
    out: list[Any] = []
    for i, part in enumerate(pages):
        seen[part.head] += 1
        heading = title if part.head is None else labelled(title, r.by_id[part.head]["name"])
        if counts[part.head] > 1:
            heading = with_aside(heading, seen[part.head])
        if part.head is None and not part.people:
            heading = labelled(title, pgettext("export", "Decision bodies"))
        notes = {
            p["id"]: continued_text(starts[p["id"]])
            for p in part.people
            if p["id"] in starts and p["id"] != part.head
        }
        sub = _view(r, part.people, i == with_bodies)
        ids = {p["id"] for p in part.people}
        drawn, left_out = picture_links(sub, ids)
        across = 0 if whole else links_across(r, ids)
        said = [links_left_out_text(len(drawn), left_out)] if left_out else []
        said += [links_across_text(across)] if across else []
        dotted = 0 if whole else dotted_across(r, ids)
        said += [dotted_across_text(dotted)] if dotted else []
        key, height = chart_room(r, page, part.people, len(said))
        out += [PageBreak()] if i else []
        out += [
            page.p(heading, "h2"),
            chart_drawing(sub, page.width, height, page.font, CHART_UNIT, notes),
            Spacer(1, 6),
            key,
            *(page.p(line) for line in said),
        ]
    return out
