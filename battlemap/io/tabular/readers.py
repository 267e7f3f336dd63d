"""Read a spreadsheet file (CSV or XLSX) into a plain table of cells.

Cells keep the value the user sees: numbers Excel stores as numbers become their text
(`13900000002`, never `13900000002.0`), dates stay dates. Row numbers are the spreadsheet's
(the header is row 1 when it is the first line).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENCODINGS_TRIED = ("utf-8", "gbk", "gb18030")


class ReadError(Exception):
    """The file cannot be read as a table (wrong type, unknown encoding, missing sheet)."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # data rows, blank ones dropped
    row_numbers: list[int]  # spreadsheet row number of each data row
    encoding: str | None = None  # CSV only: which encoding was used
    sheet: str | None = None  # XLSX only: which sheet was read
    sheets: list[str] = field(default_factory=list)


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


def _table(raw: list[list[Any]], text_only: bool = False, **meta: Any) -> Table:
    if text_only:  # CSV: every cell is already text
        rows = [[c.strip() for c in r] for r in raw]
    else:
        rows = [[cell_text(c) for c in r] for r in raw]
    start = next((i for i, r in enumerate(rows) if not _blank(r)), None)
    if start is None:
        raise ReadError("empty")
    headers = [str(h).strip().lstrip("\ufeff") for h in rows[start]]
    while headers and headers[-1] == "":
        headers.pop()
    width = len(headers)
    data, numbers = [], []
    for i in range(start + 1, len(rows)):
        r = rows[i]
        if _blank(r):
            continue
        r = (r + [""] * width)[:width] if len(r) != width else r
        data.append(r)
        numbers.append(i + 1)
    return Table(headers=headers, rows=data, row_numbers=numbers, **meta)


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for UTF-8 (with or without BOM), GBK or GB18030 bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (BOM)"
    for name in ENCODINGS_TRIED:
        try:
            return data.decode(name), {"utf-8": "UTF-8", "gbk": "GBK", "gb18030": "GB18030"}[name]
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("encoding")
    return str(best), best.encoding.upper()


def read_csv(data: bytes) -> Table:
    text, encoding = decode_csv_bytes(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    raw = list(csv.reader(io.StringIO(text, newline=""), dialect))
    return _table(raw, text_only=True, encoding=encoding)


def read_xlsx(data: bytes | Path | str, sheet: str | None = None, engine: str = "calamine") -> Table:
    """Read one sheet (the first unless `sheet`, a name or a 1-based number) of an XLSX file."""
    if engine == "openpyxl":
        return _read_xlsx_openpyxl(data, sheet)
    from python_calamine import CalamineWorkbook

    try:
        wb = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            if isinstance(data, bytes)
            else CalamineWorkbook.from_path(str(data))
        )
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ReadError("xlsx") from exc
    names = list(wb.sheet_names)
    name = _pick_sheet(names, sheet)
    raw = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return _table([list(r) for r in raw], sheet=name, sheets=names)


def _read_xlsx_openpyxl(data: bytes | Path | str, sheet: str | None) -> Table:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data) if isinstance(data, bytes) else data, read_only=True, data_only=True
        )
    except Exception as exc:
        raise ReadError("xlsx") from exc
    names = list(wb.sheetnames)
    name = _pick_sheet(names, sheet)
    raw = [list(r) for r in wb[name].iter_rows(values_only=True)]
    wb.close()
    return _table(raw, sheet=name, sheets=names)


def _pick_sheet(names: list[str], sheet: str | None) -> str:
    if not names:
        raise ReadError("empty")
    if sheet is None or sheet == "":
        return names[0]
    if sheet in names:
        return sheet
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return names[int(sheet) - 1]
    raise ReadError(f"sheet:{sheet}")


def read_table(data: bytes, filename: str, sheet: str | None = None, engine: str = "calamine") -> Table:
    """Read CSV or XLSX by the file's name (falling back to its first bytes)."""
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return read_xlsx(data, sheet=sheet, engine=engine)
    if lower.endswith(".xls"):
        raise ReadError("xls")
    return read_csv(data)
