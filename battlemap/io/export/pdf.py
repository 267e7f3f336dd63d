"""The account review as a PDF (A4 landscape) with an embedded CJK TrueType font.

One function per section (`portrait_section`, `coverage_section`, `flags_section`, …); `_story`
puts them in order. The tables come from rows.py, shared with the PPTX deck.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import Any, BinaryIO

from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
)

from ..labels import (
    ATTITUDE_LABELS,
    LIFECYCLE_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    label,
    labelled,
    listed,
    roles_text,
)
from . import scripts
from .chart import legend_drawing
from .deal_rows import PROCESS_TABLES, QUALIFYING_TABLES, DealTable, outside_table
from .fonts import register_pdf_font
from .pdf_chart import org_chart_section
from .pdf_circle import circle_drawing
from .pdf_page import Page, page_styles, paragraph
from .report import Report, analysed_export, build_report, money
from .rows import (
    action_table,
    coverage_table,
    flag_table,
    health_table,
    next_step_table,
    no_deal_text,
    no_people_text,
    person_name,
    playbook_table,
    risk_table,
    summary_facts,
    win_win_table,
)
from .textfit import named_line, shorten

PAGE = landscape(A4)
MARGIN = 12 * mm
FOOTER_GAP = 12  # points between the footer's account name and date and the page number
TITLE_LINES = 2  # page 1's title on at most these lines (`heading_text`)


def page_frame() -> Frame:
    """The one frame of every page: the page inside its margins, with no padding of its own, so the
    title, every table and chart and the footer share the margins' left and right edges. Every width
    in the review is a share of this frame's available width (`Page.width`)."""
    return Frame(
        MARGIN,
        MARGIN,
        PAGE[0] - 2 * MARGIN,
        PAGE[1] - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="page",
    )


@analysed_export
def export_pdf(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    font = register_pdf_font()
    report = build_report(data, analysis, deal_id)
    title = pgettext("export", "Account review: %(name)s") % {"name": report.account.get("name", "")}
    frame = page_frame()
    page = Page.in_frame(font, page_styles(font), frame)

    def footer(canvas: Any, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#607d8b"))
        text = pgettext("export", "Page %(n)s of %(total)s") % {"n": number, "total": total}
        room = page.width - scripts.width(text, 8) - FOOTER_GAP
        scripts.draw(
            canvas, MARGIN, MARGIN / 2, footer_text(report.account.get("name", ""), report.as_of, room), 8
        )
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, text)
        canvas.restoreState()

    doc = BaseDocTemplate(buf, pagesize=PAGE, title=title, author="Battlemap")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=PAGE)])
    doc.build(_story(report, page, title), canvasmaker=partial(CountingCanvas, footer=footer))


