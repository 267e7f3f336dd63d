"""Read a spreadsheet file (CSV, XLSX, or an old .xls / WPS .et) into a plain table of cells.

Cells keep the value the user sees: numbers Excel stores as numbers become their text
(`13900000002`, never `13900000002.0`), dates stay dates. Row numbers are the spreadsheet's.

Where the table starts and ends (issue #14, kind 3): title and notes rows above the header are skipped
(the header is the row, among the first ones, that holds the most recognised column names); a two-row
header with merged group cells is read as one (a blank cell under a group takes the group's name, a
sub-header under a merged group label names its column); the footer lines report exports end with (grand
totals, confidentiality and copyright notices, who drew up or checked the list and when) are dropped and
listed; one-cell heading rows inside a hand-kept list (`信息中心（3人）`) are no people: they are listed and
name the unit of the people below them when the file has no department column; in a workbook the first
visible sheet is read. The table says which sheet, which header row, which
encoding (`battlemap.io.text.decode`, the one detector) and which footer rows it took.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from battlemap.io.text import CHOICES, NAMES, DoubtfulError, UndecodableError, decode

from . import limits
from .columns import header_score

HEADER_SCAN_ROWS = 30  # the header is looked for among this many first non-blank rows
LINES_NAMED = 20  # a message names this many unreadable lines, then "…"
FOOTER_RE = re.compile(
    r"grand totals?|^totals?\b|subtotal|confidential|do not distribute|copyright|\(c\)|©|all rights reserved|"
    r"generated (by|on|at)|^report (generated|run)|^filtered by|^page \d|合计|总计|小计|机密|保密|版权所有|"
    r"导出时间|生成时间|报表生成|共\s*\d+\s*(条|人|行)|导出(人|者|于|日期)|制表(人|日期|时间)?[:：]|"
    r"打印(人|时间|日期)|^(exported|printed|run) (by|on|at)\b|"
    # who drew up, filled in, checked or approved the list, and when (a signature line, often in several cells)
    r"^(制表|填表|填报|编制|审核|复核|审批|批准|核对|经办|统计)(人|日期|时间|单位)\s*[:：]|"
    r"^(prepared|checked|reviewed|approved|compiled) (by|on)\s*:",
    re.IGNORECASE,
)
# A totals row may fill more than one cell (`合计,,2 人`, `Total,,,3`): it and the lines after it are the
# footer when its first cell says so.
TOTALS_RE = re.compile(r"^\s*((grand\s+)?totals?|合计|总计|小计|共计)\s*([:：(（\d]|$)", re.IGNORECASE)
# A hand-kept list groups its people under one-cell heading rows (`信息中心（3人）`, `Sales team (4 people)`,
# `财务部：`). Such a row is no person: it is listed, and the people below it belong to that unit.
SECTION_COUNT_RE = re.compile(
    r"^(?P<unit>.+?)\s*[（(]\s*(共\s*)?\d+\s*(人|名|位|people|persons?|members?|staff)\s*[)）]\s*[:：]?$",
    re.IGNORECASE,
)
SECTION_UNIT_RE = re.compile(
    r"^(?P<unit>.+?(部|中心|处|科|室|组|团队|事业部|分公司|子公司|办公室|委员会|"
    r"department|dept\.?|team|division|group|office))\s*[:：]?$",
    re.IGNORECASE,
)


SEP_LINE = re.compile(r"^sep=([,;\t|])[ \t]*\r?\n", re.IGNORECASE)
# the same line at the end of the file (a tool that appended it, or a file put together from two)
SEP_TAIL = re.compile(r"\r?\nsep=([,;\t|])[ \t]*[\r\n]*\Z", re.IGNORECASE)


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
    header_row: int = 1  # spreadsheet row number of the header (the lower one of a two-row header)
    group_row: int | None = None  # the row of merged group cells above it, when there is one
    skipped_above: list[int] = field(default_factory=list)  # title / notes rows above the header
    footer: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of footer lines dropped
    sections: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of heading rows dropped
    unit_of_row: dict[int, str] = field(default_factory=dict)  # data row number -> the heading's unit above
    delimiter: str | None = None  # CSV only
    # XLSX only: formula cells saved without their value, (row, column) -> formula (workbook.unsaved_formulas)
    unsaved_formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def cell_text(value: Any) -> Any:
    """Normalise one cell: integral floats to their digits, datetimes at midnight to dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))
        return repr(value)
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


