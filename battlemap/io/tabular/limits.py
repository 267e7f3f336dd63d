"""Bounds on every table read, checked before the reader allocates (docs/security.md, "Hostile files").

A spreadsheet is small on disk and can be huge once read: an XLSX whose one cell sits at XFD1048576 (or
whose `<dimension>` claims A1:XFD1048576) makes a reader allocate a grid of 17 billion cells; one shared
string can inflate a 300 KB file to 300 MB; a CSV line of a million commas is a million columns. So:

- XLSX: the zip's members are inspected first — declared total uncompressed size and compression ratio
  (a zip bomb), then each worksheet and the shared strings are streamed (never held whole) for the
  claimed dimension, the farthest cell, the number of rows and the longest cell text;
- CSV: the decoded text is scanned for the number of records and the widest record, quoted text aside;
- every table read: rows, columns and cell length again, on the cells themselves.

One bound holds for every format: the cells of a sheet (its rows × the columns they use, `IMPORT_MAX_CELLS`),
since what a reader holds grows with them, whatever the bytes on disk: an XLSX of 90,000 rows × 120 small numbers,
22 MB within every other bound, took 1.7 GB to read. It is counted while the XML or the text is scanned, before a
reader lays out the sheet: the cells holding a value, and the grid up to the farthest of them.

Only cells that hold something count: an empty cell that is only formatted (a bold cell at XFD2, a styled
row 200000, 300 trailing `,` of a CSV, a lone space) is no row or column of the table, and trailing empty rows
and columns are ignored. Past a bound, the error names the first row or column past it (`row`, `column`), or
the far cell that would make the sheet's grid larger than the largest table allowed (`cell`: rows × columns,
what a reader allocates for a sheet reaching that cell, at most the rows and columns bounds and IMPORT_MAX_CELLS).

A file past a bound raises `ReadError("limit_<what>:<bound>")`; `file_problems.file_message` turns it into
a translated sentence naming the limit and its setting. The bounds are settings (environment variables
IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELLS, IMPORT_MAX_CELL_CHARS, IMPORT_MAX_UNCOMPRESSED_MB,
IMPORT_MAX_COMPRESSION_RATIO; README, Configuration).
"""

from __future__ import annotations

import re
import zipfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError, iterparse

import numpy as np
from django.conf import settings
from django.utils.translation import pgettext_lazy

MEGABYTE = 1024 * 1024
CHUNK = MEGABYTE
SMALL_MEMBER = MEGABYTE  # members smaller than this inflate to little whatever their ratio
BYTES_PER_CHAR = (
    8  # worst case of one character in the XML (`&#x2028;`): the byte pre-check never refuses a legal cell
)

# The text one sheet may expand to, in characters: a shared string counted once for each cell that refers to it
# (and an inline string), a repeated ODS cell's text once for each cell it stands for. Written once, one string of
# 32,000 characters referred to by 100 rows × 249 cells (a 60 KB workbook within every other bound) made 800 million
# characters: 4 GB and 80 s. A full people file, IMPORT_MAX_ROWS (100,000) rows of name, title, department,
# e-mail, phones, address and a note, averages well under 500 characters a row: under this bound. Reading costs
# about 5 bytes a character (a tester's figure: 4 GB for 800 million), so one sheet's text stays under ~250 MB.
MAX_SHEET_TEXT_CHARS = 50_000_000

