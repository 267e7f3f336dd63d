"""Turn table rows into validated person rows; every problem is collected, none stops the scan."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from battlemap.vocab import INFLUENCE_MAX, INFLUENCE_MIN

from .columns import ColumnMap
from .problems import Problem
from .readers import Table
from .values import BOOL_VALUES, ValueTables, value_key

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
CJK_RE = re.compile(r"[\u3400-\u9fff]")
DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass
class PersonRow:
    row: int
    name: str = ""
    external_id: str = ""
    title: str = ""
    department: str = ""
    email: str = ""
    phone: str = ""
    company: str = ""
    manager: str = ""  # a name or an email
    reports_to_id: str = ""
    roles: tuple[str, ...] = ()
    attitude: str | None = None
    influence: int | None = None
    relationship: int | None = None
    opportunity_id: str = ""
    is_primary: bool | None = None
    status: str | None = None
    left_on: dt.date | None = None
    notes: str = ""
    present: set[str] = field(default_factory=set)  # fields whose column exists in the file


def full_name(first: str, last: str) -> str:
    """Chinese names read family name first without a space; others `First Last`."""
    first, last = first.strip(), last.strip()
    if CJK_RE.search(first + last):
        return f"{last}{first}"
    return " ".join(p for p in (first, last) if p)


def _text(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value).strip() if value is not None else ""


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    m = DATE_RE.match(text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def parse_rows(
    table: Table, columns: ColumnMap, values: ValueTables
) -> tuple[list[PersonRow], list[Problem]]:
    rows: list[PersonRow] = []
    problems: list[Problem] = []
    cols = columns.fields
    present = set(cols)
    for cells, number in zip(table.rows, table.row_numbers, strict=True):
        raw = {f: cells[i] for f, i in cols.items()}
        text = {f: _text(v) for f, v in raw.items()}
        p = PersonRow(row=number, present=present)
        bad = problems.append

        name = text.get("name", "") or full_name(text.get("first_name", ""), text.get("last_name", ""))
        p.name = " ".join(name.split())
        p.external_id = text.get("external_id", "")
        if not p.name and not p.external_id:
            bad(
                Problem(
                    number, "name" if "name" in cols or "first_name" not in cols else "last_name", "empty"
                )
            )
        for f in ("external_id", "phone", "reports_to_id", "opportunity_id"):
            if SCIENTIFIC_RE.match(text.get(f, "")):
                bad(Problem(number, f, "scientific", {"value": text[f]}))
        p.title = text.get("title", "")
        p.department = text.get("department", "")
        p.phone = text.get("phone", "")
        p.company = text.get("company", "")
        p.notes = text.get("notes", "")
        p.reports_to_id = text.get("reports_to_id", "")
        p.opportunity_id = text.get("opportunity_id", "")
        p.manager = " ".join(text.get("manager", "").split())
        email = text.get("email", "")
        if email:
            if EMAIL_RE.match(email):
                p.email = email.lower()
            else:
                bad(Problem(number, "email", "invalid_email", {"value": email}))
        if text.get("roles"):
            meaning, unknown = values.role_values(text["roles"])
            p.roles = meaning.roles
            p.attitude = meaning.attitude
            for part in unknown:
                bad(Problem(number, "roles", "unknown_value", {"value": part}))
        if text.get("attitude"):
            code = values.attitude.get(value_key(text["attitude"]))
            if code is None:
                bad(Problem(number, "attitude", "unknown_value", {"value": text["attitude"]}))
            else:
                p.attitude = code
        p.influence = _scale(
            text.get("influence", ""),
            values.influence,
            INFLUENCE_MIN,
            INFLUENCE_MAX,
            number,
            "influence",
            bad,
        )
        p.relationship = _scale(
            text.get("relationship", ""), values.relationship, 0, 4, number, "relationship", bad
        )
        if text.get("is_primary"):
            p.is_primary = BOOL_VALUES.get(value_key(text["is_primary"]))
        if text.get("status"):
            p.status = values.status.get(value_key(text["status"]))
            if p.status is None:
                bad(Problem(number, "status", "unknown_value", {"value": text["status"]}))
        if text.get("left_on"):
            try:
                p.left_on = parse_date(raw["left_on"])
            except ValueError:
                bad(Problem(number, "left_on", "invalid_date", {"value": text["left_on"]}))
            else:
                p.status = p.status or "left"
        rows.append(p)
    problems.extend(_duplicates(rows))
    return rows, problems


def _scale(
    text: str, table: dict[str, int], low: int, high: int, row: int, column: str, bad: Any
) -> int | None:
    if not text:
        return None
    key = value_key(text)
    if key in table:
        return table[key]
    try:
        number = float(key)
    except ValueError:
        bad(Problem(row, column, "unknown_value", {"value": text}))
        return None
    if not number.is_integer() or not low <= number <= high:
        bad(Problem(row, column, "out_of_range", {"value": text, "min": low, "max": high}))
        return None
    return int(number)


def _duplicates(rows: list[PersonRow]) -> list[Problem]:
    """The same external id or email twice in one file would make two rows fight over one person."""
    problems = []
    for f in ("external_id", "email"):
        seen: dict[str, int] = {}
        for r in rows:
            value = getattr(r, f)
            if not value:
                continue
            if value in seen and not r.opportunity_id:
                problems.append(Problem(r.row, f, "duplicate", {"value": value, "other": seen[value]}))
            seen.setdefault(value, r.row)
    return problems
