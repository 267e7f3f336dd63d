"""A sheet's cells as the importer reads them (`Table`): the header found, the data rows with their spreadsheet
row numbers, headings, notes and footers taken apart (`layout`), each cell as the user sees it (`cell_text`);
and `ReadError`, what every reader raises for a file it cannot read as a table. The CSV and workbook readers
(`readers`, `workbook`) both build their table here; the vCard reader (`vcards`) its own, one row per card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .columns import DYNAMICS_PREFIXES, header_fields, header_key
from .layout import (
    blank,
    fill_merged,
    find_header,
    join_continuations,
    take_notes,
    take_repeated_headers,
    take_sections,
)
from .report_groups import take_groups


class ReadError(Exception):
    """The file cannot be read as a table (wrong type, unknown encoding, missing sheet, no name column).

    `str(error)` is the code (`sheet:Contacts`); `params` carries what the message names (row, sheet)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.params = params


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # data rows, blank ones dropped
    row_numbers: list[int]  # spreadsheet row number of each data row
    encoding: str | None = None  # CSV only: the label of the encoding used (`GB18030`)
    codec: str | None = None  # CSV only: its codec name, as `decode(data, codec)` takes it
    alternatives: tuple[str, ...] = ()  # CSV only: other codecs that also decoded the bytes
    legacy: str | None = None  # CSV read line by line: the legacy codec of some rows (`gb18030`)
    legacy_rows: list[int] = field(default_factory=list)  # and those rows' numbers (the others are UTF-8)
    sheet: str | None = None  # XLSX only: which sheet was read
    sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)  # XLSX: hidden sheets passed over
    empty_sheets: list[str] = field(default_factory=list)  # XLSX: empty visible sheets passed over
    note_sheets: list[str] = field(default_factory=list)  # XLSX: visible sheets without a header passed over
    people_sheets: list[str] = field(default_factory=list)  # XLSX: other visible sheets of people, not read
    header_row: int = 1  # spreadsheet row number of the header (the lower one of a two-row header)
    group_row: int | None = None  # the row of merged group cells above it, when there is one
    skipped_above: list[int] = field(default_factory=list)  # title / notes rows above the header
    footer: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of footer lines dropped
    notes: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of note rows among the people
    sections: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of heading rows dropped
    repeated_headers: list[tuple[int, str]] = field(
        default_factory=list
    )  # (row, text) of rows repeating the header
    # a report's group rows dropped: (row, text, the header of the column their value fills below them)
    groups: list[tuple[int, str, str]] = field(default_factory=list)
    unit_of_row: dict[int, str] = field(default_factory=dict)  # data row number -> the heading's unit above
    delimiter: str | None = None  # CSV only
    # XLSX only: formula cells saved without their value, (row, column) -> `=formula`, and error cells -> `#N/A`
    # (workbook.unsaved_formulas)
    unsaved_formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: list[int] = field(default_factory=list)  # XLSX: hidden rows below the header, skipped
    hidden_columns: list[str] = field(
        default_factory=list
    )  # XLSX: hidden columns (letters) that held something
    # XLSX / .xls: the workbook counts its dates from 1904 (a serial in a date column: dates.MAC_EPOCH)
    date1904: bool = False
    # vCard only: (card, its FN) of the cards of a company, not a person, passed over (`vcards._is_company`)
    company_cards: list[tuple[int, str]] = field(default_factory=list)
    cards: int = 0  # vCard only: the cards read, one row each, numbered 1, 2, 3 … (`vcards.read_vcards`)