LIMIT_MESSAGES = {
    "limit_rows": pgettext_lazy(
        "import", "The file has more than %(value)s rows, the limit of one import (IMPORT_MAX_ROWS)."
    ),
    "limit_columns": pgettext_lazy(
        "import", "The file has more than %(value)s columns, the limit of one import (IMPORT_MAX_COLUMNS)."
    ),
    "limit_rows_at": pgettext_lazy(
        "import",
        "The file has more than %(value)s rows, the limit of one import (IMPORT_MAX_ROWS): row %(row)s is the "
        "first past it.",
    ),
    "limit_columns_at": pgettext_lazy(
        "import",
        "Row %(row)s holds a value in column %(column)s, past %(value)s columns, the limit of one import "
        "(IMPORT_MAX_COLUMNS).",
    ),
    "limit_far_cell": pgettext_lazy(
        "import",
        "The sheet reaches cell %(cell)s, beyond what one import reads (%(rows)s rows, IMPORT_MAX_ROWS; "
        "%(columns)s columns, IMPORT_MAX_COLUMNS): delete the rows and columns past your table, and save it again.",
    ),
    "limit_cell": pgettext_lazy(
        "import",
        "A cell of the file holds more than %(value)s characters, the limit of one cell (IMPORT_MAX_CELL_CHARS).",
    ),
    "limit_cell_row": pgettext_lazy(
        "import",
        "Row %(row)s: a cell holds more than %(value)s characters, the limit of one cell (IMPORT_MAX_CELL_CHARS).",
    ),
    "limit_size": pgettext_lazy(
        "import",
        "The workbook unpacks to more than %(value)s MB, the limit of one import (IMPORT_MAX_UNCOMPRESSED_MB).",
    ),
    "limit_ratio": pgettext_lazy(
        "import",
        "The workbook is compressed more than %(value)s times, which only a zip bomb is "
        "(IMPORT_MAX_COMPRESSION_RATIO).",
    ),
    "limit_text": pgettext_lazy(
        "import",
        "A sheet of the file repeats its texts into more than %(value)s characters, more than one import reads: "
        "it is not a table of people.",
    ),
    "limit_cells": pgettext_lazy(
        "import",
        "A sheet of the file holds more than %(value)s cells (its rows × the columns they use), the limit of one "
        "import (IMPORT_MAX_CELLS): delete the columns you do not import, or split the rows into several files.",
    ),
    "limit_cells_at": pgettext_lazy(
        "import",
        "A sheet of the file holds more than %(value)s cells (its rows × the columns they use), the limit of one "
        "import (IMPORT_MAX_CELLS): row %(row)s is the first past it. Delete the columns you do not import, or "
        "split the rows into several files.",
    ),
    "limit_far_cells": pgettext_lazy(
        "import",
        "The sheet reaches cell %(cell)s: its rows × columns come to more than %(value)s cells, the limit of one "
        "import (IMPORT_MAX_CELLS). Delete the rows and columns past your table, and save it again.",
    ),
    "csv": pgettext_lazy("import", "The file is not a readable CSV table."),
}


@dataclass(frozen=True)
class Limits:
    rows: int  # data rows (the header is not counted)
    columns: int
    cell_chars: int
    uncompressed_bytes: int
    ratio: int
    cells: int  # one sheet's rows × the columns they use (an ODS's repeats counted as what they stand for)
    sheet_text: int = MAX_SHEET_TEXT_CHARS  # characters one sheet's cells may hold, repeats counted


def limits() -> Limits:
    uncompressed = settings.IMPORT_MAX_UNCOMPRESSED_MB * MEGABYTE
    return Limits(
        rows=settings.IMPORT_MAX_ROWS,
        columns=settings.IMPORT_MAX_COLUMNS,
        cells=settings.IMPORT_MAX_CELLS,
        cell_chars=settings.IMPORT_MAX_CELL_CHARS,
        uncompressed_bytes=uncompressed,
        ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
        sheet_text=MAX_SHEET_TEXT_CHARS,
    )


class LimitExceeded(Exception):
    """Raised by the checks; readers turn it into their ReadError (code `limit_<what>:<bound>`, and the
    spreadsheet `row` when the check knows it)."""

    def __init__(
        self,
        what: str,
        bound: int,
        row: int | None = None,
        column: int | None = None,
        cell: str | None = None,
    ) -> None:
        super().__init__(f"limit_{what}:{bound}")
        self.row, self.column, self.cell = row, column, cell

    def params(self) -> dict[str, Any]:
        """What the message names: the row, the column (as its letters and number: `KO (301)`), the cell."""
        named = {"row": self.row, "cell": self.cell}
        if self.column:
            named["column"] = f"{column_letters(self.column)} ({self.column})"
        return {key: value for key, value in named.items() if value}


