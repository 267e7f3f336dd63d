"""Read a spreadsheet file (CSV, XLSX, an old .xls / WPS .et, or LibreOffice's .ods) into a plain table of cells;
contacts as vCards (.vcf) into the same table, one row per card (`vcards`).

Cells keep the value the user sees: numbers Excel stores as numbers become their text
(`13900000002`, never `13900000002.0`), dates stay dates. Row numbers are the spreadsheet's.

Where the table starts and ends is `layout`'s to find. The table says which sheet, which header row, which
encoding (`battlemap.io.text.decode`, the one detector) and which footer rows it took.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from itertools import compress, count, islice, tee
from typing import Any

from battlemap.io.text import (
    BY_LINE,
    CHOICES,
    NAMES,
    Decoded,
    DoubtfulError,
    UndecodableError,
    codec_for,
    decode,
)
from battlemap.punctuation import aside, list_separator

from . import limits
from .columns import header_score, recognise
from .table import ReadError, Table, bounded, table_of
from .vcards import read_vcards
from .workbook import read_xlsx

LINES_NAMED = 20  # a message names this many unreadable lines, then "…"
# The files the import reads, by their usual extensions (the upload's file picker offers these; `read_table`
# tells a file by its first bytes): CSV or tab-separated text, XLSX, old .xls, WPS .et, LibreOffice's .ods, vCards
FILE_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".vcf")

SEP_LINE = re.compile(r"^sep=([,;\t|])[ \t]*\r?\n", re.IGNORECASE)
# the same line at the end of the file (a tool that appended it, or a file put together from two)
SEP_TAIL = re.compile(r"\r?\nsep=([,;\t|])[ \t]*[\r\n]*\Z", re.IGNORECASE)


def encodings_named(lang: str, *, codes: bool = False) -> str:
    """The encodings a CSV is read in on request (text.CHOICES: the menu of the upload form and the preview) as
    a text lists them: "UTF-8, UTF-16, GB18030, …" / "UTF-8、UTF-16、…" — with `codes`, as `--encoding` and the
    API take them: "utf-8, …, cp932 (Shift-JIS), …"."""
    if not codes:
        return list_separator(lang).join(NAMES[c] for c in CHOICES)
    named = (c if NAMES[c].lower() == c else c + aside(lang, NAMES[c]) for c in CHOICES)
    return list_separator(lang).join(named)


def unknown_encoding(label: str) -> bool:
    """Whether `label` names no encoding the reader knows (`klingon`), as opposed to one that does not decode
    the file: a codec Python knows, or UTF-8 read line by line with a legacy one (`utf-8+gb18030`)."""
    first, plus, legacy = label.partition("+")
    if plus:
        return codec_for(first) != "utf-8" or codec_for(legacy) not in BY_LINE
    return codec_for(label) is None


def _delimiter_counted(sample: str) -> str:
    """The separator most lines of `sample` agree on (the same number of commas, semicolons or tabs in the
    most lines, a title or note row aside), where csv.Sniffer finds none; a comma when no line has one."""
    lines = [line for line in sample.splitlines() if line.strip()][:200]
    best, chosen = (0, 0), ","
    for delimiter in (",", ";", "\t"):
        counts = Counter(n for n in (line.count(delimiter) for line in lines) if n)
        if counts:
            number, agreeing = counts.most_common(1)[0]
            if (agreeing, number) > best:
                best, chosen = (agreeing, number), delimiter
    return chosen


def _settled_by_header(data: bytes, codecs: list[str]) -> Decoded | None:
    """Of readings the letters cannot tell apart (`text.DoubtfulError`: Windows-1252's "Lefèvre", -1250's
    "Lefčvre"), the one whose header names more known columns than every other's, read in it (the others offered
    beside it): Outlook's French "Deuxième prénom" is a column, "Deuxičme prénom" none — a French Outlook export
    was refused as doubtful. None when no reading's header does."""
    scores = {}
    for codec in codecs:
        try:
            head = data[:8192].decode(codec, errors="ignore")
        except LookupError:
            continue
        rows = csv.reader(io.StringIO(head, newline=""), delimiter=_delimiter_counted(head))
        scores[codec] = max((header_score(row) for row in islice(rows, 30)), default=0)
    best = max(scores, key=lambda codec: scores[codec], default=None)
    if best is None or sorted(scores.values())[-2:-1] == [scores[best]]:
        return None
    try:
        return Decoded(data.decode(best), best, tuple(c for c in codecs if c != best))
    except UnicodeDecodeError:
        return None


