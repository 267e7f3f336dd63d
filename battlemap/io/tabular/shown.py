"""What a workbook shows that its cell values do not say, read beside python-calamine (which gives the values
alone): numbers a zero-padded number format shows with their leading zeros, and — for an old .xls (Excel 97 /
WPS), whose hidden rows and columns calamine does not report — what the sheet hides.

A phone column formatted `000000000000` holds the number 13800138000 and shows `013800138000`; a value read
as `13800138000` loses the zero the user sees (docs/import.md: "Numbers that Excel stores as numbers are read
as the text shown"). The number format of a cell is its style's (`xl/styles.xml`: `numFmts` and `cellXfs`, the
cell's `s` attribute in the sheet; in an .xls, its XF record, read with xlrd)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# a format that pads a whole number with zeros to a width: `0000000000` (the first section: positive numbers)
ZERO_PADDED = re.compile(r"0{2,}")
OLE = b"\xd0\xcf\x11\xe0"


def padded_text(value: Any, code: str) -> str | None:
    """`value` as the number format `code` shows it when that format pads whole numbers with zeros
    (`0000000000`: 755888866 → `0755888866`), else None (the value reads as itself)."""
    section = code.split(";", 1)[0].strip()
    if not ZERO_PADDED.fullmatch(section) or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value < 0 or not float(value).is_integer():
        return None
    return str(int(value)).zfill(len(section))


@dataclass
class Shown:
    """Cells to read as shown, (spreadsheet row, 0-based column) -> text; and, for an .xls, the hidden rows
    (spreadsheet numbers) and columns (0-based)."""

    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def _bytes(data: bytes | Path | str) -> bytes:
    return data if isinstance(data, bytes) else Path(data).read_bytes()


def xls_shown(data: bytes | Path | str, sheet: str) -> Shown:
    """An old .xls sheet's hidden rows and columns and its zero-padded numbers (xlrd reads the BIFF records:
    ROW's and COLINFO's hidden flags, each cell's XF and its FORMAT). A file xlrd cannot read gives nothing."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=_bytes(data), formatting_info=True, on_demand=True)
        found = book.sheet_by_name(sheet)
    except Exception:  # noqa: BLE001 — xlrd raises many kinds for files calamine reads (WPS .et)
        return Shown()
    shown = Shown(
        hidden_rows={r + 1 for r, info in found.rowinfo_map.items() if info.hidden},
        hidden_columns={c for c, info in found.colinfo_map.items() if info.hidden},
    )
    padded_xfs = {i for i, xf in enumerate(book.xf_list) if ZERO_PADDED.fullmatch(_code(book, xf.format_key))}
    if padded_xfs:
        for r in range(found.nrows):
            for c, cell in enumerate(found.row(r)):
                if cell.ctype == xlrd.XL_CELL_NUMBER and cell.xf_index in padded_xfs:
                    text = padded_text(cell.value, _code(book, book.xf_list[cell.xf_index].format_key))
                    if text is not None:
                        shown.cells[(r + 1, c)] = text
    return shown


def _code(book: Any, key: int) -> str:
    fmt = book.format_map.get(key)
    return (fmt.format_str if fmt is not None else "").split(";", 1)[0].strip()


_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*?\bnumFmtId=\"(\d+)\"[^>]*?\bformatCode=\"([^\"]*)\"")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*?)/?>")
_FMT_ID = re.compile(rb"\bnumFmtId=\"(\d+)\"")
# a number cell (no type, or t="n") with a style: `<c r="D2" s="3"><v>13800138000</v></c>`
_STYLED_NUMBER = re.compile(
    rb"<(?:\w+:)?c\b(?=[^>]*\bs=\"(\d+)\")(?![^>]*\bt=\"(?!n\")[^\"]*\")[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\""
    rb"[^>]*>\s*<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>"
)


def xlsx_padded(data: bytes | Path | str, sheet_part: str | None) -> dict[tuple[int, int], str]:
    """The number cells of an XLSX sheet (its zip member `sheet_part`) whose style's format pads with zeros:
    (spreadsheet row, 0-based column) -> the text shown. Only the styles are read when none pads."""
    from .limits import column_number

    if sheet_part is None:
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            styles = book.read("xl/styles.xml")  # bounded: limits.check_xlsx streamed every part before
            codes = {
                int(i): html.unescape(code.decode("utf-8", "replace")) for i, code in _NUM_FMT.findall(styles)
            }
            xfs = _CELL_XFS.search(styles)
            padded = {}
            for n, attrs in enumerate(_XF.findall(xfs.group(0)) if xfs else ()):
                fmt = _FMT_ID.search(attrs)
                code = codes.get(int(fmt.group(1)), "") if fmt else ""
                if ZERO_PADDED.fullmatch(code.split(";", 1)[0].strip()):
                    padded[n] = code
            if not padded:
                return {}
            xml = book.read(sheet_part)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return {}
    cells = {}
    for style, column, row, value in _STYLED_NUMBER.findall(xml):
        code = padded.get(int(style))
        if code is None:
            continue
        try:
            number = float(value)
        except ValueError:
            continue
        text = padded_text(number, code)
        if text is not None:
            cells[(int(row), column_number(column) - 1)] = text
    return cells
