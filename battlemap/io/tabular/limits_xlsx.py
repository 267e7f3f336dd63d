"""The bounds of an XLSX workbook, checked before any reader opens it (docs/security.md, "Hostile files"): the
zip's members first — declared total uncompressed size and compression ratio (a zip bomb) —, then each worksheet
and the shared strings streamed (never held whole) for the claimed dimension, the farthest cell, the rows, the
cells (`IMPORT_MAX_CELLS`) and the longest cell text; an ODS's cells by `limits_ods`. The bounds: `limits`."""

from __future__ import annotations

import re
import zipfile
from array import array
from pathlib import Path
from typing import IO

import numpy as np

from battlemap.io.zipbomb import zip_bomb

from .limits import (
    BYTES_PER_CHAR,
    CHUNK,
    MEGABYTE,
    LimitExceeded,
    Limits,
    column_number,
    limits,
    too_far,
)
from .limits_ods import check_ods

_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})\""
)
# only cells have a lettered r="…"; `/>` or an immediate `</` is a cell that holds nothing (only formatted)
_CELL_REF = re.compile(rb" r=\"([A-Z]{1,3})([0-9]{1,7})\"[^>/]*(/?)>(</)?")
# A cell whose value is blank, which the table reader reads as empty (`limits.check_rows`): a formula's empty
# result (`<f t="shared" si="0"/><v></v>`: Excel's `=IF(A2="","",…)` filled down), an empty or white-space
# inline string. Its place: (letters, row). (A formula without any value is no such cell: the reader names it.)
_BLANK_CELL = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*>\s*"  # the cell, its place
    rb"(?:<(?:\w+:)?f\b[^>]*/>\s*|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>\s*)?"  # a formula, if any
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>"  # an empty value, or an empty inline string
    rb"|<(?:\w+:)?is>\s*(?:<(?:\w+:)?t\b[^>]*/>|<(?:\w+:)?t\b[^>]*>\s*</(?:\w+:)?t>)?\s*</(?:\w+:)?is>)"
    rb"\s*</(?:\w+:)?c>"
)
# a cell showing one of the shared strings `{indexes}` (`|`-joined)
_SHARED_CELL_OF = rb"<(?:\w+:)?c\b(?=[^>]*\bt=[\"']s[\"'])[^>]*>\s*<(?:\w+:)?v>\s*(?:{indexes})\s*</(?:\w+:)?v>\s*</(?:\w+:)?c>"
BLANK_STRINGS_NAMED = 1000  # a sheet's blank shared strings ("", " ") looked for by index; a workbook keeps
# each string once, so there are a few at most (past this many, the others count as text: a row, as before)
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
# a cell that holds something, whether or not it names its place (some writers leave out r="…": each cell then
# stands in the next column): not `<c …/>`, nor `<c …></c>`
_FILLED_CELL = re.compile(rb"<(?:\w+:)?c(?:\s[^>]*)?(?<!/)>(?!</)")
LONGEST_TAG = 512  # no tag is longer: a chunk's unfinished tag is carried to the next one