def read_csv(data: bytes, encoding: str | None = None) -> Table:
    """Read CSV (or tab-separated "Unicode text") bytes; `encoding` forces one (the preview's choice)."""
    if encoding and unknown_encoding(encoding):
        raise ReadError("encoding_unknown", value=encoding)
    try:
        decoded = decode(data, encoding or None, by_line=True, refuse_doubtful=True)
    except DoubtfulError as exc:
        if _binary(data, ()):
            raise ReadError("binary") from exc
        decoded = _settled_by_header(data, [codec for codec, _sample in exc.candidates])
        if decoded is None:
            readings = [{"encoding": NAMES.get(c, c), "sample": sample} for c, sample in exc.candidates]
            raise ReadError("encoding_doubt", value=NAMES.get(str(exc), str(exc)), readings=readings) from exc
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
        # the delimiter (and spaces after it) from the sniffer, the quoting from RFC 4180 as every tool writes it
        # (Excel, Outlook, WPS, a CRM): the sniffer's guess of `doublequote=False` for `"Said ""yes, later"""`
        # split the cell at the comma and shifted the row's cells into the next fields (a new user's trial)
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t")
        dialect: Any = type(
            "Sniffed",
            (csv.excel,),
            {"delimiter": sniffed.delimiter, "skipinitialspace": sniffed.skipinitialspace},
        )
    except csv.Error:  # a title row above the header, mixed line ends: the lines' own count decides
        dialect = type("Counted", (csv.excel,), {"delimiter": _delimiter_counted(sample)})
    if hint:
        dialect = type("Hinted", (csv.excel,), {"delimiter": hint.group(1)})
    bounded(limits.check_csv_text, text, dialect.delimiter)
    raw: list[list[str]] = []  # the records that hold something, with `numbers`, their row numbers
    numbers: list[int] = []
    counter = count(1)  # the number of the next record: a failing one is named by it
    try:  # line by line, a line holding a cell past the bound refused before it is copied (`limits.csv_lines`)
        reader = csv.reader(limits.csv_lines(text, dialect.delimiter, dialect.quotechar), dialect)
        legacy_rows = _read_records(reader, counter, raw, numbers, decoded.legacy_lines, 1 if hint else 0)
    except limits.LimitExceeded as exc:
        raise ReadError(str(exc), row=next(counter)) from None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's bound, far past ours
            bound = limits.limits().cell_chars
            raise ReadError(f"limit_cell:{bound}", row=next(counter)) from None
        raise ReadError("csv") from exc
    if text.count(dialect.quotechar or '"') % 2:
        _refuse_open_quote(text, dialect)
    for record in raw:
        for i, cell in enumerate(record):
            if cell[:1] in FORCING or cell.lstrip()[:1] in FORCING:
                record[i] = unforced(cell)
    table = table_of(
        raw,
        numbers=numbers,
        text_only=True,
        encoding=decoded.label,
        codec=decoded.encoding,
        alternatives=tuple(c for c in CHOICES if c != decoded.encoding and c in decoded.alternatives),
        legacy=decoded.legacy,
        legacy_rows=legacy_rows,
        delimiter=dialect.delimiter,
    )
    _refuse_lost_characters(table)
    return table


# The wrappers a CSV export puts round a value so that Excel keeps it as text (leading zeros, long digits): the
# formula `="00101"` (many Chinese OA and CRM exports) and an apostrophe before digits (`'13800138000`) or an
# e-mail address (`'al@x.com`). Excel shows the text inside; so is it read. An apostrophe before anything else
# (`'Brien`) is text and stays.
FORCING = ("=", "'")
FORCED_TEXT = re.compile(r'=\s*"((?:[^"]|"")*)"')
APOSTROPHE_NUMBER = re.compile(r"'([+(]?[0-9][0-9 \-./()]*|[^\s@']+@[^\s@']+\.[^\s@']+)")


