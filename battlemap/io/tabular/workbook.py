"""Read one sheet of a workbook — XLSX, an old .xls / WPS file in that format, or LibreOffice's .ods
(python-calamine reads them all, `opendocument` what it misses of an .ods; openpyxl, for comparison in
`bench/import.py`, only XLSX) — into a `Table` (`table.table_of`)."""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from . import limits, limits_xlsx
from .columns import header_fields
from .layout import HEADER_SCAN_ROWS, NAME_FIELDS, blank
from .opendocument import is_ods, sheet_marks
from .shown import OLE, xls_shown, xlsx_shown
from .table import ReadError, Table, bounded, table_of


def _sheet_states_calamine(wb: Any) -> dict[str, bool]:
    """Sheet name -> visible, for worksheets (chart sheets are not tables)."""
    states = {}
    for meta in wb.sheets_metadata:
        if "WorkSheet" not in str(meta.typ):
            continue
        states[meta.name] = str(meta.visible).endswith("Visible") and "Hidden" not in str(meta.visible)
    return states


def read_xlsx(data: bytes | Path | str, sheet: str | None = None, engine: str = "calamine") -> Table:
    """Read one sheet of a workbook (XLSX, or an old .xls / WPS .et, which only calamine reads): `sheet`
    (a name or a 1-based number), else the first visible sheet with a recognisable header (empty ones, such
    as the blank `Sheet1` WPS leaves, and note sheets, such as a one-cell 说明, are passed over and named),
    else the first visible sheet that holds anything."""
    bounded(limits_xlsx.check_xlsx, data)
    if _declares_entities(data):  # refused whether or not a reader would expand them (docs/security.md)
        raise ReadError("xlsx", reason="dtd")
    if engine == "openpyxl":
        return _read_xlsx_openpyxl(data, sheet)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            if isinstance(data, bytes)
            else CalamineWorkbook.from_path(str(data))
        )
    except Exception as exc:  # calamine raises its own error types for broken files
        raise unreadable(data) from exc
    names = list(wb.sheet_names)
    states = _sheet_states_calamine(wb)
    name = _pick_sheet(names, sheet, states)
    hidden = [n for n in names if not states.get(n, True)]
    visible = [n for n in names if states.get(n, True)]
    candidates = visible[visible.index(name) :] if not sheet and name in visible else [name]
    empty: list[str] = []
    notes: list[str] = []  # sheets with text but no header (a one-cell 说明 before the list)
    first_filled: tuple[str, Any, list, list[str]] | None = None
    chosen = None
    for name in candidates:
        try:  # a sheet's XML is read only now: cut short, or with entities (a DTD), it fails here
            found = wb.get_sheet_by_name(name)
            bounded(limits.check_dimensions, found.height, found.width)
            raw = [list(r) for r in found.to_python(skip_empty_area=False)]
        except CalamineError as exc:
            raise unreadable(data, name) from exc
        if not any(not blank(r) for r in raw):
            empty.append(name)
            continue
        if _has_header(raw):
            chosen = (name, found, raw)
            break
        first_filled = first_filled or (name, found, raw, list(empty))
        notes.append(name)
    if chosen is None:  # no sheet has a header: the first that holds anything, as before
        if first_filled is not None:
            name, found, raw, empty = first_filled
        notes = []
    else:
        name, found, raw = chosen
    merged = getattr(found, "merged_cell_ranges", None) or []
    rows_hidden, columns_hidden = hidden_rows_columns(data, name)
    padded: dict[tuple[int, int], str] = {}
    in_1904 = False  # an .xls or .ods in the 1904 system is not told (not met yet): docs/import.md
    if isinstance(data, bytes) and data[:4] == OLE:  # an old .xls: calamine reads neither what it hides
        xls = xls_shown(data, name)  # nor the number formats
        rows_hidden, columns_hidden, padded = xls.hidden_rows, xls.hidden_columns, xls.cells
    elif is_ods(data):  # calamine reads an .ods sheet's cells, not its merges, what it hides
        marks = sheet_marks(data, name)
        merged, rows_hidden, columns_hidden = marks.merged, marks.hidden_rows, marks.hidden_columns
        padded = marks.padded  # nor its number styles
    else:
        padded, in_1904 = _padded(data, name), date1904(data)
    for (row, column), text in padded.items():  # a number shown zero-padded (013800138000) is that text
        if row <= len(raw) and column < len(raw[row - 1]):
            raw[row - 1][column] = text
    scanned = set(candidates[: candidates.index(name) + 1]) if name in candidates else {name}
    people_sheets = _other_people_sheets(wb, visible, scanned)
    return table_of(raw, merged=merged, sheet=name, sheets=names, hidden_sheets=hidden, empty_sheets=empty,
                  note_sheets=notes, people_sheets=people_sheets, unsaved_formulas=unsaved_formulas(data, name),
                  hide=(rows_hidden, columns_hidden), date1904=in_1904)  # fmt: skip


