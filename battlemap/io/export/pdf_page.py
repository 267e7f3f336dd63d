"""The PDF's building blocks: the page (font, styles, frame), paragraphs that draw any script, and tables.

`pdf.py` writes the review's sections with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any
from unicodedata import east_asian_width

from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Frame, Paragraph, Table, TableStyle

from ..labels import with_aside
from . import scripts
from .textfit import most_chars, shorten, wrap

CELL_SHARE = 1 / 3  # a table cell is at most this share of the frame's height: longer text is cut (`_fitted`)


@dataclass(frozen=True)
class Page:
    """What every section needs to draw: the font, the paragraph styles and the frame size."""

    font: str
    styles: dict[str, ParagraphStyle]
    width: float
    height: float

    def p(self, text: Any, style: str = "body") -> Paragraph:
        return paragraph(text, self.styles[style])

    @property
    def cell_height(self) -> float:
        """The tallest a table cell's text may be (`CELL_SHARE` of the frame, its padding left out): a row
        of the longest texts a user types still fits on a page with the table's header (`_fitted`)."""
        return self.height * CELL_SHARE - 2 * CELL_PADDING

    def table(self, rows: list[list[Any]], shares: tuple[float, ...], style: str = "body") -> Table:
        return _table(rows, [w * self.width for w in shares], self.font, self.styles[style], self.cell_height)

    def stacked_height(self, flowables: Sequence[Flowable]) -> float:
        """The height `flowables` take one under the other in the frame, with the room each keeps above
        and below it: what a section measures to keep a chart and what goes under it on one page."""
        return sum(
            f.wrap(self.width, self.height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables
        )

    @classmethod
    def in_frame(cls, font: str, styles: dict[str, ParagraphStyle], frame: Frame) -> Page:
        """The page whose width and height are what `frame` leaves inside its padding: measured here,
        once, so every table and chart is a share of the same width and none runs past the frame."""
        width = frame.width - frame.leftPadding - frame.rightPadding
        height = frame.height - frame.topPadding - frame.bottomPadding
        return cls(font, styles, width, height)

    def grid(self, facts: Sequence[tuple[str, Any]]) -> Table:
        """A facts grid, two facts a row: label, value, label, value ("—" for none). An odd last fact has the row
        to itself: its value runs across the columns the missing pair would have held (no empty cells)."""
        style = self.styles["body"]
        # a fact without a value says "—" ("Amount:" and nothing read as a page cut short)
        shown = [(name, "—" if value is None or value == "" else value) for name, value in facts]
        rows = [[c for fact in shown[i : i + 2] for c in fact] for i in range(0, len(shown), 2)]
        alone = len(facts) % 2 == 1
        if alone:
            rows[-1] += ["", ""]  # spanned by the value
        paired = len(rows) - alone  # the rows with a second label
        widths = [w * self.width for w in (0.14, 0.36, 0.14, 0.36)]
        cells = [
            [
                _fitted(c, w - 2 * CELL_PADDING, self.cell_height, style)
                for c, w in zip(row, widths, strict=True)
            ]
            for row in rows
        ]
        if alone:  # the last value, spanning three columns, fitted to their width
            cells[-1][1] = _fitted(rows[-1][1], sum(widths[1:]) - 2 * CELL_PADDING, self.cell_height, style)
        t = Table(
            cells,
            colWidths=widths,
            hAlign="LEFT",
        )
        look = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef2f6")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bec5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if paired:
            look.append(("BACKGROUND", (2, 0), (2, paired - 1), colors.HexColor("#eef2f6")))
        if alone:
            look.append(("SPAN", (1, -1), (3, -1)))
        t.setStyle(TableStyle(look))
        return t

    def section(
        self, title: str, table: tuple[list[str], list[list[Any]]], shares: tuple[float, ...]
    ) -> list[Any]:
        """A heading and its table (header row and rows), columns as shares of the frame's width."""
        header, rows = table
        return [self.p(title, "h2"), self.table([header, *rows], shares)]


def page_styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "h1": ParagraphStyle("h1", parent=base, fontSize=18, leading=24, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontSize=13,
            leading=18,
            spaceBefore=6,
            spaceAfter=4,
            textColor=colors.HexColor("#1f3a5f"),
            keepWithNext=1,  # a heading never ends a page without its table
        ),
    }