def unforced(cell: str) -> str:
    """`="00101"` -> `00101`, `'13800138000` -> `13800138000`, `'al@x.com` -> `al@x.com`; any other cell as
    it is."""
    text = cell.strip()
    if forced := FORCED_TEXT.fullmatch(text):
        return forced.group(1).replace('""', '"')
    if quoted := APOSTROPHE_NUMBER.fullmatch(text):
        return quoted.group(1)
    return cell


# A text cell made only of question marks (two or more, spaces aside): what a CSV saved in an encoding without
# the file's characters holds — Excel's "CSV (Comma delimited)" on a Windows set to a Western language writes
# 刘建国 as `???`. In the columns that name people and units, no real value reads so; imported, it would rename
# people and merge departments into one `????`; a cell with a mixed script loses only its Chinese (`IT ??`,
# `??(Beijing)`). A lone `?` (and any `?` in other columns: notes) is no evidence.
LOST = re.compile(r"\?[\s?]*\?")
LOST_PART = re.compile(r"\?\?")  # two question marks together: no name, title or department has them
LOST_FIELDS = (
    "name", "first_name", "middle_name", "last_name", "title", "department", "main_department", "manager", "company",
    "organisation",
)  # fmt: skip


def _lost(cell: str) -> bool:
    return bool(LOST.fullmatch(cell) or LOST_PART.search(cell))


def _refuse_lost_characters(table: Table) -> None:
    """Refuse a CSV whose header, or whose names, titles, departments, managers or companies, hold cells made
    only of `?` (`LOST`) or holding two together (`LOST_PART`: `IT ??`), naming where: the characters were lost
    when the file was saved."""
    header = next((h for h in table.headers if LOST.fullmatch(h)), None)
    if header is not None:
        raise ReadError("lost_characters", header_row=table.header_row, example=header)
    columns = recognise(table.headers)
    read = sorted(i for f, i in columns.fields.items() if f in LOST_FIELDS)
    rows: list[int] = []
    lost_columns: set[int] = set()
    example = ""
    for cells, number in zip(table.rows, table.row_numbers, strict=True):
        lost = [i for i in read if i < len(cells) and _lost(str(cells[i]).strip())]
        if lost:
            rows.append(number)
            lost_columns |= set(lost)
            example = example or str(cells[lost[0]]).strip()
    if rows:
        headers = [table.headers[i] for i in sorted(lost_columns)]
        raise ReadError("lost_characters", rows=rows, columns=headers, example=example)


def _binary(data: bytes, unreadable: tuple[int, ...] | list[int]) -> bool:
    """Whether bytes that no encoding reads are no text at all (an image, an archive, random bytes named
    .csv) rather than a text file with a few damaged lines: they hold a NUL byte (only UTF-16 text does, and
    it was not that), or most of their lines are unreadable."""
    return b"\x00" in data or len(unreadable) * 2 > data.count(b"\n") + 1


def _refuse_open_quote(text: str, dialect: Any) -> None:
    """A quoted cell that never closes (a file cut short, a stray quote): the lax reader would take the rest
    of the file into that cell. Refused naming the row where it opens."""
    strict = type("Strict", (dialect,), {"strict": True})  # the sniffed (or hinted) dialect, strict
    reader = csv.reader(limits.csv_lines(text, dialect.delimiter, dialect.quotechar), strict)
    count = 0
    try:
        for _record in reader:
            count += 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ReadError("open_quote", row=count + 1) from None


BLANK_RECORD: list[str] = []  # where blank records parted two records that hold something


def _read_records(
    reader: Any,
    counter: Iterator[int],
    raw: list[list[str]],
    numbers: list[int],
    lines: tuple[int, ...] = (),
    offset: int = 0,
) -> list[int]:
    """Append the records of the CSV `reader` that hold something to `raw` and their numbers (of `counter`: the
    row the user sees, a quoted field may span lines) to `numbers`, a run of blank ones as one empty record
    (`BLANK_RECORD`), so that a blank row still parts two rows (`layout.find_header`'s two-row header) while
    millions of blank lines cost nothing: a reviewer's 20 MB of newlines, each kept as a list, took 3.1 GB and 103 s.
    Returns the row numbers of the records that hold one of `lines` (1-based lines of the file, read in a legacy
    encoding; `offset` lines, a `sep=` line, come before the text)."""
    wanted = sorted({n - offset for n in lines})
    records: Iterator[tuple[list[str], int]]
    if wanted:
        records = zip(
            reader, counter, strict=False
        )  # the reader first (the counter never ends): a failing record is not counted
    else:  # records of empty fields only (a blank line, `,,,`) are dropped in C, unseen
        read, filled = tee(reader)
        records = compress(zip(read, counter, strict=False), map(any, filled))
    rows: list[int] = []
    last = 0
    for record, number in records:
        if wanted:
            if any(last < n <= reader.line_num for n in wanted):
                rows.append(number)
            last = reader.line_num
        if not "".join(record).strip():  # `,,,`, `" "`: no row (table.table_of strips each cell)
            continue
        if numbers and numbers[-1] < number - 1:
            raw.append(BLANK_RECORD)
            numbers.append(numbers[-1] + 1)
        raw.append(record)
        numbers.append(number)
    return rows


