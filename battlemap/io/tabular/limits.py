"""Bounds on every table read, checked before the reader allocates (docs/security.md, "Hostile files").

A spreadsheet is small on disk and can be huge once read: an XLSX whose one cell sits at XFD1048576 (or
whose `<dimension>` claims A1:XFD1048576) makes a reader allocate a grid of 17 billion cells; one shared
string can inflate a 300 KB file to 300 MB; a CSV line of a million commas is a million columns. So:

- XLSX: the zip's members are inspected first — declared total uncompressed size and compression ratio
  (a zip bomb), then each worksheet and the shared strings are streamed (never held whole) for the
  claimed dimension, the farthest cell, the number of rows and the longest cell text;
- CSV: the decoded text is scanned for the number of records and the widest record, quoted text aside;
- every table read: rows, columns and cell length again, on the cells themselves.

Only cells that hold something count: an empty cell that is only formatted (a bold cell at XFD2, a styled
row 200000, 300 trailing `,` of a CSV, a lone space) is no row or column of the table, and trailing empty rows
and columns are ignored. Past a bound, the error names the first row or column past it (`row`, `column`), or
the far cell that would make the sheet's grid larger than the largest table allowed (`cell`: rows × columns,
what a reader allocates for a sheet reaching that cell).

A file past a bound raises `ReadError("limit_<what>:<bound>")`; `file_problems.file_message` turns it into
a translated sentence naming the limit and its setting. The bounds are settings (environment variables
IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELL_CHARS, IMPORT_MAX_UNCOMPRESSED_MB,
IMPORT_MAX_COMPRESSION_RATIO; README, Configuration).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import pgettext_lazy

MEGABYTE = 1024 * 1024
CHUNK = MEGABYTE
SMALL_MEMBER = MEGABYTE  # members smaller than this inflate to little whatever their ratio
BYTES_PER_CHAR = (
    8  # worst case of one character in the XML (`&#x2028;`): the byte pre-check never refuses a legal cell
)

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
    "csv": pgettext_lazy("import", "The file is not a readable CSV table."),
}


@dataclass(frozen=True)
class Limits:
    rows: int  # data rows (the header is not counted)
    columns: int
    cell_chars: int
    uncompressed_bytes: int
    ratio: int


def limits() -> Limits:
    return Limits(
        rows=settings.IMPORT_MAX_ROWS,
        columns=settings.IMPORT_MAX_COLUMNS,
        cell_chars=settings.IMPORT_MAX_CELL_CHARS,
        uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_MB * MEGABYTE,
        ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
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
    ((rows + 1) × columns cells: what a reader allocates to lay out the sheet); else None."""
    if row * column <= (bound.rows + 1) * bound.columns:
        return None
    what, limit = ("rows", bound.rows) if row > bound.rows + 1 else ("columns", bound.columns)
    return LimitExceeded(what, limit, cell=cell)


# --- XLSX: inspect the zip before any reader opens it -----------------------------------------------

_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})\""
)
# only cells have a lettered r="…"; `/>` or an immediate `</` is a cell that holds nothing (only formatted)
_CELL_REF = re.compile(rb" r=\"([A-Z]{1,3})([0-9]{1,7})\"[^>/]*(/?)>(</)?")
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

    def __init__(self, bound: Limits, sheet: bool) -> None:
        self.bound, self.sheet = bound, sheet
        self.rows = 0  # rows holding a cell with something in it
        self.last_row = 0
        self.far = (0, 0)  # the farthest row and column of a cell with something in it
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

    def tags(self, whole: bytes) -> None:
        """`whole`: complete tags only. The dimension (at the start), the rows and the cells' references."""
        if not self.sheet:
            return
        if self.last_row == 0:  # a claimed extent: some readers lay out the grid it claims
            for letters, row in _DIMENSION.findall(whole[:CHUNK]):
                far = too_far(self.bound, int(row), column_number(letters), (letters + row).decode())
                if far is not None:
                    raise far
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
        self.far = (max(self.far[0], max(r for _c, r in filled)), max(self.far[1], column_number(letters)))
        if too_far(self.bound, *self.far) is not None:  # name the cell that took the grid past the bound
            for c, r in filled:
                far = too_far(self.bound, r, column_number(c), f"{c.decode()}{r}")
                if far is not None:
                    raise far
            raise too_far(self.bound, *self.far)


def _stream(member: IO[bytes], scan: _Scan, budget: list[int]) -> None:
    """Scan the member one chunk at a time; `budget` (a one-item list) is the uncompressed bytes still
    allowed, across members."""
    carried = b""
    while chunk := member.read(CHUNK):
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise LimitExceeded("size", limits().uncompressed_bytes // MEGABYTE)
        scan.text(chunk)
        buffer = carried + chunk
        cut = buffer.rfind(b">") + 1
        scan.tags(buffer[:cut])
        carried = buffer[cut:]
        if len(carried) > LONGEST_TAG:  # text after the last tag: keep only an unfinished tag
            start = carried.rfind(b"<")
            carried = carried[start:] if start >= 0 and len(carried) - start <= LONGEST_TAG else b""
    scan.tags(carried)


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
        for m in members:
            name = m.filename.lower()
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if not (is_sheet or name.endswith("sharedstrings.xml")):
                continue
            try:
                with book.open(m) as member:
                    _stream(member, _Scan(bound, sheet=is_sheet), budget)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                return  # broken or encrypted: the reader refuses it with its own message


# --- CSV: count records and fields of the decoded text before the csv module splits it ---------------

_QUOTED = re.compile(r'"(?:[^"]|"")*"', re.DOTALL)


def check_csv_text(text: str, delimiter: str) -> None:
    """Refuse text with more records holding something than the row bound, or a record whose fields hold
    something past the column bound; empty records (`,,,`) and trailing empty fields, as Excel writes them
    for a sheet formatted wide or long, are none. Past a bound, the error names the record's row (and column).

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
    trailing or not, is none), characters in one cell. Past a bound, the error names the spreadsheet row
    (and the column) that is the first past it."""
    bound = limits()
    filled_rows = 0
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
        for cell in row:
            if isinstance(cell, str) and len(cell) > bound.cell_chars:
                raise LimitExceeded("cell", bound.cell_chars, row=number)
