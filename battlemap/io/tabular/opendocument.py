"""What python-calamine does not read of a LibreOffice / OpenOffice Calc sheet (.ods): its merged cells and its
hidden rows and columns — the same two things `workbook` reads of an XLSX sheet, so both formats follow one
rule (`table.table_of`: merged cells below the header filled down, hidden rows and columns skipped and named).

ODS writes them in the sheet's `content.xml` (OpenDocument 1.2, part 1, §9.1–9.2): a merged range as
`table:number-rows-spanned` / `table:number-columns-spanned` on its first cell (the cells it covers are
`table:covered-table-cell`), a hidden row or column as `table:visibility="collapse"` (hidden) or `"filter"`
(filtered out by an autofilter: Excel marks both `hidden="1"`), rows and columns repeated by
`table:number-rows-repeated` / `table:number-columns-repeated`.

It also reads what a number cell shows that its value does not say, as `shown` does for XLSX and .xls: a
number whose style pads it with zeros (`013800138000` shown, `13800138000` stored), puts text around it
(`A0101`) or shows it as a percent (`15%`) is read as shown. The cell's style (`table:style-name`, else its
row's or column's `table:default-cell-style-name`) is a `style:style` of the table-cell family whose
`style:data-style-name` names a `number:number-style` or `number:percentage-style` (§16.27.2, §16.27.9; in
content.xml's automatic styles or styles.xml's); one holding a single `number:number` (its
`number:min-integer-digits`, decimals and grouping) among `number:text` parts is read as the Excel format it
is (`"A"0000`, `000000000000`, `0%`) by `shown.shown_text`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from .limits import declares_dtd
from .shown import shown_text, shows_more
from .table import ReadError

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
HIDDEN = ("collapse", "filter")
MAX_COLUMNS = 16384  # the widest sheet a spreadsheet program writes (XFD, as `workbook.hidden_rows_columns`)
PADDED_REPEAT = 10_000  # a zero-padded number repeated over more cells than this is left as calamine reads it


@dataclass
class SheetMarks:
    """A sheet's merged ranges ((first row, first column), (last row, last column)), 0-based and inclusive as
    python-calamine gives an XLSX's; its hidden rows that hold something (spreadsheet numbers, 1-based); its
    hidden columns (0-based)."""

    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    # numbers read as shown (zero-padded, with text, percents): (spreadsheet row, 0-based column) -> the text,
    # as `shown.xlsx_shown`
    padded: dict[tuple[int, int], str] = field(default_factory=dict)


def is_ods(data: bytes | Path | str) -> bool:
    """Whether `data` is an OpenDocument spreadsheet: a zip whose `mimetype` member says so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            return book.read("mimetype").strip() == MIMETYPE
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return False


def sheet_marks(data: bytes | Path | str, sheet: str) -> SheetMarks:
    """The merged ranges, hidden rows and columns and numbers read as shown of the sheet named `sheet`
    (`SheetMarks`); none when the file holds no such sheet. Raises ReadError("xlsx", reason="dtd") for a
    `content.xml` or `styles.xml` that declares a DTD (never written by a spreadsheet program: the way of entity
    attacks), as `workbook.unreadable` says it. Memory stays small: rows are parsed one by one and dropped."""
    marks = SheetMarks()
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            styles = _Styles()
            if "styles.xml" in book.namelist():  # the common styles; content.xml adds its automatic ones
                _no_dtd(book, "styles.xml")
                with book.open("styles.xml") as member:
                    for _event, element in iterparse(member, events=("end",)):
                        styles.take(element)
            _no_dtd(book, "content.xml")
            with book.open("content.xml") as member:  # bounded: limits_xlsx.check_xlsx measured it before
                _read(member, sheet, marks, styles)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return SheetMarks()
    except ParseError:
        return SheetMarks()  # calamine read the cells; what it could, the table keeps
    return marks


def _no_dtd(book: zipfile.ZipFile, name: str) -> None:
    with book.open(name) as head:
        if declares_dtd(head):
            raise ReadError("xlsx", reason="dtd")


class _Styles:
    """The cell styles whose number style shows more than the number: style name -> the format code
    (`000000000000`, `"A"0000`, `0.0%`)."""

    def __init__(self) -> None:
        self.padded_codes: dict[str, str] = {}  # number style name -> code
        self.data_style: dict[str, str] = {}  # cell style name -> its number style's name

    def take(self, element) -> None:  # noqa: ANN001 — an element at its end
        """Note `element` when it is a number style or a table-cell style."""
        if element.tag in (_NUMBER + "number-style", _NUMBER + "percentage-style"):
            code = _format_code(element)
            if code:
                self.padded_codes[element.get(_STYLE + "name", "")] = code
        elif element.tag == _STYLE + "style" and element.get(_STYLE + "family") == "table-cell":
            data_style = element.get(_STYLE + "data-style-name")
            if data_style:
                self.data_style[element.get(_STYLE + "name", "")] = data_style

    def padded(self, cell_style: str | None) -> str | None:
        return self.padded_codes.get(self.data_style.get(cell_style or "", ""))