def _blank(row: list[Any]) -> bool:
    return all(c == "" or c is None for c in row)


def _filled(row: list[Any]) -> list[Any]:
    return [c for c in row if not (c == "" or c is None)]


def _with_groups(upper: list[Any], lower: list[Any]) -> list[str]:
    """A two-row header as one: a blank cell of the lower row takes the cell above (`姓名` merged down)."""
    width = max(len(upper), len(lower))
    upper = list(upper) + [""] * (width - len(upper))
    lower = list(lower) + [""] * (width - len(lower))
    return [
        str(lo).strip() if str(lo).strip() else str(up).strip() for up, lo in zip(upper, lower, strict=True)
    ]


def _sub_header(upper: list[Any], lower: list[Any]) -> bool:
    """Whether `lower` may be the second row of a two-row header under `upper`: it fills more cells
    (group cells above: `基本信息` over `职务`, `部门`), or it names columns only under group labels and blanks
    (`序号`, `姓名`, `部门` merged down over both rows, `手机` and `邮箱` under `联系方式`) — never under a
    column `upper` already names, as a data row does. `_find_header` takes the pair only when it names more
    columns than either row alone."""
    if len(_filled(upper)) < len(_filled(lower)):
        return True
    named = [header_score([str(c).strip()]) > 0 for c in upper]
    return all(
        not (c < len(named) and named[c]) for c, cell in enumerate(lower) if not (cell == "" or cell is None)
    )


def _find_header(rows: list[list[Any]], start: int) -> tuple[int, int | None, list[str]]:
    """(index of the header row, index of a group row above it or None, the header cells)."""
    candidates = [i for i in range(start, len(rows)) if not _blank(rows[i])][:HEADER_SCAN_ROWS]
    best: tuple[int, int, int | None, list[str]] | None = None
    for pos, i in enumerate(candidates):
        cells = [str(c).strip() for c in rows[i]]
        score, group = header_score(cells), None
        above = candidates[pos - 1] if pos else None
        if above is not None and above == i - 1 and _sub_header(rows[above], rows[i]):
            merged = _with_groups(rows[above], rows[i])
            if header_score(merged) > score:
                cells, score, group = merged, header_score(merged), above
        if best is None or score > best[0]:
            best = (score, i, group, cells)
    if best is not None and best[0] >= 2:
        return best[1], best[2], best[3]
    # nothing recognised: the first row with two or more cells (a one-cell title above is skipped)
    first = next((i for i in candidates if len(_filled(rows[i])) >= 2), candidates[0])
    return first, None, [str(c).strip() for c in rows[first]]


def _footer(rows: list[list[Any]], numbers: list[int], width: int) -> int:
    """How many trailing data rows are a report's footer: the lines at the end that fill one cell, whose
    first cell is a totals label (`合计`, `Grand Totals (3 records)`) or whose every cell reads like a footer
    (`制表人：张三`, `制表日期：2026-11-30`), from the first that reads like a footer (grand totals,
    confidentiality, copyright, who exported, drew up or checked it) or that follows a blank row."""
    if width < 2:
        return 0

    def first(row: list[Any]) -> str:
        filled = _filled(row)
        return str(filled[0]) if filled else ""

    def totals(row: list[Any]) -> bool:
        return bool(TOTALS_RE.match(first(row))) and str(row[0]).strip() != ""

    def signed(row: list[Any]) -> bool:
        """Every filled cell reads like a footer: `制表人：张三 | | 制表日期：2026-11-30`."""
        return all(FOOTER_RE.search(str(c)) for c in _filled(row))

    count = 0
    while count < len(rows):
        row = rows[len(rows) - 1 - count]
        if len(_filled(row)) != 1 and not totals(row) and not signed(row):
            break
        count += 1
    for k in range(len(rows) - count, len(rows)):
        after_gap = k > 0 and numbers[k] - numbers[k - 1] > 1
        if totals(rows[k]) or signed(rows[k]) or (len(_filled(rows[k])) == 1 and after_gap):
            return len(rows) - k
    return 0


