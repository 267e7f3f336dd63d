"""What a workbook shows that its cell values do not say, read beside python-calamine (which gives the values
alone): numbers as their number format shows them — zero-padded, with text around them, as a percent — and,
for an old .xls (Excel 97 / WPS), whose hidden rows and columns calamine does not report, what the sheet hides.

A phone column formatted `000000000000` holds the number 13800138000 and shows `013800138000`; a 工号 column
formatted `"A"0000` holds 101 and shows `A0101`; a cell formatted `0%` holds 0.15 and shows `15%`. A value read
as the number loses what the user sees (docs/import.md: "Numbers that Excel stores as numbers are read as the
text shown"). One rule reads every format (`shown_text`); decimals and thousands separators alone are not
applied (3 shown `3.00` is read `3`, as number columns such as influence read it). The number format of a cell
is its style's (`xl/styles.xml`: `numFmts` and `cellXfs`, the cell's `s` attribute in the sheet, and Excel's
built-in percents; in an .xls, its XF record, read with xlrd; in an .ods, `opendocument` writes its number style
as the format it is)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

OLE = b"\xd0\xcf\x11\xe0"
# the formats Excel numbers without writing them in xl/styles.xml that show something else than the number
BUILTIN_FORMATS = {9: "0%", 10: "0.00%"}
# a format's tokens: a quoted literal, an escaped character, a bracketed part, a digit placeholder, anything else
_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|([0#?.,%])|(.)', re.DOTALL)
# characters a format shows as they are without quotes (Excel's own list, less those that mean something)
_PLAIN = set("$-+/():!^&'~{}<>= ¥€£")
_COLOUR = re.compile(r"\[(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)\]", re.IGNORECASE)
_LOCALE = re.compile(r"\[\$([^-\]]*)(-[0-9a-fA-F]+)?\]")


@dataclass
class NumberFormat:
    """One section of a number format as it shows a number: text before and after one run of digit
    placeholders (`"A"0000`: `A` then four digits at least), decimals, thousands separators, a percent."""

    prefix: str = ""
    suffix: str = ""
    whole_digits: int = 0  # zeros before the decimal point: the least digits shown (-1: no digits at all)
    decimals: int = 0  # placeholders after it
    least_decimals: int = 0  # zeros after it
    grouped: bool = False
    percent: bool = False

    def shows(self, value: float) -> str:
        if self.whole_digits < 0:  # no digits: the section's text alone
            return self.prefix
        number = abs(Decimal(repr(float(value))))
        if self.percent:
            number *= 100
        number = number.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        whole, _dot, fraction = f"{number:f}".partition(".")
        whole = whole.lstrip("0").zfill(self.whole_digits)
        if self.grouped:
            whole = f"{int(whole or 0):,}".zfill(self.whole_digits) if whole else ""
        fraction = fraction[: self.decimals]
        while len(fraction) > self.least_decimals and fraction.endswith("0"):
            fraction = fraction[:-1]
        digits = whole + ("." + fraction if fraction else "")
        return self.prefix + digits + self.suffix

    def decorated(self) -> bool:
        """Text around the number (`"A"0000`, `0"人"`) or a percent."""
        return bool(self.prefix or self.suffix or self.percent)

    def matters(self) -> bool:
        """Whether the text shown differs from the number in what a person's data holds: text around it, a
        percent, or zero-padding alone (`000000000000`, no decimals nor grouping) — not decimals or thousands
        separators alone (3 shown 3.00 is read 3, as a number column such as influence reads it)."""
        return self.decorated() or (self.whole_digits >= 2 and not self.decimals and not self.grouped)


def number_format(section: str) -> NumberFormat | None:
    """One section of a format (`"A"0000`, `0.0%`, `\\No.000`, `[Blue]0"人"`) as a `NumberFormat`, or None for
    what this reader does not show (dates and times, text `@`, scientific notation, fractions, conditions,
    scaling commas, padding `_` and `*`, `General`, digits with text between them such as `000-0000`)."""
    if not section or section.lower() == "general":
        return None
    section = _COLOUR.sub("", section)
    shown = NumberFormat()
    before, digits, after, placeholders = [], [], [], False
    for quoted, escaped, bracket, placeholder, other in _TOKEN.findall(section):
        if bracket:
            locale = _LOCALE.fullmatch(bracket)
            if locale is None:
                return None  # a condition ([>100]), elapsed time ([h])
            literal = locale.group(1)
        elif placeholder == "%":
            shown.percent, literal = True, "%"
        elif placeholder:
            if after:
                return None  # digits, text, digits again: 000-0000
            digits.append(placeholder)
            placeholders = True
            continue
        elif quoted or escaped:
            literal = quoted or escaped
        elif other in _PLAIN:
            literal = other
        else:
            return None  # a date or time letter, @, E+, _ or *, a letter unquoted
        (after if placeholders else before).append(literal)
    code = "".join(digits)
    if not placeholders:  # text alone, such as the zero section `"零"` or `"-"`
        shown.prefix = "".join(before)
        shown.whole_digits = -1
        return shown if shown.prefix else None
    if "?" in code or code.endswith(",") or code.count(".") > 1:
        return None
    whole, _dot, fraction = code.partition(".")
    if "," in fraction or not set(whole.replace(",", "")) <= {"0", "#"} or set(fraction) - {"0", "#"}:
        return None
    shown.prefix, shown.suffix = "".join(before), "".join(after)
    shown.whole_digits = whole.count("0")
    shown.grouped = "," in whole
    shown.decimals, shown.least_decimals = len(fraction), fraction.count("0")
    return shown


def _sections(code: str) -> list[str]:
    """The sections of a format (positive; negative; zero; text), split at the `;` outside quotes."""
    parts, current, quoted, escaped = [], [], False, False
    for char in code:
        if escaped:
            escaped = False
        elif char == "\\" and not quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def shown_text(value: Any, code: str) -> str | None:
    """`value` as the number format `code` shows it, when the format shows more than the number (text around it,
    a percent, zero-padding: `NumberFormat.matters`): 101 formatted `"A"0000` is `A0101`, 0.15 formatted `0%`
    is `15%`, 755888866 formatted `0000000000` is `0755888866` — else None (the value reads as itself).
    A negative number takes the format's second section, without its sign, when there is one (as Excel)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:  # NaN
        return None
    sections = _sections(code)
    section, sign = sections[0], ""
    if value < 0:
        section, sign = (sections[1], "") if len(sections) > 1 and sections[1] else (sections[0], "-")
    elif value == 0 and len(sections) > 2 and sections[2]:
        section = sections[2]
    shown = number_format(section)
    if shown is None or not shown.matters():
        return None
    if not shown.decorated() and (value < 0 or not float(value).is_integer()):
        return None  # zero-padding pads whole numbers (phones, ids): 1.5 or -5 read as themselves
    return sign + shown.shows(value)


