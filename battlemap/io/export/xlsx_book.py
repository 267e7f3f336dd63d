"""The plumbing of Battlemap's XLSX files (the map's workbook, xlsx.py and xlsx_deal.py, and the pipeline's):
a workbook written with XlsxWriter in constant-memory mode — each row goes to the file as it is written
(linear in rows, little memory; openpyxl took three times as long for a 2,000-person account's 46,000
rows) —, its sheets, their bold frozen header, and cells as strings, numbers and dates, never as formulas
(a name starting with `=` stays text) nor links, so the file opens the same in Excel and WPS. A text starting as
a formula would (`FORMULA_START`) is written quote-prefixed, as Excel writes a text typed after an apostrophe: it
shows unchanged, and editing the cell in Excel or WPS keeps it text instead of running it (OWASP, "CSV Injection")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from numbers import Number
from typing import Any, BinaryIO

import xlsxwriter
from django.utils import timezone
from django.utils.formats import get_format

from battlemap.core.multilingual import active_language
from battlemap.core.text import clean_control
from battlemap.formats import spreadsheet_format
from battlemap.maps.namesakes import shown_name

HEADER_FILL = "#E3EAF2"


# What Excel, WPS and LibreOffice read as the start of a formula when a cell is typed or edited (OWASP, "CSV
# Injection": = + - @, and a tab or carriage return before one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Amount(float):
    """An amount of money: a number cell shown with thousands separators (120,000,000.00, not 120000000)."""


class Signed(int):
    """A signed score (an outside factor's effect, -2..+2): a number cell shown with its sign (+2, -1, 0),
    so it sorts and sums as the map's number does."""


class Sheet:
    """One worksheet written row after row (`write_header` first, then `write_row`)."""

    def __init__(self, book: Workbook, title: str) -> None:
        self.ws = book.wb.add_worksheet(title[:31])
        self.formats = book.formats
        self.next = 0
        # the widest text of each fitted column (`write_header`), in characters a screen draws (a Chinese one
        # two): the column's width when the book closes (`fit`); wrapped columns keep their width
        self.widths: dict[int, int] = {}
        self.wrapped: set[int] = set()  # the columns `write_header` made wide, their text wrapped
        self.columns = 0
        book.sheets.append(self)

    def write(self, values: list[Any], fmt: Any = None) -> None:
        ws, r, widths = self.ws, self.next, self.widths
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if c in widths and widths[c] < MAX_WIDTH:
                widths[c] = max(widths[c], _drawn_width(value))
            if isinstance(value, str):
                quoted = fmt is None and value.startswith(FORMULA_START)
                ws.write_string(r, c, value, self._quoted(c) if quoted else fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, fmt)
            elif isinstance(value, Amount):
                ws.write_number(r, c, value, self.formats["amount"])
            elif isinstance(value, Signed):
                ws.write_number(r, c, value, self.formats["signed"])
            elif isinstance(value, Number):
                ws.write_number(r, c, value, fmt)
            elif isinstance(value, datetime):
                ws.write_datetime(r, c, value, self.formats["moment"])
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, self.formats["day"])
            else:
                ws.write_string(r, c, str(value), fmt)
        self.next += 1

    def _quoted(self, column: int) -> Any:
        """The quote-prefixed format of a cell in `column` (wrapped as its column when that one is wide: a cell's
        own format replaces its column's)."""
        return self.formats["quoted_wrap" if column in self.wrapped else "quoted"]

    def fit(self) -> None:
        """Each fitted column as wide as its widest cell (header included), within MIN_WIDTH–MAX_WIDTH, and a
        filter on the header row of a table with rows (xlsxwriter writes the columns when the book closes)."""
        for c, width in self.widths.items():
            self.ws.set_column(c, c, max(MIN_WIDTH, min(MAX_WIDTH, width + 2)))
        if self.columns and self.next > 1:
            self.ws.autofilter(0, 0, self.next - 1, self.columns - 1)


# A fitted column's width in characters: a date or a short code still reads, a sentence wraps at the most.
MIN_WIDTH, MAX_WIDTH = 10, 50


