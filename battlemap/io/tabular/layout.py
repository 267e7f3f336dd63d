"""Where the table is in a sheet's cells (issue #14, kind 3): title and notes rows above the header are
skipped (the header is the row, among the first ones, that holds the most recognised column names); a two-row
header with merged group cells is read as one (a blank cell under a group takes the group's name, a sub-header
under a merged group label names its column); the footer lines report exports end with (grand totals,
confidentiality and copyright notices, who drew up or checked the list and when) and the notes among the people
(`备注：以下为新入职`) are found by one rule (`is_note`), while a real-looking name alone stays a person; one-cell heading
rows inside a hand-kept list (`信息中心（3人）`) are no people: they are taken out and name the unit of the
people below them. Pure functions over rows of cells (`table.table_of` puts them together)."""

from __future__ import annotations

import re
from typing import Any

from battlemap.io.cleaning import joined
from battlemap.io.sections import section_unit

from .columns import header_fields, header_score
from .headers import header_key

# The columns that name the person of a row: a name merged down over rows makes them one person's (`join_continuations`);
# a repeated header names them by a label (`repeats_header`)
NAME_FIELDS = frozenset({"name", "first_name", "last_name"})
HEADER_SCAN_ROWS = 30  # the header is looked for among this many first non-blank rows
FOOTER_RE = re.compile(
    r"grand totals?|^totals?\b|subtotal|confidential|do not distribute|copyright|\(c\)|©|all rights reserved|"
    r"generated (by|on|at)|^report (generated|run)|^filtered by|^page \d|合计|总计|小计|机密|保密|版权所有|"
    r"导出时间|生成时间|报表生成|共\s*\d+\s*(条|人|行)|导出(人|者|于|日期)|制表(人|日期|时间)?[:：]|"
    r"打印(人|时间|日期)|^(exported|printed|run) (by|on|at)\b|"
    # who drew up, filled in, checked or approved the list, and when (a signature line, often in several cells)
    r"^(制表|填表|填报|编制|审核|复核|审批|批准|核对|经办|统计)(人|日期|时间|单位)\s*[:：]|"
    r"^(prepared|checked|reviewed|approved|compiled) (by|on)\s*:",
    re.IGNORECASE,
)
# A totals row may fill more than one cell (`合计,,2 人`, `Total,,,3`): it and the lines after it are the
# footer when its first cell says so.
TOTALS_RE = re.compile(r"^\s*((grand\s+|sub\s*)?totals?|合计|总计|小计|共计)\s*([:：(（\d]|$)", re.IGNORECASE)


def blank(row: list[Any]) -> bool:
    return all(c == "" or c is None for c in row)


def filled_cells(row: list[Any]) -> list[Any]:
    return [c for c in row if not (c == "" or c is None)]


def _with_groups(upper: list[Any], lower: list[Any]) -> list[str]:
    """A two-row header as one: a blank cell of the lower row takes the cell above (`姓名` merged down)."""
    width = max(len(upper), len(lower))
    upper = list(upper) + [""] * (width - len(upper))
    lower = list(lower) + [""] * (width - len(lower))
    return [
        str(lo).strip() if str(lo).strip() else str(up).strip() for up, lo in zip(upper, lower, strict=True)
    ]


def _sub_header(upper: list[Any], lower: list[Any]) -> bool:
    """Whether `lower` may be the second row of a two-row header under `upper`: it fills more cells
    (group cells above: `基本信息` over `职务`, `部门`), or it names columns only under group labels and blanks
    (`序号`, `姓名`, `部门` merged down over both rows, `手机` and `邮箱` under `联系方式`) — never under a
    column `upper` already names, as a data row does. `find_header` takes the pair only when it names more
    columns than either row alone."""
    if len(filled_cells(upper)) < len(filled_cells(lower)):
        return True
    named = [header_score([str(c).strip()]) > 0 for c in upper]
    return all(
        not (c < len(named) and named[c]) for c, cell in enumerate(lower) if not (cell == "" or cell is None)
    )


def find_header(rows: list[list[Any]], start: int) -> tuple[int, int | None, list[str]]:
    """(index of the header row, index of a group row above it or None, the header cells)."""
    candidates = [i for i in range(start, len(rows)) if not blank(rows[i])][:HEADER_SCAN_ROWS]
    best: tuple[int, int, int | None, list[str]] | None = None
    for pos, i in enumerate(candidates):
        cells = [str(c).strip() for c in rows[i]]
        score, group = header_score(cells), None
        above = candidates[pos - 1] if pos else None
        if above is not None and above == i - 1 and _sub_header(rows[above], rows[i]):
            merged = _with_groups(rows[above], rows[i])
            if header_score(merged) > score:
                cells, score, group = merged, header_score(merged), above
        if best is None or score > best[0]:
            best = (score, i, group, cells)
    if best is not None and best[0] >= 2:
        return best[1], best[2], best[3]
    # nothing recognised: the first row with two or more cells (a one-cell title above is skipped)
    first = next((i for i in candidates if len(filled_cells(rows[i])) >= 2), candidates[0])
    return first, None, [str(c).strip() for c in rows[first]]