def _format_code(style) -> str | None:  # noqa: ANN001
    """A `number:number-style` or `number:percentage-style` as the Excel format code it is (`"A"0000`, `0.0%`,
    `000000000000`) when it shows more than the number (`shown.shows_more`), else None: one `number:number`
    among `number:text` parts; a condition (`style:map`), a fill character, a fraction or scientific notation
    are left as python-calamine reads the number."""
    percent = style.tag == _NUMBER + "percentage-style"
    code, numbers = [], 0
    for part in style:
        if part.tag == _STYLE + "text-properties":
            continue
        if part.tag == _NUMBER + "text":
            text = part.text or ""
            if '"' in text:
                return None
            code.append("%".join(f'"{piece}"' if piece else "" for piece in text.split("%")) if percent
                        else f'"{text}"' if text else "")  # fmt: skip
        elif part.tag == _NUMBER + "number":
            numbers += 1
            try:
                whole = int(part.get(_NUMBER + "min-integer-digits") or 1)
                decimals = int(part.get(_NUMBER + "decimal-places") or 0)
                least = int(part.get(_NUMBER + "min-decimal-places") or decimals)
            except ValueError:
                return None
            digits = ("#,##" if part.get(_NUMBER + "grouping") == "true" else "") + ("0" * whole or "#")
            if decimals:
                digits += "." + "0" * min(least, decimals) + "#" * max(decimals - least, 0)
            code.append(digits)
        else:
            return None
    joined = "".join(code)
    return joined if numbers == 1 and shows_more(joined) else None


def _read(member, sheet: str, marks: SheetMarks, styles: _Styles) -> None:
    depth = 0  # tables open: 1 inside the sheet, more inside a table nested in one of its cells
    row = column = 0
    row_repeat, row_hidden, row_filled, row_style = 1, False, False, None
    column_at = 0  # of the <table:table-column> declarations
    column_styles: list[tuple[int, int, str]] = []  # (first, last + 1, default cell style) of the columns
    parents: list = []  # the open elements: a row read is taken out of its parent, so memory stays flat
    for event, element in iterparse(member, events=("start", "end")):
        tag = element.tag
        if event == "start":
            parents.append(element)
        else:
            parents.pop()
            if tag == _TABLE + "table-row" and parents:
                parents[-1].remove(element)
            elif not depth:  # the automatic styles, before the sheets
                styles.take(element)
        if tag == _TABLE + "table":
            if event == "start" and (depth or element.get(_TABLE + "name") == sheet):
                depth += 1
            elif event == "end" and depth:
                depth -= 1
                if depth == 0:
                    return
            continue
        if depth != 1:
            continue
        if tag == _TABLE + "table-column" and event == "start":
            repeat = _count(element, "number-columns-repeated")
            if element.get(_TABLE + "visibility") in HIDDEN:
                marks.hidden_columns |= set(range(column_at, min(column_at + repeat, MAX_COLUMNS)))
            if element.get(_TABLE + "default-cell-style-name"):
                column_styles.append(
                    (column_at, column_at + repeat, element.get(_TABLE + "default-cell-style-name"))
                )
            column_at += repeat
        elif tag == _TABLE + "table-row":
            if event == "start":
                row_repeat = _count(element, "number-rows-repeated")
                row_hidden = element.get(_TABLE + "visibility") in HIDDEN
                row_style = element.get(_TABLE + "default-cell-style-name")
                row_filled, column = False, 0
            else:
                if row_hidden and row_filled:  # an empty hidden row is blank anyway: never listed
                    marks.hidden_rows |= set(range(row + 1, row + row_repeat + 1))
                row += row_repeat
        elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell") and event == "start":
            repeat = _count(element, "number-columns-repeated")
            rows_spanned = _count(element, "number-rows-spanned")
            columns_spanned = _count(element, "number-columns-spanned")
            if tag == _TABLE + "table-cell" and (rows_spanned > 1 or columns_spanned > 1):
                marks.merged.append(((row, column), (row + rows_spanned - 1, column + columns_spanned - 1)))
            if element.get(_OFFICE + "value-type"):
                row_filled = True
            if element.get(_OFFICE + "value-type") in ("float", "percentage"):
                style = (
                    element.get(_TABLE + "style-name") or row_style or _column_style(column_styles, column)
                )
                code = styles.padded(style)
                if code and repeat * row_repeat <= PADDED_REPEAT:
                    text = _shown_number(element.get(_OFFICE + "value"), code)
                    for r in range(row + 1, row + row_repeat + 1) if text else ():
                        for c in range(column, column + repeat):
                            marks.padded[(r, c)] = text
            column += repeat
        elif tag == _OFFICE_TEXT + "p" and event == "end" and (element.text or len(element)):
            row_filled = True


def _column_style(columns: list[tuple[int, int, str]], column: int) -> str | None:
    return next((style for first, end, style in columns if first <= column < end), None)


def _shown_number(value: str | None, code: str) -> str | None:
    try:
        return shown_text(float(value or ""), code)
    except ValueError:
        return None


def _count(element, name: str) -> int:
    """A repeat or span count of `element` (1 when absent or not a positive number)."""
    try:
        return max(1, int(element.get(_TABLE + name) or 1))
    except ValueError:
        return 1