def too_far(bound: Limits, row: int, column: int, cell: str | None = None) -> LimitExceeded | None:
    """The error for a sheet reaching (`row`, `column`) when its grid is larger than the largest table allowed
    (row × column cells, what a reader allocates to lay out the sheet: at most (rows + 1) × columns, and at most
    `cells` — a header and 100,000 rows × 30 columns, with one note in column IV, took 1.4 GB); else None."""
    if row * column <= min((bound.rows + 1) * bound.columns, bound.cells):
        return None
    if row * column <= (bound.rows + 1) * bound.columns:
        return LimitExceeded("cells", bound.cells, cell=cell)
    what, limit = ("rows", bound.rows) if row > bound.rows + 1 else ("columns", bound.columns)
    return LimitExceeded(what, limit, cell=cell)


# --- XLSX: inspect the zip before any reader opens it -----------------------------------------------

_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})\""
)
# only cells have a lettered r="…"; `/>` or an immediate `</` is a cell that holds nothing (only formatted)
_CELL_REF = re.compile(rb" r=\"([A-Z]{1,3})([0-9]{1,7})\"[^>/]*(/?)>(</)?")
# a cell that holds something, whether or not it names its place (some writers leave out r="…": each cell then
# stands in the next column): not `<c …/>`, nor `<c …></c>`
_FILLED_CELL = re.compile(rb"<(?:\w+:)?c(?:\s[^>]*)?(?<!/)>(?!</)")
LONGEST_TAG = 512  # no tag is longer: a chunk's unfinished tag is carried to the next one


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def column_letters(number: int) -> str:
    """A 1-based column number as the spreadsheet names it: 1 -> A, 301 -> KO."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Scan:
    """What a streamed member claims and holds: farthest row and column, rows, longest text. Each chunk
    is searched by C code (regex findall, split); Python sees only the few distinct column letters."""

    def __init__(self, bound: Limits, sheet: bool, shared: np.ndarray | None = None) -> None:
        self.bound, self.sheet = bound, sheet
        self.shared = shared  # a sheet's: the length of each shared string, by its index
        self.lengths = array("q")  # the shared strings': each one's length, in order
        self.expanded = 0  # characters the sheet's cells hold, a shared string counted for each cell
        self.carried = b""  # of the text counted: a sheet's unfinished cell, the strings' unfinished tag
        self.current = -1  # characters of the shared string being read; -1 between strings
        self.rows = 0  # rows holding a cell with something in it
        self.cells = 0  # cells with something in them, with or without a reference (r="B2")
        self.last_row = 0
        self.far = (0, 0)  # the farthest row and column of a cell with something in it
        self.widest = ""  # the first cell in the farthest column (`IV1`: a note far to the right of a table)
        self.run = 0  # bytes of text since the last "<", carried across chunks
        self.blank_run = True  # and whether they are all white space (between tags: no cell's text)

    def text(self, chunk: bytes) -> None:
        """The longest run of text (no "<") is a cell's text, in bytes: past the bound, refused. White space
        between tags is no cell's text (a zip bomb of it is refused by its unpacked size instead)."""
        longest = self.bound.cell_chars * BYTES_PER_CHAR
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
            self.blank_run = self.blank_run and not chunk.strip()
        else:
            ends_run = self.run + first > longest and not (self.blank_run and not chunk[:first].strip())
            if ends_run or any(m.group().strip(b"<> \t\r\n") for m in self._long_text.finditer(chunk)):
                raise LimitExceeded("cell", self.bound.cell_chars)
            last = chunk.rfind(b"<")
            self.run = len(chunk) - last - 1
            self.blank_run = not chunk[last:].partition(b">")[2].strip()
        if self.run > longest and not self.blank_run:
            raise LimitExceeded("cell", self.bound.cell_chars)

    @property
    def _long_text(self) -> re.Pattern:
        # anchored on ">": each run of text is read once, so the search is linear; a run of exactly the bound
        # (32,767 characters each written `&#38271;`, as some writers do) is a legal cell: longer is refused
        return re.compile(rb">[^<]{%d,}<" % (self.bound.cell_chars * BYTES_PER_CHAR + 1))

    def expand(self, chunk: bytes, last: bool = False) -> None:
        """Count the text the cells expand to: of the shared strings, each one's length (`lengths`); of a sheet,
        the length of the string each shared-string cell refers to, and the inline strings. Past
        `Limits.sheet_text`, refused. Independent of `tags`' carrying, so no text is left uncounted."""
        if self.sheet and self.shared is not None:
            self._sheet_text(chunk, last)
        elif not self.sheet:
            self._string_lengths(chunk)

    def _sheet_text(self, chunk: bytes, last: bool) -> None:
        buffer = self.carried + chunk
        cut = len(buffer)
        if not last:  # keep the last cell, perhaps unfinished, for the next chunk
            starts = [m.start() for m in _CELL_START.finditer(buffer, max(0, len(buffer) - LONGEST_CELL))]
            cut = starts[-1] if starts else cut
        self.carried = buffer[cut:]
        refs = _SHARED_CELL.findall(buffer, 0, cut)
        if refs:
            index = np.array(refs).astype(np.int64)
            self.expanded += int(self.shared[index[index < len(self.shared)]].sum())
        if b"inlineStr" in buffer[:cut]:
            self.expanded += sum(_chars(text) for text in _INLINE.findall(buffer, 0, cut))
        if self.expanded > self.bound.sheet_text:
            raise LimitExceeded("text", self.bound.sheet_text)

    def _string_lengths(self, chunk: bytes) -> None:
        buffer = self.carried + chunk  # carried: an unfinished tag only; the text between tags is counted now
        open_tag = buffer.rfind(b"<")
        if open_tag > buffer.rfind(b">"):
            buffer, self.carried = buffer[:open_tag], buffer[open_tag:][: LONGEST_TAG + 1]
        else:
            self.carried = b""
        at = 0
        for edge in _STRING_EDGE.finditer(buffer):
            if self.current >= 0:
                self.current += _chars(buffer[at : edge.start()])
            closing, empty = edge.groups()
            if closing:
                self.lengths.append(max(self.current, 0))
                self.current = -1
            elif empty:
                self.lengths.append(0)
            else:
                self.current = 0
            at = edge.end()
        if self.current >= 0:
            self.current += _chars(buffer[at:])

    def tags(self, whole: bytes) -> None:
        """`whole`: complete tags only. The dimension (at the start), the rows and the cells' references."""
        if not self.sheet:
            return
        if self.last_row == 0:  # a claimed extent: some readers lay out the grid it claims
            for letters, row in _DIMENSION.findall(whole[:CHUNK]):
                far = too_far(self.bound, int(row), column_number(letters), (letters + row).decode())
                if far is not None:
                    raise far
        self.cells += len(_FILLED_CELL.findall(whole))
        if self.cells > self.bound.cells:  # the grid of a sheet with references is bounded below, too
            raise LimitExceeded("cells", self.bound.cells)
        filled = [(c, int(r)) for c, r, slash, close in _CELL_REF.findall(whole) if not (slash or close)]
        if not filled:
            return
        rows = sorted({r for _c, r in filled if r > self.last_row})
        past = self.bound.rows + 1 - self.rows  # + the header row
        if len(rows) > past:
            raise LimitExceeded("rows", self.bound.rows, row=rows[past])
        self.rows += len(rows)
        self.last_row = max(self.last_row, *rows) if rows else self.last_row
        letters = max({c for c, _r in filled}, key=lambda c: (len(c), c))
        if column_number(letters) > self.far[1]:
            self.widest = next(f"{c.decode()}{r}" for c, r in filled if c == letters)
        self.far = (max(self.far[0], max(r for _c, r in filled)), max(self.far[1], column_number(letters)))
        if too_far(self.bound, *self.far) is not None:  # name the cell that took the grid past the bound
            for c, r in filled:
                far = too_far(self.bound, r, column_number(c), f"{c.decode()}{r}")
                if far is not None:
                    raise far
            raise too_far(self.bound, *self.far, cell=self.widest)  # far right of a long table