# A cell a header row may hold that the alias table does not know (`Dept.`, `Tel`, `Cell`, `Mail`, `Remarks`, `No.`):
# a short label, with no digit and no `@` — no phone, e-mail, date or id a person's row would hold
LABEL_MAX_CHARS = 30
_NO_LABEL = re.compile(r"[\d@]")


def _label_like(text: str) -> bool:
    return len(text) <= LABEL_MAX_CHARS and not _NO_LABEL.search(text)


def repeats_header(row: list[Any], headers: list[str]) -> bool:
    """Whether a data row repeats the header rather than naming a person: two or more of its cells are, each in
    its column, that column's header again (`姓名` under 姓名: a second table pasted below the first) or another
    header of the same field (`Name` under 姓名, `Title` under 职务: a bilingual template's second header row) —
    the name's cell among them, when the header has a name column — and every other cell is a label too: one the
    alias table knows (another column's), or a short one with no digit and no `@` (`Dept.`, `Tel`, `Remarks`, which
    it does not know). A reviewer's files made a person "Name", titled "Title", in a unit "Department", or were
    refused for `row 2, Email: "Email" is not an email address`; then, the same with one label unknown (`Dept.`
    beside Name and Position). A row of a person named `Name` is still one when it holds a phone, an e-mail or any
    cell with a digit."""
    matched, named = 0, {}
    for i, cell in enumerate(row):
        text = str(cell).strip() if not (cell == "" or cell is None) else ""
        if not text or i >= len(headers):
            continue
        fields = header_fields([headers[i]])
        same = header_key(text) == header_key(headers[i]) or bool(fields and header_fields([text]) == fields)
        if fields & NAME_FIELDS:
            named[i] = same
        if same:
            matched += 1
        elif not (header_fields([text]) or _label_like(text)):
            return False
    return matched >= 2 and all(named.values())


def take_repeated_headers(
    rows: list[list[Any]], numbers: list[int], headers: list[str]
) -> tuple[list[list[Any]], list[int], list[tuple[int, str]]]:
    """Take the rows that repeat the header (`repeats_header`) out of the data rows: (rows, their numbers, the
    repeated headers as (row, text)), listed as title and footer rows are."""
    kept, kept_numbers, repeated = [], [], []
    for row, number in zip(rows, numbers, strict=True):
        if repeats_header(row, headers):
            repeated.append((number, " ".join(str(c) for c in filled_cells(row))))
        else:
            kept.append(row)
            kept_numbers.append(number)
    return kept, kept_numbers, repeated


# A one-cell row whose text cannot be a person's name is a note, wherever it stands (`备注：以下为新入职`,
# `Source: HR system`, `共 3 人`): a name never holds a colon, a sentence's stop, a count of people or records,
# and does not begin with a note's or a total's word. A real-looking name (`孙七`, `周游`) stays a person.
NOTE_RE = re.compile(
    r"[:：。；！？]|"
    r"\d+\s*(人|名|位|条|行|项|records?|rows?|people|persons?|members?|contacts?)\b|"
    r"^\s*(备注|附注|注意|注|说明|合计|总计|小计|共计|以下|以上)|"
    r"^\s*(total|totals|note|notes|nb|remarks?|source|sources|generated|comments?)\b",
    re.IGNORECASE,
)


def _first(row: list[Any]) -> str:
    filled = filled_cells(row)
    return str(filled[0]) if filled else ""


def is_note(row: list[Any]) -> bool:
    """Whether a data row is a note or a report's footer line rather than a person (the one rule, wherever
    the row stands): a row that fills one cell with text no name reads like (`NOTE_RE`, `FOOTER_RE`), a
    totals row whose first cell is the label (`合计,,2 人`, `Total,,,3`), or a signature line whose every
    cell says who drew up or checked the list and when (`制表人：张三 | | 制表日期：2026-11-30`)."""
    filled = filled_cells(row)
    if not filled:
        return False
    if len(filled) == 1 and isinstance(filled[0], str):
        text = filled[0].strip()
        if NOTE_RE.search(text) or FOOTER_RE.search(text):
            return True
    if TOTALS_RE.match(_first(row)) and str(row[0]).strip() != "":
        return True
    return all(isinstance(c, str) and FOOTER_RE.search(c) for c in filled)


