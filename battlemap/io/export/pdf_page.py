"""The PDF's building blocks: the page (font, styles, frame), paragraphs that draw any script, and tables.

`pdf.py` writes the review's sections with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Frame, Paragraph, Table, TableStyle

from . import scripts
from .textfit import wrap


@dataclass(frozen=True)
class Page:
    """What every section needs to draw: the font, the paragraph styles and the frame size."""

    font: str
    styles: dict[str, ParagraphStyle]
    width: float
    height: float

    def p(self, text: Any, style: str = "body") -> Paragraph:
        return paragraph(text, self.styles[style])

    def table(self, rows: list[list[Any]], shares: tuple[float, ...], style: str = "body") -> Table:
        return _table(rows, [w * self.width for w in shares], self.font, self.styles[style])

    @classmethod
    def in_frame(cls, font: str, styles: dict[str, ParagraphStyle], frame: Frame) -> Page:
        """The page whose width and height are what `frame` leaves inside its padding: measured here,
        once, so every table and chart is a share of the same width and none runs past the frame."""
        width = frame.width - frame.leftPadding - frame.rightPadding
        height = frame.height - frame.topPadding - frame.bottomPadding
        return cls(font, styles, width, height)

    def grid(self, facts: Sequence[tuple[str, Any]]) -> Table:
        """A facts grid, two facts a row: label, value, label, value. An odd last fact has the row to
        itself: its value runs across the columns the missing pair would have held (no empty cells)."""
        style = self.styles["body"]
        rows = [[c for fact in facts[i : i + 2] for c in fact] for i in range(0, len(facts), 2)]
        alone = len(facts) % 2 == 1
        if alone:
            rows[-1] += ["", ""]  # spanned by the value
        paired = len(rows) - alone  # the rows with a second label
        t = Table(
            [[paragraph(c, style) for c in row] for row in rows],
            colWidths=[w * self.width for w in (0.14, 0.36, 0.14, 0.36)],
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
    text = str(text or "")
    if not scripts.plain(text.replace("\n", "")):
        return Lines(text, style)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class Lines(Flowable):
    """Text a Paragraph draws wrong (one font, no right-to-left): wrapped like the chart's cards,
    each line drawn run by run (scripts.py). The report is written left to right (Chinese or English), so
    every line is a left-to-right paragraph set flush left, as the web page sets it: a right-to-left name
    in it reads right to left in place ("محمد علي added to the map"), not the whole sentence turned."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        s = self.style
        self.lines = [
            ln for part in self.text.split("\n") for ln in wrap(part, s.fontName, s.fontSize, avail_width)
        ]
        self.width, self.height = avail_width, len(self.lines) * s.leading
        return self.width, self.height

    def draw(self) -> None:
        s = self.style
        self.canv.setFillColor(s.textColor)
        y = self.height - s.fontSize
        for line in self.lines:
            scripts.draw(self.canv, 0, y, line, s.fontSize, base=0)
            y -= s.leading


CELL_PADDING = 6  # ReportLab's default left and right padding of a table cell


def _cell(value: Any, width: float, style: ParagraphStyle) -> Any:
    """A table cell: plain text when it fits on one line (drawn as is, no markup, no wrapping: a
    2,000-person table is 17,000 cells, and a Paragraph is wrapped three times over), else a Paragraph."""
    text = str(value or "")
    if (
        "\n" not in text
        and scripts.plain(text)
        and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING
    ):
        return text
    return paragraph(text, style)


def _table(rows: list[list[Any]], widths: list[float], font: str, style: ParagraphStyle) -> Table:
    cells = [[_cell(c, w, style) for c, w in zip(row, widths, strict=False)] for row in rows]
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