class _Scan:
    """What a streamed member claims and holds: farthest row and column, rows, longest text. Each chunk
    is searched by C code (regex findall, split); Python sees only the few distinct column letters."""

    def __init__(self, bound: Limits, sheet: bool, shared: np.ndarray | None = None) -> None:
        self.bound, self.sheet = bound, sheet
        self.shared = shared  # a sheet's: the length of each shared string, by its index
        self.lengths = array("q")  # the shared strings': each one's length, in order
        self.blank = array("b")  # and whether each is blank ("", " "): a cell showing it holds nothing
        self.shared_blank: np.ndarray | None = None  # a sheet's: the shared strings' `blank`, by index
        self.current_blank = True  # whether the shared string being read is blank so far
        self.blank_shared: re.Pattern | None | bool = None  # a sheet's cells showing a blank shared string
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
                self._read_string(buffer[at : edge.start()])
            closing, empty = edge.groups()
            if closing:
                self.lengths.append(max(self.current, 0))
                self.blank.append(self.current_blank)
                self.current = -1
            elif empty:
                self.lengths.append(0)
                self.blank.append(True)
            else:
                self.current, self.current_blank = 0, True
            at = edge.end()
        if self.current >= 0:
            self._read_string(buffer[at:])

    def _read_string(self, xml: bytes) -> None:
        text = _TAG.sub(b"", xml)
        self.current += len(text.translate(None, _CONTINUATION))
        self.current_blank = self.current_blank and not text.decode("utf-8", "ignore").strip()

    def shown(self, whole: bytes) -> bytes:
        """`whole` without the cells that show nothing though they hold a value (`_BLANK_CELL`, and a shared string
        "" or " "), which the table reader reads as empty: cut out by C code, as `tags` counts the rest."""
        if self.blank_shared is None and self.shared_blank is not None:
            indexes = np.flatnonzero(self.shared_blank)[:BLANK_STRINGS_NAMED]
            joined = b"|".join(str(i).encode() for i in indexes)
            self.blank_shared = (
                re.compile(_SHARED_CELL_OF.replace(b"{indexes}", joined)) if len(indexes) else False
            )
        whole = _BLANK_CELL.sub(b"", whole)
        return self.blank_shared.sub(b"", whole) if self.blank_shared else whole

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
        filled = [
            (c, int(r)) for c, r, slash, close in _CELL_REF.findall(self.shown(whole)) if not (slash or close)
        ]
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
        if scan.sheet:  # whole cells only: whether a cell shows anything is read from its content
            cut = _cells_end(buffer, cut)
        scan.tags(buffer[:cut])
        carried = buffer[cut:]
        longest = LONGEST_CELL if scan.sheet else LONGEST_TAG  # a sheet's unfinished cell, else tag
        if len(carried) > longest:  # text after the last tag: keep only an unfinished tag
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


def _cells_end(buffer: bytes, cut: int) -> int:
    """Where the complete cells of `buffer[:cut]` (complete tags) end: before the last cell when its content is
    not all there, so that it is read whole with the next chunk."""
    starts = [m.start() for m in _CELL_START.finditer(buffer, max(0, cut - LONGEST_CELL), cut)]
    if not starts:
        return cut
    last = starts[-1]
    start_tag_end = buffer.find(b">", last, cut)
    if (
        start_tag_end < 0
        or buffer[start_tag_end - 1 : start_tag_end] == b"/"
        or _CELL_END.search(buffer, last, cut)
    ):
        return cut if start_tag_end >= 0 else last
    return last


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
        refused = zip_bomb(members, unpacked_bytes=bound.uncompressed_bytes, ratio=bound.ratio)
        if refused == "size":
            raise LimitExceeded("size", bound.uncompressed_bytes // MEGABYTE)
        if refused == "ratio":
            raise LimitExceeded("ratio", bound.ratio)
        budget = [bound.uncompressed_bytes]  # the bytes really inflated, whatever the headers say
        shared = None  # the shared strings' lengths, read first: the sheets' cells refer to them
        blank = None  # and whether each is blank
        for m in sorted(members, key=lambda m: not m.filename.lower().endswith("sharedstrings.xml")):
            name = m.filename.lower()
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if not (is_sheet or name.endswith("sharedstrings.xml")):
                continue
            scan = _Scan(bound, sheet=is_sheet, shared=shared)
            scan.shared_blank = blank if is_sheet else None
            try:
                with book.open(m) as member:
                    _stream(member, scan, budget)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                return  # broken or encrypted: the reader refuses it with its own message
            if not is_sheet:
                shared = np.frombuffer(scan.lengths, dtype=np.int64) if len(scan.lengths) else None
                blank = np.frombuffer(scan.blank, dtype=np.int8).astype(bool) if len(scan.blank) else None
        if "content.xml" in book.namelist():  # an OpenDocument spreadsheet (.ods)
            check_ods(book, bound, budget)
