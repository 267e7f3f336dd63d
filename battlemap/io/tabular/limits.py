"""Bounds on every table read, checked before the reader allocates (docs/security.md, "Hostile files").

A spreadsheet is small on disk and can be huge once read: an XLSX whose one cell sits at XFD1048576 (or
whose `<dimension>` claims A1:XFD1048576) makes a reader allocate a grid of 17 billion cells; one shared
string can inflate a 300 KB file to 300 MB; a CSV line of a million commas is a million columns. So:

- XLSX: the zip's members are inspected first — declared total uncompressed size and compression ratio
  (a zip bomb), then each worksheet and the shared strings are streamed (never held whole) for the
  claimed dimension, the farthest cell, the number of rows and the longest cell text;
- CSV: the decoded text is scanned for the number of records and the widest record, quoted text aside;
- every table read: rows, columns and cell length again, on the cells themselves.

A file past a bound raises `ReadError("limit_<what>:<bound>")`; `problems.file_message` turns it into
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

    def __init__(self, what: str, bound: int, row: int | None = None) -> None:
        super().__init__(f"limit_{what}:{bound}")
        self.row = row


# --- XLSX: inspect the zip before any reader opens it -----------------------------------------------

_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})\""
)
_LAST_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]{1,7})\"")
_CELL_REF = re.compile(rb" r=\"([A-Z]{1,3})([0-9]{1,7})\"")  # only cells have a lettered r="…"
LONGEST_TAG = 512  # no tag is longer: a chunk's unfinished tag is carried to the next one


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


class _Scan:
    """What a streamed member claims and holds: farthest row and column, rows, longest text. Each chunk
    is searched by C code (regex findall, split); Python sees only the few distinct column letters."""

    def __init__(self, bound: Limits, sheet: bool) -> None:
        self.bound, self.sheet = bound, sheet
        self.rows = 0
        self.run = 0  # bytes of text since the last "<", carried across chunks

    def check_cell(self, row: int, column: int) -> None:
        if row > self.bound.rows + 1:  # + the header row
            raise LimitExceeded("rows", self.bound.rows)
        if column > self.bound.columns:
            raise LimitExceeded("columns", self.bound.columns)

    def text(self, chunk: bytes) -> None:
        """The longest run of text (no "<") is a cell's text, in bytes: past the bound, refused."""
        longest = self.bound.cell_chars * BYTES_PER_CHAR
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
        else:
            if self.run + first > longest or self._long_text.search(chunk):
                raise LimitExceeded("cell", self.bound.cell_chars)
            self.run = len(chunk) - chunk.rfind(b"<") - 1
        if self.run > longest:
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
        if self.rows == 0:
            for letters, row in _DIMENSION.findall(whole[:CHUNK]):
                self.check_cell(int(row), column_number(letters))
        self.rows += whole.count(b"<row ") + whole.count(b"<row>") + whole.count(b":row ")
        last = whole.rfind(b"row ")
        numbers = [int(m.group(1)) for m in [_LAST_ROW.search(whole, max(0, last - 4))] if m and last >= 0]
        self.check_cell(max([self.rows, *numbers]), 0)
        cells = _CELL_REF.findall(whole)
        if cells:
            letters = max({c for c, _r in cells}, key=lambda c: (len(c), c))
            self.check_cell(max(map(int, (r for _c, r in cells))), column_number(letters))


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
    """Refuse text with more records than the row bound, or a record wider than the column bound.

    Quoted fields (which may hold delimiters and line breaks) are set aside first, so only real
    separators count; the scan is a few passes of C code over the text, no list of cells is built."""
    bound = limits()
    bare = _QUOTED.sub('""', text) if '"' in text else text
    lines = bare.count("\n") + (not bare.endswith("\n"))
    if lines > bound.rows + 1 and sum(1 for line in bare.splitlines() if line.strip()) > bound.rows + 1:
        raise LimitExceeded("rows", bound.rows)
    if bare.count(delimiter) >= bound.columns:  # cheap: only then look record by record
        for line in bare.splitlines():
            if line.count(delimiter) >= bound.columns:
                raise LimitExceeded("columns", bound.columns)


# --- every table, on its cells -------------------------------------------------------------------


def check_dimensions(height: int, width: int) -> None:
    """A sheet's extent, before its cells are laid out (an old .xls has no zip for `check_xlsx` to scan:
    one cell far away would make every row and column before it)."""
    bound = limits()
    if height > bound.rows + 1:
        raise LimitExceeded("rows", bound.rows)
    if width > bound.columns:
        raise LimitExceeded("columns", bound.columns)


def check_rows(raw: Iterable[list[Any]]) -> None:
    """The bounds on the cells themselves (rows, columns, characters in one cell)."""
    bound = limits()
    for number, row in enumerate(raw, start=1):
        if number > bound.rows + 1:
            raise LimitExceeded("rows", bound.rows)
        width = len(row)
        while width and (row[width - 1] is None or row[width - 1] == ""):
            width -= 1
        if width > bound.columns:
            raise LimitExceeded("columns", bound.columns)
        for cell in row:
            if isinstance(cell, str) and len(cell) > bound.cell_chars:
                raise LimitExceeded("cell", bound.cell_chars, row=number)
