"""The group rows of a formatted report export (Salesforce's "Export → Formatted Report", a HubSpot or Dynamics 365
report grouped by a column): a row that fills one cell with the group's value and its count in brackets
(`Acme Corp (2)`, `Acme Corp (2 records)`, `Account Name: Acme Corp (2 records)`, `华东能源 (3 条记录)`), over rows
that leave that column empty. Such a row is no person: it is taken out, and its value fills the empty cells of its
column in the rows below it — the Account Name of the people of that account —, up to the next group row of that
column. The report's `Subtotal` and `Grand Totals (3 records)` rows are totals, taken out with the notes
(`layout.is_note`). Pure functions over rows of cells (`table.table_of` calls `take_groups` before the headings of
a hand-kept list, `layout.take_sections`)."""

from __future__ import annotations

import re
from typing import Any

from .headers import header_key
from .layout import FOOTER_RE, TOTALS_RE, filled_cells, is_note

# `<value> (<count>)`, the count alone or with its word; `<column's header>: ` before it names the column
GROUP_RE = re.compile(
    r"^(?:(?P<label>[^:：]{1,80})[:：]\s*)?(?P<value>.+?)\s*[（(]\s*\d[\d,]*\s*"
    r"(?:records?|rows?|items?|contacts?|people|条记录|条|项|人)?\s*[)）]$",
    re.IGNORECASE,
)
GROUP_MIN_WIDTH = 3  # as for the headings of a hand-kept list: a table of three or more columns


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _group(row: list[Any], headers: list[str]) -> tuple[int, str] | None:
    """(the column, the value) a one-cell row names as a group, else None."""
    filled = [(c, v) for c, v in enumerate(row) if not _blank(v)]
    if len(filled) != 1 or not isinstance(filled[0][1], str):
        return None
    column, text = filled[0][0], filled[0][1].strip()
    found = GROUP_RE.match(text)
    if found is None or TOTALS_RE.match(text) or FOOTER_RE.search(text):
        return None  # `Grand Totals (3 records)`, `合计（3人）`: totals
    if found["label"]:
        keys = [header_key(h) for h in headers]
        if header_key(found["label"]) not in keys:
            return None  # `备注：以下 (2)`: a note, not a column's group
        column = keys.index(header_key(found["label"]))
    return column, found["value"].strip()


def _over_empty(data: list[list[Any]], start: int, column: int) -> bool:
    """Whether the first row below `start` that fills two or more cells (a person) leaves `column` empty."""
    for row in data[start + 1 :]:
        if len(filled_cells(row)) >= 2:
            return column < len(row) and _blank(row[column])
    return False


def take_groups(
    data: list[list[Any]], numbers: list[int], headers: list[str]
) -> tuple[list[list[Any]], list[int], list[tuple[int, str, str]]]:
    """Take a report's group rows out: (rows, their numbers, the groups as (row, text, the header of the column
    they fill)). Each remaining row — a note or footer line aside — takes the value of the group above it in the
    cells of the group's column it leaves empty; a cell the row fills keeps its own value."""
    if len(headers) < GROUP_MIN_WIDTH:
        return data, numbers, []
    rows, kept, groups = [], [], []
    current: dict[int, str] = {}  # column -> the value of the group above
    for i, (row, number) in enumerate(zip(data, numbers, strict=True)):
        group = _group(row, headers)
        if group is not None and group[0] < len(headers) and _over_empty(data, i, group[0]):
            column, value = group
            current[column] = value
            groups.append((number, str(filled_cells(row)[0]).strip(), headers[column]))
            continue
        if current and not is_note(row):
            row = [current[c] if c in current and _blank(v) else v for c, v in enumerate(row)]
        rows.append(row)
        kept.append(number)
    return rows, kept, groups