# A cell of the sheet's XML (`<c r="D7" t="str"><f>…</f><v>…</v></c>`), with or without a namespace prefix.
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?(?:v|is)>)", re.DOTALL)
_ATTR = re.compile(rb"\b(r|t|si)=\"([^\"]*)\"")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_NAMED = re.compile(rb"\b([\w:]+)=\"([^\"]*)\"")


def unsaved_formulas(data: bytes | Path | str, sheet: str) -> dict[tuple[int, int], str]:
    """The formula cells of `sheet` saved without their value — (row, 0-based column) -> `=formula` — and its
    error cells (`t="e"`: a formula that failed, #N/A, #REF!…) -> the error as the sheet shows it.

    openpyxl and many exporters other than Excel write formulas and leave their computing to the program
    that opens the file: a reader sees an empty cell. Excel saves every value, an empty text result with
    `t="str"`, so such a cell is empty indeed. A reader sees an error cell as empty too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return {}
            with book.open(part) as member:
                xml = member.read()  # bounded: limits_xlsx.check_xlsx streamed every sheet before
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return {}
    if b"<f" not in xml and b":f" not in xml and b't="e"' not in xml:
        return {}
    found, shared = {}, {}
    for attrs, body in _CELL.findall(xml):
        cell = dict(_ATTR.findall(attrs))
        if cell.get(b"t") == b"e":
            error = _VALUE.search(body or b"")
            _at(
                found,
                cell,
                html.unescape((error and error.group(1) or b"#VALUE!").decode("utf-8", "replace")),
            )
            continue
        formula = _FORMULA.search(body or b"")
        if formula is None:
            continue
        text = html.unescape((formula.group(2) or b"").decode("utf-8", "replace"))
        si = dict(_ATTR.findall(formula.group(1))).get(b"si")
        if si is not None and text:
            shared[si] = text  # a shared formula is written once, on its first cell
        value = _VALUE.search(body)
        if value is not None and (value.group(1) or cell.get(b"t") == b"str"):
            continue
        _at(found, cell, "=" + (text or shared.get(si, "…")))
    return found


def _at(found: dict[tuple[int, int], str], cell: dict[bytes, bytes], text: str) -> None:
    ref = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,7})", cell.get(b"r", b""))
    if ref is not None:
        found[(int(ref[2]), limits.column_number(ref[1]) - 1)] = text


_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\b(?=[^>]*\bhidden=\"(?:1|true)\")[^>]*?\br=\"([0-9]{1,7})\"")
_HIDDEN_COLUMNS = re.compile(
    rb"<(?:\w+:)?col\b(?=[^>]*\bhidden=\"(?:1|true)\")[^>]*?\bmin=\"([0-9]+)\"[^>]*?\bmax=\"([0-9]+)\""
)


def hidden_rows_columns(data: bytes | Path | str, sheet: str) -> tuple[set[int], set[int]]:
    """The rows (spreadsheet numbers) and columns (0-based) that `sheet` hides (`hidden="1"`): a user who
    hides a row ("已删除-勿导入") or a column (an old e-mail) does not see it, and does not expect it imported."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return set(), set()
            with book.open(part) as member:
                xml = member.read()  # bounded: limits_xlsx.check_xlsx streamed every sheet before
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return set(), set()
    rows = {int(n) for n in _HIDDEN_ROW.findall(xml)}
    columns = {
        c - 1
        for low, high in _HIDDEN_COLUMNS.findall(xml)
        for c in range(int(low), min(int(high), 16384) + 1)
    }
    return rows, columns


_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*?\bdate1904=\"(?:1|true)\"")