def section_unit(text: str) -> str | None:
    """The unit a one-cell heading row names (`信息中心（3人）` -> `信息中心`), or None if it reads otherwise."""
    text = str(text).strip()
    match = SECTION_COUNT_RE.match(text) or SECTION_UNIT_RE.match(text)
    return match.group("unit").strip() if match else None


def _sections(
    data: list[list[Any]], numbers: list[int], width: int
) -> tuple[list[list[Any]], list[int], list[tuple[int, str]], dict[int, str]]:
    """Take the heading rows out of a table of three or more columns: (rows, their numbers, the headings
    as (row, text), each remaining row's unit from the heading above it)."""
    if width < 3:
        return data, numbers, [], {}
    rows, kept, sections, unit_of = [], [], [], {}
    unit = None
    for row, number in zip(data, numbers, strict=True):
        filled = _filled(row)
        heading = section_unit(filled[0]) if len(filled) == 1 and isinstance(filled[0], str) else None
        if heading:
            sections.append((number, filled[0]))
            unit = heading
            continue
        rows.append(row)
        kept.append(number)
        if unit:
            unit_of[number] = unit
    return rows, kept, sections, unit_of


def _table(
    raw: list[list[Any]],
    text_only: bool = False,
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    **meta: Any,
) -> Table:
    """The table of a sheet's cells; `merged` the sheet's merged ranges (0-based, inclusive), of which
    those below the header are filled (`_fill_merged`)."""
    _bounded(limits.check_rows, raw)
    if text_only:  # CSV: every cell is already text
        rows = [[c.strip() for c in r] for r in raw]
    else:
        rows = [[cell_text(c) for c in r] for r in raw]
    start = next((i for i, r in enumerate(rows) if not _blank(r)), None)
    if start is None:
        raise ReadError("empty", sheet=meta.get("sheet"))
    h, group, headers = _find_header(rows, start)
    if merged:  # the header's own merges are read by `_find_header` (group cells, `姓名` merged down)
        _fill_merged(rows, [m for m in merged if m[0][0] > h])
    headers = [str(x).strip().lstrip("\ufeff") for x in headers]
    while headers and headers[-1] == "":
        headers.pop()
    width = len(headers)
    data, numbers = [], []
    for i in range(h + 1, len(rows)):
        r = rows[i]
        if _blank(r):
            continue
        r = (r + [""] * width)[:width] if len(r) != width else r
        data.append(r)
        numbers.append(i + 1)
    n_footer = _footer(data, numbers, width)
    footer = [
        (numbers[k], " ".join(str(c) for c in _filled(data[k])))
        for k in range(len(data) - n_footer, len(data))
    ]
    if n_footer:
        data, numbers = data[:-n_footer], numbers[:-n_footer]
    data, numbers, sections, unit_of_row = _sections(data, numbers, width)
    above = [i + 1 for i in range(start, group if group is not None else h) if not _blank(rows[i])]
    return Table(
        headers=headers,
        rows=data,
        row_numbers=numbers,
        header_row=h + 1,
        group_row=group + 1 if group is not None else None,
        skipped_above=above,
        footer=footer,
        sections=sections,
        unit_of_row=unit_of_row,
        **meta,
    )


def _bounded(check, *args: Any) -> None:
    """Run a check of `limits` (before the reader allocates); past a bound, ReadError names it."""
    try:
        check(*args)
    except limits.LimitExceeded as exc:
        raise ReadError(str(exc), **({"row": exc.row} if exc.row else {})) from None