# An OpenDocument spreadsheet's first zip member, `mimetype`, holds this, stored uncompressed (ODF 1.2 part 3,
# §3.3): told by the first bytes, also of a file cut short.
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# The streams every Outlook .msg holds (`__substg1.0_…`), as OLE names them in its directory (UTF-16).
OUTLOOK_MSG = "__substg1.0_".encode("utf-16-le")


def read_table(
    data: bytes,
    filename: str,
    sheet: str | None = None,
    engine: str = "calamine",
    encoding: str | None = None,
) -> Table:
    """Read CSV, XLSX (or ODS: a zip too, which calamine reads), an old .xls or vCards (`vcards.read_vcards`) by
    the file's first bytes, else its name."""
    lower = filename.lower()
    if data[:4] == b"\xd0\xcf\x11\xe0":  # an OLE file: an old .xls, WPS .et — or a password-protected XLSX
        if OUTLOOK_MSG in data:  # an Outlook message saved as .msg (whatever its name): no table at all
            raise ReadError("outlook_msg")
        try:
            return read_xlsx(data, sheet=sheet)
        except ReadError as exc:
            if str(exc) != "xlsx":
                raise
            raise ReadError("xls") from exc
    if lower.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        try:
            return read_xlsx(data, sheet=sheet, engine=engine)
        except ReadError as exc:
            if str(exc) == "xlsx" and (ODS_MIMETYPE in data[:MARKUP_SCAN] or lower.endswith(".ods")):
                exc.params["ods"] = True  # the message names LibreOffice's format, not Excel's
            raise
    markup = markup_kind(data)
    if markup is not None:  # no CSV: read as one, its tags would be the header and the people
        raise ReadError(f"{markup}_xls")
    if VCARD.match(data[:64]):  # contacts as vCards (.vcf: a phone's, Outlook's or Google's export)
        return read_vcards(data, encoding=encoding)
    return read_csv(data, encoding=encoding)


# A vCard file's first line (RFC 6350 §3.3), after a byte order mark or blank lines; in UTF-16 too
VCARD = re.compile(
    rb"^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?(?:\s|\x00)*B\x00?E\x00?G\x00?I\x00?N\x00?:\x00?V\x00?C\x00?A\x00?R\x00?D",
    re.IGNORECASE,
)


MARKUP_SCAN = 4096  # the tags that tell a web page or an XML spreadsheet open it
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|table|head|body|meta)\b")
_SPREADSHEET_XML = ("urn:schemas-microsoft-com:office:spreadsheet", 'progid="excel.sheet"', "<workbook")


def markup_kind(data: bytes) -> str | None:
    """What markup the file is: "html" for a web page (what many OA and web systems' "Export to Excel" save as .xls: `<html …><table>`),
    "xml" for an Excel 2003 XML spreadsheet (`<?xml …?><Workbook xmlns="urn:schemas-microsoft-com:office:
    spreadsheet">`), else None. Told by the first tags, in UTF-8 or UTF-16 (with its byte order mark)."""
    head = data[:MARKUP_SCAN]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = head.decode("utf-16", "ignore")
    else:
        text = head.decode("latin-1")  # the tags are ASCII in any encoding but UTF-16
    text = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    if not text.startswith("<"):
        return None
    if text.startswith("<?xml") and any(mark in text for mark in _SPREADSHEET_XML):
        return "xml"  # before the HTML tags: SpreadsheetML holds a <Table> too
    if _HTML_TAG.search(text):
        return "html"
    return None