def paragraph(text: Any, style: ParagraphStyle) -> Flowable:
    """`text` wrapped in a paragraph of `style`: Chinese (or any wide script) breaks between any two characters
    (the style's CJK wrap), a text without one at spaces and hyphens only, as `textfit.wrap` breaks the cards
    — the CJK wrap broke "Linda Park-Henderson" in the Blue Sheet as "Linda Park-Hender" / "son"."""
    text = str(text or "")
    if not scripts.plain(text.replace("\n", "")):
        return Lines(text, style)
    if not any(east_asian_width(ch) in "WF" for ch in text):
        style = _by_words(style)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


@lru_cache(maxsize=32)  # the styles of the last few exports
def _by_words(style: ParagraphStyle) -> ParagraphStyle:
    """`style` wrapping at spaces and after a hyphen; a word wider than its line is still broken inside."""
    return ParagraphStyle(f"{style.name}-words", parent=style, wordWrap=None, embeddedHyphenation=1)


def cut_note() -> str:
    """What a cut cell says after its "…": the whole text is elsewhere."""
    return with_aside("", pgettext("export", "cut: the whole text is in the XLSX export and on the web"))


def _fitted(value: Any, width: float, height: float, style: ParagraphStyle) -> Flowable:
    """`value` as a paragraph `width` points wide and no taller than `height`: whole when it fits, else its
    longest start that fits, ended with "…" and `cut_note()` (`textfit.shorten`, the one rule for a cut). A
    table never holds a cell taller than its page, so no text a user types can stop the PDF."""
    text = str(value or "")
    # no more characters than the room holds at a fifth of the font size each: longer is cut unmeasured
    most = most_chars(width, height, style.fontSize, style.leading)
    if len(text) <= most:
        cell = paragraph(text, style)
        if cell.wrap(width, height)[1] <= height:
            return cell
    note = cut_note()

    def fits(cut: str) -> bool:
        return paragraph(cut + note, style).wrap(width, height)[1] <= height

    return paragraph(shorten(text, fits, whole=False, most=most) + note, style)


class Lines(Flowable):
    """Text a Paragraph draws wrong (one font, no right-to-left): wrapped like the chart's cards,
    each line drawn run by run (scripts.py). The report is written left to right (Chinese or English), so
    every line is a left-to-right paragraph set flush left, as the web page sets it: a right-to-left name
    in it reads right to left in place ("محمد علي added to the map"), not the whole sentence turned."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.lines: list[str] = lines or []
        self.wrapped = lines is not None  # a part of a split paragraph: its lines already broken

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        s = self.style
        if not self.wrapped:
            self.lines = [
                ln for part in self.text.split("\n") for ln in wrap(part, s.fontName, s.fontSize, avail_width)
            ]
        self.width, self.height = avail_width, len(self.lines) * s.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The lines that fit in `avail_height`, then the rest (a paragraph longer than a page goes on)."""
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.leading)
        if fit < 1 or fit >= len(self.lines):
            return []
        return [
            Lines(self.text, self.style, self.lines[:fit]),
            Lines(self.text, self.style, self.lines[fit:]),
        ]

    def draw(self) -> None:
        s = self.style
        self.canv.setFillColor(s.textColor)
        y = self.height - s.fontSize
        for line in self.lines:
            scripts.draw(self.canv, 0, y, line, s.fontSize, base=0)
            y -= s.leading


CELL_PADDING = 6  # ReportLab's default left and right padding of a table cell


def _cell(value: Any, width: float, style: ParagraphStyle, height: float) -> Any:
    """A table cell: plain text when it fits on one line (drawn as is, no markup, no wrapping: a
    2,000-person table is 17,000 cells, and a Paragraph is wrapped three times over), else a paragraph no
    taller than `height` (`_fitted`)."""
    text = str(value or "")
    if (
        "\n" not in text
        and scripts.plain(text)
        and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING
    ):
        return text
    return _fitted(text, width - 2 * CELL_PADDING, height, style)


def _table(
    rows: list[list[Any]], widths: list[float], font: str, style: ParagraphStyle, height: float
) -> Table:
    cells = [[_cell(c, w, style, height) for c, w in zip(row, widths, strict=False)] for row in rows]
    t = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), style.fontSize),
                ("LEADING", (0, 0), (-1, -1), style.leading),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3eaf2")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bec5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t