def date1904(data: bytes | Path | str) -> bool:
    """Whether an XLSX workbook counts its dates from 1904 (`<workbookPr date1904="1"/>`: Excel for Mac before
    2011, Apple Numbers): calamine reads its date cells right, but a serial in a column of dates that is not
    formatted as a date (General) counts from 1904-01-01, not 1899-12-30 (`dates.MAC_EPOCH`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            return bool(_DATE1904.search(book.read("xl/workbook.xml")))
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return False


def _padded(data: bytes | Path | str, sheet: str) -> dict[tuple[int, int], str]:
    """The XLSX sheet's numbers read as shown (`shown.xlsx_shown`: zero-padded, with text, percents), by cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            part = _sheet_part(book, sheet)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError):
        return {}
    return xlsx_shown(data, part)


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member that holds the sheet named `sheet` (xl/workbook.xml and its relationships)."""
    rel_id = None
    for attrs in _SHEET.findall(book.read("xl/workbook.xml")):
        named = {k.split(b":")[-1]: v for k, v in _NAMED.findall(attrs)}
        if html.unescape(named.get(b"name", b"").decode("utf-8", "replace")) == sheet:
            rel_id = next((v for k, v in _NAMED.findall(attrs) if k.endswith(b":id")), None)
    for attrs in _REL.findall(book.read("xl/_rels/workbook.xml.rels")):
        named = dict(_NAMED.findall(attrs))
        if rel_id is not None and named.get(b"Id") == rel_id:
            target = html.unescape(named.get(b"Target", b"").decode("utf-8", "replace"))
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return None


def _has_header(raw: list[list[Any]], people: bool = False) -> bool:
    """Whether one of the sheet's first rows names two or more known columns (layout.HEADER_SCAN_ROWS) — with
    `people`, one of them the people's names (姓名, Name, First Name …): a list of people."""
    filled = (r for r in raw if not blank(r))
    for _n, row in zip(range(HEADER_SCAN_ROWS), filled, strict=False):
        fields = header_fields([str(c) for c in row if c not in (None, "")])
        if len(fields) >= 2 and (not people or fields & NAME_FIELDS):
            return True
    return False


PEOPLE_SCAN_ROWS = 200  # the rows of another sheet read to tell whether it holds a list of people too


def _other_people_sheets(wb: Any, visible: list[str], read: set[str]) -> list[str]:
    """The visible sheets, besides those `read` (the one imported, those passed over before it), whose first
    rows hold a header of people (`_has_header`): a workbook with one sheet per department (信息中心, 财务部)
    is imported one sheet at a time, and the others must not be left out without a word. A sheet that cannot
    be read is no matter here: it is not the one imported."""
    from python_calamine import CalamineError

    found = []
    for name in visible:
        if name in read:
            continue
        try:
            raw = [list(r) for r in wb.get_sheet_by_name(name).to_python(nrows=PEOPLE_SCAN_ROWS)]
        except CalamineError:
            continue
        if _has_header(raw, people=True):
            found.append(name)
    return found


def _read_xlsx_openpyxl(data: bytes | Path | str, sheet: str | None) -> Table:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data) if isinstance(data, bytes) else data, read_only=True, data_only=True
        )
    except Exception as exc:
        raise unreadable(data) from exc
    names = list(wb.sheetnames)
    states = {n: wb[n].sheet_state == "visible" for n in names}
    name = _pick_sheet(names, sheet, states)
    try:
        raw = [list(r) for r in wb[name].iter_rows(values_only=True)]
    except (ParseError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise unreadable(data, name) from exc
    finally:
        wb.close()
    hidden = [n for n in names if not states[n]]
    return table_of(
        raw, sheet=name, sheets=names, hidden_sheets=hidden, unsaved_formulas=unsaved_formulas(data, name)
    )


def unreadable(data: bytes | Path | str, sheet: str | None = None) -> ReadError:
    """The error for a workbook no reader can read, saying why (`file_problems.XLSX_REASONS`): not a zip
    archive (random bytes, a file cut short), XML entities declared (a DTD: never written by a spreadsheet
    program, the way of the "billion laughs" and external-entity attacks), else a damaged part — the
    sheet named when it is the one that failed."""
    try:
        if _declares_entities(data, strict=True):
            return ReadError("xlsx", reason="dtd")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return ReadError("xlsx", reason="not_zip")
    if sheet is not None:
        return ReadError("xlsx", reason="damaged_sheet", sheet=sheet)
    return ReadError("xlsx", reason="damaged")


def _declares_entities(data: bytes | Path | str, *, strict: bool = False) -> bool:
    """Whether an XML part of the workbook declares a DTD (a spreadsheet program never writes one: the way of the
    "billion laughs" and external-entity attacks), read from the start of each part. A file that is no zip
    archive: False (the reader says what it is), or its error with `strict`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            for member in book.infolist():
                if member.filename.lower().endswith((".xml", ".rels")):
                    with book.open(member) as part:
                        if limits.declares_dtd(part):
                            return True
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        if strict:
            raise
    return False


def _pick_sheet(names: list[str], sheet: str | None, visible: dict[str, bool] | None = None) -> str:
    if not names:
        raise ReadError("empty")
    if sheet is None or sheet == "":
        shown = [n for n in names if (visible or {}).get(n, True)]
        return shown[0] if shown else names[0]
    if sheet in names:
        return sheet
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return names[int(sheet) - 1]
    raise ReadError(f"sheet:{sheet}")