def _drawn_width(value: Any) -> int:
    """How many characters wide a cell's value is drawn: a Chinese (East Asian wide) character counts two —
    UTF-8 gives it three bytes, a Latin letter with an accent two: (bytes - length) / 2 more than its length."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = value if isinstance(value, str) else str(value)
    if text.isascii():
        return len(text)
    longest = max(text.split("\n"), key=len)
    return len(longest) + (len(longest.encode("utf-8")) - len(longest)) // 2


class Workbook:
    """An XLSX file being written into `buf`; `sheet(title)` adds a worksheet, `close()` finishes it."""

    def __init__(self, buf: BinaryIO) -> None:
        self.wb = xlsxwriter.Workbook(
            buf,
            {
                "constant_memory": True,
                "in_memory": True,
                "strings_to_formulas": False,  # "=cmd" in a name stays text
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "remove_timezone": True,
            },
        )
        self.formats = {
            "header": self.wb.add_format({"bold": True, "bg_color": HEADER_FILL}),
            "moment": self.wb.add_format(
                {"num_format": spreadsheet_format(get_format("SHORT_DATETIME_FORMAT"))}
            ),
            "day": self.wb.add_format({"num_format": spreadsheet_format(get_format("SHORT_DATE_FORMAT"))}),
            "amount": self.wb.add_format({"num_format": "#,##0.00"}),
            "signed": self.wb.add_format({"num_format": "+0;-0;0"}),
            "wrap": self.wb.add_format({"text_wrap": True, "valign": "top"}),
            "quoted": self.wb.add_format({"quote_prefix": True}),
            "quoted_wrap": self.wb.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"}),
        }
        self.sheets: list[Sheet] = []

    def sheet(self, title: str) -> Sheet:
        return Sheet(self, title)

    def close(self) -> None:
        for sheet in self.sheets:
            sheet.fit()
        self.wb.close()


@dataclass(frozen=True)
class Book:
    """What every sheet reads: the map dict, the analysis dict and the deals exported."""

    data: dict[str, Any]
    analysis: dict[str, Any]
    deals: list[dict[str, Any]]

    def name(self, pid: Any) -> str:
        """A person's name as recorded (the people sheet's, which imports back)."""
        return self.people.get(pid, {}).get("name", "")

    def manager(self, pid: Any) -> str:
        """The "Reports to" cell of a person whose manager is `pid`, as the people import reads it back
        (`io.tabular.reporting_lines`): the manager's name; for a manager with a namesake in the account (two
        张强, where the name alone is refused as ambiguous) their e-mail, else their CRM id, else their Battlemap
        id (the sheet's first column: the import finds the row that carries it)."""
        person = self.people.get(pid, {})
        if not self.namesake(pid):
            return person.get("name", "")
        return person.get("email") or person.get("external_id") or str(pid)

    def namesake(self, pid: Any) -> str:
        """What tells a person from a namesake of the account ("心内科主任"; analysis "namesakes", the one rule of
        `maps.namesakes.namesake_notes`), "" for anyone whose name no one else bears."""
        return (self.analysis.get("namesakes") or {}).get(pid, "")

    def shown(self, pid: Any) -> str:
        """A person as the analysis' sentences and the pages name them (`maps.namesakes.shown_name`): a namesake
        with what tells them apart, "张强（心内科主任）" / "张强 (心内科主任)", anyone else by their name."""
        note = self.namesake(pid)  # most people have none: their name as it is, the 40,000 rows' fast road
        return shown_name(self.name(pid), note, active_language()) if note else self.name(pid)

    def user(self, username: str | None) -> str:
        """A user by the name every page shows (analysis "users"; the username when unknown)."""
        return (self.analysis.get("users") or {}).get(username or "", username or "")

    @cached_property
    def people(self) -> dict[Any, dict[str, Any]]:
        return {p["id"]: p for p in self.data.get("people") or []}


class wide(str):  # noqa: N801 – reads as a mark on the title: wide(pgettext("export", "Notes"), 40)
    """A column title whose column holds names or sentences: `width` characters wide, its text wrapped in the cell
    (a flag's reason, a meeting's summary), said beside the title so that a column added before it cannot move
    the width to another column (a new maintainer's trial: the widths were keyed by column index)."""

    width: int

    def __new__(cls, title: str, width: int) -> wide:
        made = super().__new__(cls, title)
        made.width = width
        return made


def write_header(ws: Sheet, titles: list[str]) -> None:
    """The bold first row, frozen, with a filter, and the column widths: a title given as `wide(title, width)`
    makes its column that wide, its text wrapped; any other column is as wide as its widest cell, the title
    included (`Sheet.fit`, when the book closes)."""
    ws.ws.freeze_panes(1, 0)
    ws.columns = len(titles)
    for i, title in enumerate(titles):
        if isinstance(title, wide):
            ws.ws.set_column(i, i, title.width, ws.formats["wrap"])
            ws.wrapped.add(i)
        else:
            ws.widths[i] = 0
    ws.write([str(title) for title in titles], ws.formats["header"])


def day_cell(text: str | None) -> date | None:
    """A map-format day (ISO 8601) as a date cell, as every date of the workbook is; None when there is none."""
    return date.fromisoformat(text) if text else None


def local_moment(text: str | None, zone: Any = None) -> datetime | str:
    """A map-format timestamp (ISO 8601, stored in UTC) as the naive local date-time a spreadsheet shows,
    in TIME_ZONE, the zone every page shows it in (`zone`, when the caller looked it up once); "" when
    there is none."""
    if not text:
        return ""
    moment = datetime.fromisoformat(text)
    if timezone.is_aware(moment):
        moment = moment.astimezone(zone or timezone.get_current_timezone())
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def write_row(ws: Sheet, values: list[Any]) -> None:
    """Write the next row (constant time: never ask a sheet how many rows it has)."""
    ws.write([clean_control(v) if isinstance(v, str) else v for v in values])