def _stream(member: IO[bytes], scan: _Scan, budget: list[int]) -> None:
    """Scan the member one chunk at a time; `budget` (a one-item list) is the uncompressed bytes still
    allowed, across members."""
    carried = b""
    while chunk := member.read(CHUNK):
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise LimitExceeded("size", limits().uncompressed_bytes // MEGABYTE)
        scan.text(chunk)
        scan.expand(chunk)
        buffer = carried + chunk
        cut = buffer.rfind(b">") + 1
        scan.tags(buffer[:cut])
        carried = buffer[cut:]
        if len(carried) > LONGEST_TAG:  # text after the last tag: keep only an unfinished tag
            start = carried.rfind(b"<")
            carried = carried[start:] if start >= 0 and len(carried) - start <= LONGEST_TAG else b""
    scan.tags(carried)
    scan.expand(b"", last=True)


# a cell that refers to a shared string (`t="s"`), the string's index; a cell's start; an inline string's text
_SHARED_CELL = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\bt=[\"']s[\"'][^>]*>\s*<(?:\w+:)?v\b[^>]*>\s*([0-9]{1,9})\s*<"
)
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>/]")
_INLINE = re.compile(rb"<(?:\w+:)?is\b[^>]*>(.*?)</(?:\w+:)?is>", re.DOTALL)
_STRING_EDGE = re.compile(rb"<(/?)(?:\w+:)?si\b[^>]*?(/?)>")  # a shared string's start or end (or `<si/>`)
_TAG = re.compile(rb"<[^>]*>")
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that continue a character
LONGEST_CELL = 300_000  # a cell of the longest text (32,767 characters, 8 bytes each) and its tags