def take_notes(
    rows: list[list[Any]], numbers: list[int]
) -> tuple[list[list[Any]], list[int], list[tuple[int, str]], list[tuple[int, str]]]:
    """Take the notes (`is_note`) out of the data rows: (rows, their numbers, the notes among the people as
    (row, text), the footer — the notes after the last person — as (row, text))."""
    kept, kept_numbers, notes = [], [], []
    for row, number in zip(rows, numbers, strict=True):
        if is_note(row):
            notes.append((number, " ".join(str(c) for c in filled_cells(row))))
        else:
            kept.append(row)
            kept_numbers.append(number)
    last = kept_numbers[-1] if kept_numbers else 0
    return kept, kept_numbers, [n for n in notes if n[0] < last], [n for n in notes if n[0] > last]


def take_sections(
    data: list[list[Any]], numbers: list[int], width: int
) -> tuple[list[list[Any]], list[int], list[tuple[int, str]], dict[int, str]]:
    """Take the heading rows out of a table of three or more columns: (rows, their numbers, the headings
    as (row, text), each remaining row's unit from the heading above it)."""
    if width < 3:
        return data, numbers, [], {}
    rows, kept, sections, unit_of = [], [], [], {}
    unit = None
    for row, number in zip(data, numbers, strict=True):
        filled = filled_cells(row)
        heading = section_unit(filled[0]) if len(filled) == 1 and isinstance(filled[0], str) else None
        if heading and (TOTALS_RE.match(filled[0]) or NOTE_RE.search(heading) or FOOTER_RE.search(heading)):
            heading = None  # `合计（3人）` is a total and `备注：以下为销售部` a note, not units
        if heading:
            sections.append((number, filled[0]))
            unit = heading
            continue
        rows.append(row)
        kept.append(number)
        if unit:
            unit_of[number] = unit
    return rows, kept, sections, unit_of


def fill_merged(raw: list[list[Any]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A cell merged down over several rows (`信息中心` beside each of its people) holds its value only in
    its first cell: give it to every cell of the range. Ranges one row high (a heading across a row) are
    left as they are."""
    for (r0, c0), (r1, c1) in ranges:
        if r1 <= r0 or r0 >= len(raw) or c0 >= len(raw[r0]):
            continue
        value = raw[r0][c0]
        for r in range(r0, min(r1, len(raw) - 1) + 1):
            row = raw[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value


# The fields a person holds several of in one cell (`phones.every_phone`'s ` / `, a role cell's separators) or as free
# text (two posts: 主任 / 党委副书记): a merged person's further rows join them. Any other field is one value: two
# different ones over the rows are a conflict the file must settle (an e-mail, an attitude, a department).
JOINED_FIELDS = frozenset({"phone", "roles", "title", "notes", "duties", "concerns", "personal_win"})


def join_continuations(
    rows: list[list[str]], ranges: list[tuple[tuple[int, int], tuple[int, int]]], fields: dict[int, str]
) -> list[tuple[int, int, int, str, str]]:
    """A name cell merged down over rows (`刘建华` over a row with his mobile and one with his desk phone: the
    sheet's way to give one person two lines) makes those rows one person's: in a column of `JOINED_FIELDS` (or of
    no field) each further row's value that differs joins the first row's after ` / `; in another column the first
    filled value stands, and a different one in a further row is a conflict; the further rows are emptied (`blank`:
    no row). Run after `fill_merged`, which gave the name to every row of the range. `rows` as text, 0-based like
    `ranges`; `fields`: the field of each 0-based column the header names. Returns the conflicts, (first row, the
    further row, column, first value, other value), 0-based, for the caller to refuse the file naming them. A
    reviewer's merged 刘建华 had become two people, and a manager cell naming him "matches several people"."""
    name_columns = {c for c, f in fields.items() if f in NAME_FIELDS}
    conflicts = []
    for (r0, c0), (r1, c1) in ranges:
        if r1 <= r0 or r0 >= len(rows) or not any(c0 <= c <= c1 for c in name_columns):
            continue
        first = rows[r0]
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            for c, value in enumerate(rows[r]):
                if not value:
                    continue
                if c >= len(first):
                    first.extend([""] * (c - len(first)) + [value])
                elif not first[c]:
                    first[c] = value
                elif fields.get(c, "notes") in JOINED_FIELDS:
                    first[c] = joined(first[c], value)
                elif value != first[c]:
                    conflicts.append((r0, r, c, first[c], value))
            rows[r] = [""] * len(rows[r])
    return conflicts
