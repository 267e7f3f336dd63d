"""Bounds on every table read, checked before the reader allocates (docs/security.md, "Hostile files"); the
zip of an XLSX is scanned by `limits_xlsx`, the repeats of an ODS by `limits_ods`, on the bounds kept here.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import pgettext_lazy

from battlemap.io.zipbomb import MEGABYTE

CHUNK = MEGABYTE
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


DTD_SCAN = 4096  # a DTD comes before the root element: at the start of an XML part


def declares_dtd(part: IO[bytes]) -> bool:
    """Whether an XML part (of an XLSX or ODS) declares a DTD, read from its start: no spreadsheet program writes
    one; it is the way of the "billion laughs" and external-entity attacks, refused whether used or not."""
    head = part.read(DTD_SCAN)
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


# --- CSV: count records and fields of the decoded text before the csv module splits it ---------------

# a quoted field, its doubled quotes (`""`) inside: written as one run of plain characters between them, not one
# alternative per character, whose backtracking stack took 2.5 GB on a cell of 20 million line breaks
_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')


# a line end as the csv module reads one: "\n", "\r\n", or a bare "\r" (Excel's "CSV (Macintosh)", Numbers)
_LINE_END = re.compile(r"[\r\n]")


def _line_ends(text: str, start: int = 0, end: int | None = None) -> int:
    """The line ends in `text[start:end]`, "\r\n" counted once, as the csv module (and the row numbers) count."""
    end = len(text) if end is None else end
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)


def _filled_lines(bare: str, delimiter: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of each line of `bare` that holds something besides delimiters and white space, found
    by a search in C for the next such character: a file of 20 million blank lines yields nothing and builds no
    list of them (their list, up to three times, took 3 GB). A line ends at "\n", "\r\n" or a bare "\r", as the
    csv module reads it: a Mac file of 80 rows was one line of 320 commas, refused for its columns. Each search and
    count runs over the text once, forward (never back to the start)."""
    filled = re.compile(rf"[^{re.escape(delimiter)} \t\r\n]")
    number, at, pos = 1, 0, 0  # `at`: where the line ends last counted stop (the previous line's end)
    while found := filled.search(bare, pos):
        number += _line_ends(bare, at, found.start())
        start = max(bare.rfind("\n", at, found.start()), bare.rfind("\r", at, found.start()), at - 1) + 1
        ended = _LINE_END.search(bare, found.start())
        end = ended.start() if ended else len(bare)
        at, pos = end, end + 1
        yield number, bare[start:end]


def check_csv_text(text: str, delimiter: str) -> None:
    """Refuse text with more records holding something than the row bound, a record whose fields hold
    something past the column bound, or more fields in use than the cells bound; empty records (`,,,`) and
    trailing empty fields, as Excel writes them for a sheet formatted wide or long, are none. Past a bound, the
    error names the record's row (and column).

    Quoted fields (which may hold delimiters and line breaks) are set aside first, so only real
    separators count; the scan is a few passes of C code over the text, and only the records that hold something
    are looked at one by one (`_filled_lines`), when a bound is near: memory stays bounded by the text itself."""
    bound = limits()
    bare = _QUOTED.sub("q", text) if '"' in text else text  # a quoted field: one character, one line
    empty = delimiter + " \t\r"
    lines = _line_ends(bare) + (not bare.endswith(("\n", "\r")))
    if lines > bound.rows + 1:
        for filled, (number, _line) in enumerate(_filled_lines(bare, delimiter), start=1):
            if filled > bound.rows + 1:  # + the header row
                raise LimitExceeded("rows", bound.rows, row=number)
    if bare.count(delimiter) >= bound.columns:  # cheap: only then look record by record
        for number, line in _filled_lines(bare, delimiter):
            if line.rstrip(empty).count(delimiter) >= bound.columns:
                fields = line.split(delimiter)
                first = next(n for n in range(bound.columns, len(fields)) if fields[n].strip())
                raise LimitExceeded("columns", bound.columns, row=number, column=first + 1)
    if bare.count(delimiter) + lines > bound.cells:  # cheap: only then count the fields each record uses
        cells = 0
        for number, line in _filled_lines(bare, delimiter):
            cells += line.rstrip(empty).count(delimiter) + 1
            if cells > bound.cells:
                raise LimitExceeded("cells", bound.cells, row=number)


def csv_lines(text: str, delimiter: str, quotechar: str = '"') -> Iterator[str]:
    """The lines of `text` one at a time, as the csv module reads a file opened with `newline=""` (a line ends
    at "\n", "\r\n" or a bare "\r" and keeps it), for its reader: never a copy of the whole text (an
    `io.StringIO` of it held 4 bytes a character: 180 MB for a 45 MB file). A line longer than the cell bound is
    searched first for a run of that many characters with no delimiter, quote or line end, which can only be
    one cell: past the bound, it is refused (`LimitExceeded("cell")`, the reader names the row) before the line
    is copied or split — a 45 MB line of one cell cost 408 MB of a web worker before its refusal."""
    bound = limits().cell_chars
    plain = re.escape(delimiter + quotechar) + r"\r\n"
    # a run starting where the previous character is none of the run's: found in one pass of C, forward
    long_run = re.compile(rf"(?<![^{plain}])[^{plain}]{{{bound + 1}}}")
    pos, size = 0, len(text)
    while pos < size:
        ended = _LINE_END.search(text, pos)
        end = size if ended is None else ended.end() + text.startswith("\r\n", ended.start())
        if end - pos > bound and long_run.search(text, pos, end):
            raise LimitExceeded("cell", bound)
        yield text[pos:end]
        pos = end


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


def check_rows(raw: Iterable[list[Any]], numbers: Iterable[int] | None = None) -> None:
    """The bounds on the cells themselves: rows and columns that hold something (an empty or blank cell,
    trailing or not, is none), the cells of those rows up to their last filled column, characters in one cell.
    Past a bound, the error names the spreadsheet row (and the column) that is the first past it: `numbers`,
    each row's, when they are not 1, 2, 3 …"""
    bound = limits()
    filled_rows = cells = 0
    for number, row in zip(numbers, raw, strict=True) if numbers is not None else enumerate(raw, start=1):
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
