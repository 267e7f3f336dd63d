"""What python-calamine does not read of a LibreOffice / OpenOffice Calc sheet (.ods): its merged cells and its
hidden rows and columns — the same two things `workbook` reads of an XLSX sheet, so both formats follow one
rule (`table.table_of`: merged cells below the header filled down, hidden rows and columns skipped and named).

ODS writes them in the sheet's `content.xml` (OpenDocument 1.2, part 1, §9.1–9.2): a merged range as
`table:number-rows-spanned` / `table:number-columns-spanned` on its first cell (the cells it covers are
`table:covered-table-cell`), a hidden row or column as `table:visibility="collapse"` (hidden) or `"filter"`
(filtered out by an autofilter: Excel marks both `hidden="1"`), rows and columns repeated by
`table:number-rows-repeated` / `table:number-columns-repeated`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from .table import ReadError

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
HIDDEN = ("collapse", "filter")
MAX_COLUMNS = 16384  # the widest sheet a spreadsheet program writes (XFD, as `workbook.hidden_rows_columns`)
DTD_SCAN = 4096  # a DTD comes before the root element


@dataclass
class SheetMarks:
    """A sheet's merged ranges ((first row, first column), (last row, last column)), 0-based and inclusive as
    python-calamine gives an XLSX's; its hidden rows that hold something (spreadsheet numbers, 1-based); its
    hidden columns (0-based)."""

    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def is_ods(data: bytes | Path | str) -> bool:
    """Whether `data` is an OpenDocument spreadsheet: a zip whose `mimetype` member says so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            return book.read("mimetype").strip() == MIMETYPE
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return False


def sheet_marks(data: bytes | Path | str, sheet: str) -> SheetMarks:
    """The merged ranges and hidden rows and columns of the sheet named `sheet` (`SheetMarks`); none when the
    file holds no such sheet. Raises ReadError("xlsx", reason="dtd") for a `content.xml` that declares a DTD
    (never written by a spreadsheet program: the way of entity attacks), as `workbook.unreadable` says it.
    Memory stays small: rows are parsed one by one and dropped."""
    marks = SheetMarks()
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            with book.open("content.xml") as head:
                start = head.read(DTD_SCAN)
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                raise ReadError("xlsx", reason="dtd")
            with book.open("content.xml") as member:  # bounded: limits.check_xlsx measured it before
                _read(member, sheet, marks)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return SheetMarks()
    except ParseError:
        return SheetMarks()  # calamine read the cells; what it could, the table keeps
    return marks


def _read(member, sheet: str, marks: SheetMarks) -> None:
    depth = 0  # tables open: 1 inside the sheet, more inside a table nested in one of its cells
    row = column = 0
    row_repeat, row_hidden, row_filled = 1, False, False
    column_at = 0  # of the <table:table-column> declarations
    parents: list = []  # the open elements: a row read is taken out of its parent, so memory stays flat
    for event, element in iterparse(member, events=("start", "end")):
        tag = element.tag
        if event == "start":
            parents.append(element)
        else:
            parents.pop()
            if tag == _TABLE + "table-row" and parents:
                parents[-1].remove(element)
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
            column_at += repeat
        elif tag == _TABLE + "table-row":
            if event == "start":
                row_repeat = _count(element, "number-rows-repeated")
                row_hidden = element.get(_TABLE + "visibility") in HIDDEN
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
            if element.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"):
                row_filled = True
            column += repeat
        elif tag == _OFFICE_TEXT + "p" and event == "end" and (element.text or len(element)):
            row_filled = True


def _count(element, name: str) -> int:
    """A repeat or span count of `element` (1 when absent or not a positive number)."""
    try:
        return max(1, int(element.get(_TABLE + name) or 1))
    except ValueError:
        return 1
