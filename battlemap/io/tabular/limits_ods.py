"""The bounds of an OpenDocument spreadsheet (.ods), checked before python-calamine lays its sheets out
(`limits_xlsx.check_xlsx` calls `check_ods` for a zip holding `content.xml`): the cells its repeated rows and cells
stand for (docs/security.md, "Hostile files")."""

from __future__ import annotations

import zipfile
from typing import IO, Any
from xml.etree.ElementTree import ParseError, iterparse

from .limits import (
    CHUNK,
    MEGABYTE,
    LimitExceeded,
    Limits,
    column_letters,
    declares_dtd,
    limits,
    too_far,
)

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell")


class _Budgeted:
    """A zip member read through `budget` (`_stream`'s): past the uncompressed bytes allowed, refused."""

    def __init__(self, member: IO[bytes], budget: list[int]) -> None:
        self.member, self.budget = member, budget

    def read(self, size: int = -1) -> bytes:
        chunk = self.member.read(size if 0 < size <= CHUNK else CHUNK)
        self.budget[0] -= len(chunk)
        if self.budget[0] < 0:
            raise LimitExceeded("size", limits().uncompressed_bytes // MEGABYTE)
        return chunk


class _OdsSheet:
    """What one sheet (`table:table`) of an ODS stands for once its repeats (`table:number-rows-repeated`,
    `table:number-columns-repeated`) are laid out: rows and cells holding a value, their text, the farthest
    one. Repeats of empty cells and rows (LibreOffice ends every sheet with a million empty rows) count for
    nothing, as empty cells of an XLSX (`check_rows`)."""

    def __init__(self, bound: Limits) -> None:
        self.bound = bound
        self.row = 0  # the number of the last row laid out
        self.filled_rows = self.cells = self.text = self.far_column = 0
        self.start_row()

    def start_row(self) -> None:
        self.column = self.row_cells = self.row_text = 0
        self.past_column = 0  # the first column past the bound holding a value in this row

    def cell(self, element: Any) -> None:
        repeat = _repeated(element, "number-columns-repeated")
        text = "".join(element.itertext())
        if element.get(_ODS_OFFICE + "value-type") or text.strip():
            self.row_cells += repeat
            self.row_text += repeat * len(text)
            if self.column + repeat > self.bound.columns and not self.past_column:
                self.past_column = max(self.column, self.bound.columns) + 1
            self.far_column = max(self.far_column, self.column + repeat)
        self.column += repeat

    def end_row(self, element: Any) -> None:
        repeat = _repeated(element, "number-rows-repeated")
        first = self.row + 1
        self.row += repeat
        if self.row_cells:
            if self.past_column:
                raise LimitExceeded("columns", self.bound.columns, row=first, column=self.past_column)
            allowed = self.bound.rows + 1 - self.filled_rows  # + the header row
            if repeat > allowed:
                raise LimitExceeded("rows", self.bound.rows, row=first + allowed)
            self.filled_rows += repeat
            if self.cells + repeat * self.row_cells > self.bound.cells:  # name the row within the repeat
                passing = first + (self.bound.cells - self.cells) // self.row_cells
                raise LimitExceeded("cells", self.bound.cells, row=passing)
            self.cells += repeat * self.row_cells
            self.text += repeat * self.row_text
            if self.text > self.bound.sheet_text:
                raise LimitExceeded("text", self.bound.sheet_text)
            far = too_far(
                self.bound, self.row, self.far_column, f"{column_letters(self.far_column)}{self.row}"
            )
            if far is not None:
                raise far
        self.start_row()


def _repeated(element: Any, name: str) -> int:
    try:
        return max(1, int(element.get(_ODS_TABLE + name) or 1))
    except ValueError:
        return 1


def check_ods(book: zipfile.ZipFile, bound: Limits, budget: list[int]) -> None:
    """Refuse an ODS whose sheets stand for more than a bound allows once their repeats are laid out
    (`_OdsSheet`), before python-calamine lays them out. The XML is parsed one row at a time, each row dropped
    once counted: memory stays small. A DTD or broken XML: nothing to say here (the reader refuses it)."""
    try:
        with book.open("content.xml") as head:
            if declares_dtd(head):
                return
        with book.open("content.xml") as member:
            depth = in_cell = 0  # tables open (a table nested in a cell: 2); cells open
            sheet = _OdsSheet(bound)
            parents: list[Any] = []
            for event, element in iterparse(_Budgeted(member, budget), events=("start", "end")):
                tag = element.tag
                if event == "start":
                    parents.append(element)
                    if tag == _ODS_TABLE + "table":
                        depth += 1
                        if depth == 1:
                            sheet = _OdsSheet(bound)
                    elif tag in _ODS_CELLS:
                        in_cell += 1
                    continue
                parents.pop()
                if tag == _ODS_TABLE + "table":
                    depth -= 1
                elif tag in _ODS_CELLS:
                    in_cell -= 1
                    if depth == 1 and not in_cell:
                        sheet.cell(element)
                elif tag == _ODS_TABLE + "table-row" and depth == 1:
                    sheet.end_row(element)
                if parents and not in_cell:  # counted: dropped, so memory stays flat
                    parents[-1].remove(element)
    except (ParseError, zipfile.BadZipFile, OSError, EOFError, KeyError, NotImplementedError, RuntimeError):
        return