class CountingCanvas(Canvas):
    """A canvas that keeps every page until the document is whole, then draws each page's footer knowing
    how many pages there are ("Page 3 of 10" / "第 3 页，共 10 页": a reader of a printed review, or of page
    7 on its own, knows whether pages are missing). `footer(canvas, number, total)` draws one footer
    (number from 1). The pages are kept as the canvas's state between `showPage` calls, as ReportLab's
    own `Canvas` would write them, so the cost is their drawing operations in memory until `save`."""

    def __init__(self, *args: Any, footer: Callable[[Any, int, int], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(self, number, len(self._held))
            Canvas.showPage(self)
        Canvas.save(self)


def footer_text(name: str, day: str, room: float) -> str:
    """The footer's "account name · date" within `room` points at 8 pt: a name too long for it (up to 200
    characters) is cut and ends with "…", so it never runs into the page number; the date stays whole."""
    return named_line(name, f" · {day}", lambda line: scripts.width(line, 8) <= room)


def heading_text(title: str, page: Page) -> str:
    """Page 1's title on at most TITLE_LINES lines of the frame's width, else cut to them with "…"
    (`textfit.shorten`, as the deck's titles are): an account's name runs to 200 characters, which took five
    lines and pushed the top risks and next steps to page 2. The document's properties keep it whole."""
    style = page.styles["h1"]
    return shorten(
        title,
        lambda cut: paragraph(cut, style).wrap(page.width, page.height)[1] <= TITLE_LINES * style.leading,
    )


def portrait_section(r: Report, page: Page) -> list[Any]:
    a = r.account
    portrait = a.get("portrait") or {}
    facts = [
        (pgettext("export", "Industry"), a.get("industry")),
        (pgettext("export", "Region"), a.get("region")),
        (pgettext("export", "Size"), a.get("size")),
        (pgettext("export", "Lifecycle"), label(LIFECYCLE_LABELS, a.get("lifecycle"))),
        (pgettext("export", "Potential value"), money(a.get("potential_value"), a.get("currency"))),
        (pgettext("export", "People"), str(len(r.people))),  # 0 said, not left blank
        (pgettext("export", "Strategic goals"), portrait.get("strategic_goals")),
        (pgettext("export", "Needs"), portrait.get("needs")),
        (pgettext("export", "Pains"), portrait.get("pains")),
        (pgettext("export", "Buying behaviour"), portrait.get("buying_behaviour")),
    ]
    return [page.p(pgettext("export", "Account portrait"), "h2"), page.grid(facts)]


def deal_section(r: Report, page: Page) -> list[Any]:
    d = r.deal
    if d is None:
        return []
    facts = [
        (pgettext("export", "Stage"), label(STAGE_LABELS, d.get("stage"))),
        (pgettext("export", "Status"), label(STATUS_LABELS, d.get("status"))),
        (pgettext("export", "Amount"), money(d.get("amount"), d.get("currency"))),
        (pgettext("export", "Expected close"), d.get("expected_close")),
        (pgettext("export", "Competitors"), listed(d.get("competitors") or [])),
        (pgettext("export", "Our win"), d.get("our_win")),
        (pgettext("export", "Customer's business win"), d.get("customer_win")),
    ]
    return [
        page.p(pgettext("export", "Deal: %(name)s") % {"name": d.get("name", "")}, "h2"),
        page.grid(facts),
    ]


def summary_section(r: Report, page: Page) -> list[Any]:
    """Page 1: the deal at a glance, its health and trend, the top three risks, the next steps; for a won
    or lost deal its outcome instead (and the action items left open, if any); without a deal, the
    review facts and the one sentence of what is missing."""
    facts = summary_facts(r)
    if r.deal is None:
        return [page.grid(facts), Spacer(1, 10), page.p(no_deal_text())]
    if r.closed:  # its outcome is in the facts; no risks, and what was left open is not a next step
        return (
            [
                page.grid(facts),
                *page.section(
                    pgettext("export", "Open action items"), action_table(r), (0.5, 0.2, 0.15, 0.15)
                ),
            ]
            if r.actions
            else [page.grid(facts)]
        )
    header, risks = risk_table(r)
    steps_header, steps = next_step_table(r)
    return [
        page.grid(facts),
        page.p(pgettext("export", "Top risks and what to do"), "h2"),
        page.table([header, *risks], (0.3, 0.5, 0.2)),
        page.p(pgettext("export", "Next steps"), "h2"),
        page.table([steps_header, *steps], (0.5, 0.16, 0.14, 0.2)),
    ]


def circle_section(r: Report, page: Page) -> list[Any]:
    """The influence circle with its legend (only when someone is on the map: no circle is drawn
    empty), then the outside factors under their heading."""
    outside = page.section(pgettext("export", "Outside factors"), outside_table(r), (0.7, 0.15, 0.15))
    if not r.people:
        return outside
    # as large as the page holds with its heading, the list of dots not labelled and the legend: the labels
    # stay clear at 9 pt. A long list (a 250-person account's 46 dots, three lines) pushed the legend alone onto
    # the next page, above the outside factors: the largest circle whose list and legend fit under it is drawn
    # (halving the range CIRCLE_FIT_TRIES times: a smaller circle draws fewer dots, so its list changes too).
    heading, key = page.p(pgettext("export", "Influence circle"), "h2"), legend_drawing(page.width, page.font)

    def circle(side: float) -> tuple[list[Any], bool]:
        drawing, unlabelled = circle_drawing(r, side, page.font)
        listed = labelled(pgettext("export", "Not labelled on the chart"), " · ".join(unlabelled))
        shown = [heading, drawing, *([page.p(listed)] if unlabelled else []), key]
        return shown, page.stacked_height(shown) <= page.height

    high = min(page.width * 0.75, (page.height - 90) * 840 / 640)
    shown, fits = circle(high)
    low = high / 2
    for _attempt in range(0 if fits else CIRCLE_FIT_TRIES):
        middle = (low + high) / 2
        tried, ok = circle(middle)
        if ok:
            low, shown, fits = middle, tried, True
        else:
            high = middle
    if not fits:  # nothing tried holds them on one page: half the size, the rest going on on the next
        shown, _ = circle(low)
    return shown + outside


CIRCLE_FIT_TRIES = 5  # halvings of the sizes from half the circle to the whole, to keep its legend


def coverage_section(r: Report, page: Page) -> list[Any]:
    return page.section(
        pgettext("export", "Coverage"), coverage_table(r), (0.15, 0.27, 0.13, 0.09, 0.14, 0.1, 0.12)
    )


def health_section(r: Report, page: Page) -> list[Any]:
    header, rows = health_table(r)
    return [
        Spacer(1, 6),
        page.p(pgettext("export", "Deal health"), "h2"),
        page.table([header, *rows], (0.5, 0.2)),
    ]


def flags_section(r: Report, page: Page) -> list[Any]:
    return page.section(pgettext("export", "Red flags and actions"), flag_table(r), (0.1, 0.38, 0.36, 0.16))


def win_win_section(r: Report, page: Page) -> list[Any]:
    return page.section(pgettext("export", "Win-win"), win_win_table(r), (0.2, 0.2, 0.6))


def deal_tables_section(r: Report, page: Page, tables: tuple[DealTable, ...]) -> list[Any]:
    """The deal's tables (deal_rows.py), each under its heading, one after the other."""
    return [part for t in tables for part in page.section(t.title(r), t.rows(r), t.widths)]


def playbook_section(r: Report, page: Page) -> list[Any]:
    return page.section(pgettext("export", "Playbook"), playbook_table(r), (0.75, 0.25))


def people_section(r: Report, page: Page) -> list[Any]:
    """Everyone on the map with their recorded part in the deal (people who left are marked)."""
    header = [
        pgettext("export", "Name"),
        pgettext("export", "Title"),
        pgettext("export", "Email"),
        pgettext("export", "Roles"),
        pgettext("export", "Attitude"),
        pgettext("export", "Influence"),
    ]
    rows = []
    for p in r.people:
        role = r.roles_by_person.get(p["id"]) or {}
        rows.append(
            [
                person_name(p),
                p.get("title"),
                p.get("email"),
                roles_text(role.get("roles") or []),
                label(ATTITUDE_LABELS, role.get("attitude")),
                role.get("influence") or "",
            ]
        )
    if not rows:
        return [page.p(pgettext("export", "People"), "h2"), page.p(no_people_text())]
    return [
        page.p(pgettext("export", "People"), "h2"),
        page.table([header, *rows], (0.2, 0.22, 0.22, 0.16, 0.1, 0.1), "small"),
    ]


def summary_pages(r: Report, page: Page, title: str) -> int:
    """How many pages page 1's title and summary take (a long list of next steps runs on), laid out alone
    as `_story` lays them out: the org chart starts on the page after, and its cards say on which page a team
    goes on (`pdf_chart.org_chart_section`)."""
    doc = BaseDocTemplate(io.BytesIO(), pagesize=PAGE)
    doc.addPageTemplates([PageTemplate(id="page", frames=[page_frame()], pagesize=PAGE)])
    doc.build([page.p(heading_text(title, page), "h1"), *summary_section(r, page)])
    return doc.page


def _story(r: Report, page: Page, title: str) -> list[Any]:
    """The sections in order; what the account lacks is said once (`no_deal_text` on page 1,
    `no_people_text` in place of the people list), and no chart is drawn empty."""
    story: list[Any] = [page.p(heading_text(title, page), "h1"), *summary_section(r, page)]
    if r.people:
        story += [PageBreak(), *org_chart_section(r, page, summary_pages(r, page, title) + 1)]
    if r.deal is not None:
        story += [PageBreak(), *coverage_section(r, page)]
        story += [] if r.closed else health_section(r, page)  # a closed deal has no health

    # a chart starts a page; a section of tables only starts one when less than a third of the page is left,
    # so the review of a small or empty account is not a page per short table
    def text_break() -> CondPageBreak:
        return CondPageBreak(page.height / 3)

    story += [PageBreak() if r.people else text_break(), *circle_section(r, page)]
    if r.deal is not None:
        story += [PageBreak(), *deal_tables_section(r, page, PROCESS_TABLES)]
        story += [PageBreak(), *flags_section(r, page), *win_win_section(r, page), *playbook_section(r, page)]
        story += [PageBreak(), *deal_tables_section(r, page, QUALIFYING_TABLES)]
    story += [text_break(), *portrait_section(r, page), *deal_section(r, page)]
    story += [text_break(), *people_section(r, page)]
    return story