def shows_more(code: str) -> bool:
    """Whether a format shows some number otherwise than as itself (`shown_text`): its cells are read as shown."""
    return any(
        (shown := number_format(section)) is not None and shown.matters() for section in _sections(code)[:3]
    )


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
    shown_xfs = {i for i, xf in enumerate(book.xf_list) if shows_more(_code(book, xf.format_key))}
    if shown_xfs:
        for r in range(found.nrows):
            for c, cell in enumerate(found.row(r)):
                if cell.ctype == xlrd.XL_CELL_NUMBER and cell.xf_index in shown_xfs:
                    text = shown_text(cell.value, _code(book, book.xf_list[cell.xf_index].format_key))
                    if text is not None:
                        shown.cells[(r + 1, c)] = text
    return shown


def _code(book: Any, key: int) -> str:
    fmt = book.format_map.get(key)
    return fmt.format_str if fmt is not None else ""


_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*?\bnumFmtId=\"(\d+)\"[^>]*?\bformatCode=\"([^\"]*)\"")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*?)/?>")
_FMT_ID = re.compile(rb"\bnumFmtId=\"(\d+)\"")
# a number cell (no type, or t="n") with a style: `<c r="D2" s="3"><v>13800138000</v></c>`
_STYLED_NUMBER = re.compile(
    rb"<(?:\w+:)?c\b(?=[^>]*\bs=\"(\d+)\")(?![^>]*\bt=\"(?!n\")[^\"]*\")[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\""
    rb"[^>]*>\s*<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>"
)


def xlsx_shown(data: bytes | Path | str, sheet_part: str | None) -> dict[tuple[int, int], str]:
    """The number cells of an XLSX sheet (its zip member `sheet_part`) whose style's format shows more than the
    number (`shows_more`: zero-padding, text, a percent): (spreadsheet row, 0-based column) -> the text shown.
    Only the styles are read when no format does."""
    from .limits import column_number

    if sheet_part is None:
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as book:
            styles = book.read("xl/styles.xml")  # bounded: limits_xlsx.check_xlsx streamed every part before
            codes = dict(BUILTIN_FORMATS)
            codes.update(
                (int(i), html.unescape(code.decode("utf-8", "replace")))
                for i, code in _NUM_FMT.findall(styles)
            )
            xfs = _CELL_XFS.search(styles)
            padded = {}
            for n, attrs in enumerate(_XF.findall(xfs.group(0)) if xfs else ()):
                fmt = _FMT_ID.search(attrs)
                code = codes.get(int(fmt.group(1)), "") if fmt else ""
                if shows_more(code):
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
        text = shown_text(number, code)
        if text is not None:
            cells[(int(row), column_number(column) - 1)] = text
    return cells