def _chars(xml: bytes) -> int:
    """The characters of text in `xml` (its tags aside; an entity counts as its few characters)."""
    return len(_TAG.sub(b"", xml).translate(None, _CONTINUATION))


def check_xlsx(data: bytes | Path | str | IO[bytes]) -> None:
    """Refuse a workbook past a bound (LimitExceeded) before a reader opens it; not a zip: nothing to
    say here (the reader reports it). Reads the members in chunks: memory stays at a few MB."""
    import io

    bound = limits()
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        book = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with book:
        members = book.infolist()
        declared = sum(m.file_size for m in members)
        if declared > bound.uncompressed_bytes:
            raise LimitExceeded("size", bound.uncompressed_bytes // MEGABYTE)
        packed = sum(m.compress_size for m in members)
        for m in members:
            if m.file_size > SMALL_MEMBER and m.file_size > bound.ratio * max(m.compress_size, 1):
                raise LimitExceeded("ratio", bound.ratio)
        if declared > SMALL_MEMBER and declared > bound.ratio * max(packed, 1):
            raise LimitExceeded("ratio", bound.ratio)
        budget = [bound.uncompressed_bytes]  # the bytes really inflated, whatever the headers say
        shared = None  # the shared strings' lengths, read first: the sheets' cells refer to them
        for m in sorted(members, key=lambda m: not m.filename.lower().endswith("sharedstrings.xml")):
            name = m.filename.lower()
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if not (is_sheet or name.endswith("sharedstrings.xml")):
                continue
            scan = _Scan(bound, sheet=is_sheet, shared=shared)
            try:
                with book.open(m) as member:
                    _stream(member, scan, budget)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                return  # broken or encrypted: the reader refuses it with its own message
            if not is_sheet:
                shared = np.frombuffer(scan.lengths, dtype=np.int64) if len(scan.lengths) else None
        if "content.xml" in book.namelist():  # an OpenDocument spreadsheet (.ods)
            _check_ods(book, bound, budget)


# --- ODS: count the cells its repeated rows and cells stand for ----------------------------------------

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell")
DTD_SCAN = 4096  # a DTD comes before the root element


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


def _check_ods(book: zipfile.ZipFile, bound: Limits, budget: list[int]) -> None:
    """Refuse an ODS whose sheets stand for more than a bound allows once their repeats are laid out
    (`_OdsSheet`), before python-calamine lays them out. The XML is parsed one row at a time, each row dropped
    once counted: memory stays small. A DTD or broken XML: nothing to say here (the reader refuses it)."""
    try:
        with book.open("content.xml") as head:
            start = head.read(DTD_SCAN)
        if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
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


# --- CSV: count records and fields of the decoded text before the csv module splits it ---------------

_QUOTED = re.compile(r'"(?:[^"]|"")*"', re.DOTALL)


def check_csv_text(text: str, delimiter: str) -> None:
    """Refuse text with more records holding something than the row bound, a record whose fields hold
    something past the column bound, or more fields in use than the cells bound; empty records (`,,,`) and
    trailing empty fields, as Excel writes them for a sheet formatted wide or long, are none. Past a bound, the error names the record's row (and column).

    Quoted fields (which may hold delimiters and line breaks) are set aside first, so only real
    separators count; the scan is a few passes of C code over the text, no list of cells is built but the
    records' lines when a bound is near."""
    bound = limits()
    bare = _QUOTED.sub("q", text) if '"' in text else text  # a quoted field: one character, one line
    empty = delimiter + " \t\r"
    lines = bare.count("\n") + (not bare.endswith("\n"))
    if lines > bound.rows + 1:
        filled = 0
        for number, line in enumerate(bare.splitlines(), start=1):
            filled += bool(line.strip(empty))
            if filled > bound.rows + 1:  # + the header row
                raise LimitExceeded("rows", bound.rows, row=number)
    if bare.count(delimiter) >= bound.columns:  # cheap: only then look record by record
        for number, line in enumerate(bare.splitlines(), start=1):
            if (
                line.count(delimiter) >= bound.columns
                and line.rstrip(empty).count(delimiter) >= bound.columns
            ):
                fields = line.split(delimiter)
                first = next(n for n in range(bound.columns, len(fields)) if fields[n].strip())
                raise LimitExceeded("columns", bound.columns, row=number, column=first + 1)
    if bare.count(delimiter) + lines > bound.cells:  # cheap: only then count the fields each record uses
        cells = 0
        for number, line in enumerate(bare.splitlines(), start=1):
            used = line.rstrip(empty)
            cells += used.count(delimiter) + 1 if used.strip(empty) else 0
            if cells > bound.cells:
                raise LimitExceeded("cells", bound.cells, row=number)


# --- every table, on its cells -------------------------------------------------------------------


def check_dimensions(height: int, width: int) -> None:
    """A sheet's extent, before its cells are laid out (an old .xls has no zip for `check_xlsx` to scan:
    one cell far away would make every row and column before it): refused when its grid is larger than the
    largest table allowed; the rows and columns that hold something are counted on the cells (`check_rows`)."""
    far = too_far(limits(), height, width)
    if far is not None:
        raise far


def _empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def check_rows(raw: Iterable[list[Any]]) -> None:
    """The bounds on the cells themselves: rows and columns that hold something (an empty or blank cell,
    trailing or not, is none), the cells of those rows up to their last filled column, characters in one cell.
    Past a bound, the error names the spreadsheet row (and the column) that is the first past it."""
    bound = limits()
    filled_rows = cells = 0
    for number, row in enumerate(raw, start=1):
        width = len(row)
        while width and _empty(row[width - 1]):
            width -= 1
        if not width:
            continue
        filled_rows += 1
        if filled_rows > bound.rows + 1:  # + the header row
            raise LimitExceeded("rows", bound.rows, row=number)
        if width > bound.columns:
            first = next(n for n in range(bound.columns, width) if not _empty(row[n]))
            raise LimitExceeded("columns", bound.columns, row=number, column=first + 1)
        cells += width
        if cells > bound.cells:
            raise LimitExceeded("cells", bound.cells, row=number)
        for cell in row:
            if isinstance(cell, str) and len(cell) > bound.cell_chars:
                raise LimitExceeded("cell", bound.cell_chars, row=number)