def cell_text(value: Any) -> Any:
    """Normalise one cell: a number as the spreadsheet shows it, to 15 significant digits (a float's
    binary noise dropped: `13812345680.000002` is 13812345680, `0.1 + 0.2` is 0.3), whole ones as their
    digits; datetimes at midnight to dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        shown = f"{value:.15g}"  # a spreadsheet keeps 15 significant digits: the rest is binary noise
        if float(shown).is_integer() and abs(value) < 1e17:  # 13812345680.000002 is 13812345680 in Excel
            return str(int(float(shown)))
        return shown
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date()
        return value
    if isinstance(value, (dt.date, dt.time)):
        return value
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def table_of(
    raw: list[list[Any]],
    text_only: bool = False,
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    hide: tuple[set[int], set[int]] = (set(), set()),
    numbers: list[int] | None = None,
    **meta: Any,
) -> Table:
    """The table of a sheet's cells; `merged` the sheet's merged ranges (0-based, inclusive), of which
    those below the header are filled (`fill_merged`); `hide` the sheet's hidden rows (spreadsheet numbers)
    and columns (0-based): their cells are skipped as if empty, and the table names those that held something
    (`hidden_rows`, `hidden_columns`) for the preview and the summary to say. `numbers`: the spreadsheet row of
    each of `raw`'s rows, when they are not 1, 2, 3 … (a CSV keeps no list for its blank lines: `readers.read_csv`)."""
    number = numbers.__getitem__ if numbers is not None else (lambda i: i + 1)
    bounded(limits.check_rows, raw, numbers)
    hidden_rows, hidden_columns = hide
    shown_columns: list[str] = []
    for c in sorted(hidden_columns):
        if any(c < len(r) and _crm_record_id(r[c]) for r in raw):
            continue  # Dynamics 365 hides its "(Do Not Modify) Contact" id on purpose: re-imports match by it
        if any(c < len(r) and not _blank_cell(r[c]) for r in raw):
            shown_columns.append(limits.column_letters(c + 1))
            for r in raw:
                if c < len(r):
                    r[c] = None
    if text_only:  # CSV: every cell is already text
        rows = [[c.strip() for c in r] for r in raw]
    else:
        rows = [[cell_text(c) for c in r] for r in raw]
    start = next((i for i, r in enumerate(rows) if not blank(r)), None)
    if start is None:
        raise ReadError("empty", sheet=meta.get("sheet"))
    h, group, headers = find_header(rows, start)
    headers = [str(x).strip().lstrip("\ufeff") for x in headers]
    if merged:  # the header's own merges are read by `find_header` (group cells, `姓名` merged down)
        below = [m for m in merged if m[0][0] > h]
        fill_merged(rows, below)
        fields = {i: f for i, x in enumerate(headers) for f in header_fields([x])}
        for r0, r, c, one, other in join_continuations(rows, below, fields)[
            :1
        ]:  # the first: the file is refused
            raise ReadError(
                "merged_values", row=f"{number(r0)}–{number(r)}", column=headers[c], first=one, other=other
            )
    while headers and headers[-1] == "":
        headers.pop()
    width = len(headers)
    if text_only:  # CSV: text right of the last header is a cell split at a delimiter it held (never dropped)
        _refuse_text_beyond_header(rows, h, width, hidden_rows, number)
    data, kept = [], []
    skipped_hidden = []
    for i in range(h + 1, len(rows)):
        r = rows[i]
        if blank(r):
            continue
        if number(i) in hidden_rows:
            skipped_hidden.append(number(i))
            continue
        r = (r + [""] * width)[:width] if len(r) != width else r
        data.append(r)
        kept.append(number(i))
    # a report's group rows first (`Acme Corp (2)` over an empty Account Name), then heading rows (`财务部：` heads its
    # people), then the notes and footer lines, one rule wherever they stand
    data, kept, repeated = take_repeated_headers(
        data, kept, headers
    )  # `姓名,职务` again, or `Name,Title` below it
    data, kept, groups = take_groups(data, kept, headers)
    data, kept, sections, unit_of_row = take_sections(data, kept, width)
    data, kept, notes, footer = take_notes(data, kept)
    above = [number(i) for i in range(start, group if group is not None else h) if not blank(rows[i])]
    return Table(
        headers=headers,
        rows=data,
        row_numbers=kept,
        header_row=number(h),
        group_row=number(group) if group is not None else None,
        skipped_above=above,
        footer=footer,
        notes=notes,
        sections=sections,
        repeated_headers=repeated,
        groups=groups,
        unit_of_row=unit_of_row,
        hidden_rows=skipped_hidden,
        hidden_columns=shown_columns,
        **meta,
    )


def _refuse_text_beyond_header(
    rows: list[list[str]], h: int, width: int, hidden_rows: set[int], number: Callable[[int], int]
) -> None:
    """A CSV row below the header (row `h`, 0-based) with text in a column the header does not name: its cells were
    cut at a delimiter or quote that a cell held (or the file lost a header), so its values stand in the wrong
    fields; ReadError "beyond_header" naming the row, the column and the text — the table used to drop them silently
    (a new user's trial: `"Said ""yes, later"", then left"` had put "later" in the title). Blank extra cells
    (trailing delimiters) are nothing."""
    for i in range(h + 1, len(rows)):
        if number(i) in hidden_rows:
            continue
        extra = next((c for c in range(width, len(rows[i])) if rows[i][c]), None)
        if extra is not None:
            value = rows[i][extra]
            raise ReadError(
                "beyond_header",
                row=number(i),
                column=limits.column_letters(extra + 1),
                value=value if len(value) <= 40 else value[:40] + "…",
            )


def _crm_record_id(value: Any) -> bool:
    """A header of the record id a CRM export hides (`columns.DYNAMICS_PREFIXES`: "(Do Not Modify) Contact")."""
    return isinstance(value, str) and header_key(value).startswith(DYNAMICS_PREFIXES)


def _blank_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def bounded(check, *args: Any) -> None:
    """Run a check of `limits` (before the reader allocates); past a bound, ReadError names it."""
    try:
        check(*args)
    except limits.LimitExceeded as exc:
        raise ReadError(str(exc), **exc.params()) from None