def read_csv(data: bytes, encoding: str | None = None) -> Table:
    """Read CSV (or tab-separated "Unicode text") bytes; `encoding` forces one (the preview's choice)."""
    try:
        decoded = decode(data, encoding or None, by_line=True, refuse_doubtful=True)
    except DoubtfulError as exc:
        if _binary(data, ()):
            raise ReadError("binary") from exc
        raise ReadError("encoding_doubt", value=NAMES.get(str(exc), str(exc)), sample=exc.sample) from exc
    except UndecodableError as exc:
        if _binary(data, exc.lines):
            raise ReadError("binary") from exc
        if exc.lines:
            named = ", ".join(map(str, exc.lines[:LINES_NAMED])) + (
                ", …" if len(exc.lines) > LINES_NAMED else ""
            )
            raise ReadError("encoding_lines", lines=named) from exc
        raise ReadError("encoding", value=encoding or "") from exc
    text = decoded.text.lstrip("\ufeff")
    hint = SEP_LINE.match(text)  # Excel's `sep=;` line names the delimiter and is no row
    if hint:
        text = text[hint.end() :]
    elif tail := SEP_TAIL.search(text):  # at the end too: never a person named "sep="
        text, hint = text[: tail.start()] + "\n", tail
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    if hint:
        dialect = type("Hinted", (csv.excel,), {"delimiter": hint.group(1)})
    _bounded(limits.check_csv_text, text, dialect.delimiter)
    raw: list[list[str]] = []  # filled record by record: a failing one is the next row
    try:
        if decoded.legacy_lines:
            legacy_rows = _records_and_rows(raw, text, dialect, decoded.legacy_lines, 1 if hint else 0)
        else:
            raw.extend(csv.reader(io.StringIO(text, newline=""), dialect))
            legacy_rows = []
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's bound, far past ours
            bound = limits.limits().cell_chars
            raise ReadError(f"limit_cell:{bound}", row=len(raw) + 1) from None
        raise ReadError("csv") from exc
    if text.count(dialect.quotechar or '"') % 2:
        _refuse_open_quote(text, dialect)
    return _table(
        raw,
        text_only=True,
        encoding=decoded.label,
        codec=decoded.encoding,
        alternatives=tuple(c for c in CHOICES if c != decoded.encoding and c in decoded.alternatives),
        legacy=decoded.legacy,
        legacy_rows=legacy_rows,
        delimiter=dialect.delimiter,
    )


def _binary(data: bytes, unreadable: tuple[int, ...] | list[int]) -> bool:
    """Whether bytes that no encoding reads are no text at all (an image, an archive, random bytes named
    .csv) rather than a text file with a few damaged lines: they hold a NUL byte (only UTF-16 text does, and
    it was not that), or most of their lines are unreadable."""
    return b"\x00" in data or len(unreadable) * 2 > data.count(b"\n") + 1


def _refuse_open_quote(text: str, dialect: Any) -> None:
    """A quoted cell that never closes (a file cut short, a stray quote): the lax reader would take the rest
    of the file into that cell. Refused naming the row where it opens."""
    strict = type("Strict", (dialect,), {"strict": True})  # the sniffed (or hinted) dialect, strict
    reader = csv.reader(io.StringIO(text, newline=""), strict)
    count = 0
    try:
        for _record in reader:
            count += 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ReadError("open_quote", row=count + 1) from None


def _records_and_rows(
    raw: list[list[str]], text: str, dialect: Any, lines: tuple[int, ...], offset: int
) -> list[int]:
    """The CSV records, appended to `raw`, and the row numbers of the records that hold one of `lines`
    (1-based lines of the file; `offset` lines, a `sep=` line, come before `text`) — a quoted field may
    span lines."""
    wanted = {n - offset for n in lines}
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[int] = []
    last = 0
    for record in reader:
        raw.append(record)
        if any(last < n <= reader.line_num for n in wanted):
            rows.append(len(raw))
        last = reader.line_num
    return rows


def _fill_merged(raw: list[list[Any]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A cell merged down over several rows (`信息中心` beside each of its people) holds its value only in
    its first cell: give it to every cell of the range. Ranges one row high (a heading across a row) are
    left as they are."""
    for (r0, c0), (r1, c1) in ranges:
        if r1 <= r0 or r0 >= len(raw) or c0 >= len(raw[r0]):
            continue
        value = raw[r0][c0]
        for r in range(r0, min(r1, len(raw) - 1) + 1):
            row = raw[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value


def read_table(
    data: bytes,
    filename: str,
    sheet: str | None = None,
    engine: str = "calamine",
    encoding: str | None = None,
) -> Table:
    """Read CSV, XLSX or an old .xls by the file's first bytes, else its name."""
    lower = filename.lower()
    if data[:4] == b"\xd0\xcf\x11\xe0":  # an OLE file: an old .xls, WPS .et — or a password-protected XLSX
        try:
            return read_xlsx(data, sheet=sheet)
        except ReadError as exc:
            if str(exc) != "xlsx":
                raise
            raise ReadError("xls") from exc
    if lower.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return read_xlsx(data, sheet=sheet, engine=engine)
    return read_csv(data, encoding=encoding)


from .workbook import read_xlsx  # noqa: E402  (the workbook reader builds its table with `_table` above)
