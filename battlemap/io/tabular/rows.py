"""Turn table rows into validated person rows; every problem is collected, none stops the scan.

Imported one-line text — a title, a department, a company, an organisation — is cleaned by one rule,
`cleaning.tidy_text` (a person's name by `clean_name`, which is `tidy_text` with the name rules), the rule the
person, account and department models store on every road (`text_cleaners`): invisible characters go, the
direction marks LRM, RLM and ALM and bidi embeddings among them; a joiner between the letters of a script that
spells with one stays; full-width Latin letters and digits become half-width, punctuation keeps its width
(`信息中心（北京）`). Ids, phones and e-mails are keys, read by `clean_text` (NFKC)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from battlemap.core.text import clean_control, person_name_of
from battlemap.io import dates
from battlemap.io.cleaning import clean_text, tidy_text
from battlemap.io.mail.exchange import is_x500
from battlemap.io.matching import clean_name, email_stored, given_name_first
from battlemap.io.names import name_and_left_mark, name_and_title
from battlemap.io.phones import FLOAT_DIGITS_RE, every_phone, with_plus
from battlemap.people.models import validate_phone
from battlemap.vocab import INFLUENCE_MAX, INFLUENCE_MIN

from .columns import ColumnMap
from .duplicate_rows import duplicate_rows
from .person_row import PersonRow
from .problems import Problem
from .readers import Table
from .unit_paths import PathReading, column_paths, department_paths
from .values import BOOL_VALUES, DISABLED_STATUSES, ValueTables, value_key

SCIENTIFIC_RE = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")  # 1.38E+10; 1,38E+10 from a German Excel
# 138****8001, li***@…: a CRM (纷享销客, 销售易, WeCom) exports a phone or an e-mail so for a user who may not see it
MASKED_RE = re.compile(r"[*＊]{2,}")


def name_column(columns: dict[str, int]) -> str:
    """The column a problem of an empty name is said on: Name, else Last name (of First name + Last name)."""
    return "name" if "name" in columns or "first_name" not in columns else "last_name"


PHONES_JOINED = re.compile(r" / ")  # how `every_phone` joins a row's numbers (matching reads either)


def _text(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value).strip() if value is not None else ""


# Google Contacts writes a field's several values in one cell, joined by " ::: " (`+86 138 0013 8001 ::: 021-
# 68880001`, `liujh@… ::: jianhua.liu@…`): a phone keeps every number (`138… / 021-…`), as a row's phone columns
# do; an e-mail the first (Google's primary), as a person keeps one. Whole, the cell was stored as one "phone".
SEVERAL_VALUES = re.compile(r"\s*:::\s*")


def _values(value: Any) -> list[str]:
    """The values of a cell: one, or Google's several (SEVERAL_VALUES)."""
    return [v for v in SEVERAL_VALUES.split(_text(value)) if v]


def _first(value: Any) -> str:
    return next(iter(_values(value)), "")


def parse_date(
    value: Any, order: str | None = None, epoch: dt.datetime = dates.EXCEL_EPOCH
) -> dt.date | None:
    """A date cell (ISO, yyyy/M/d, yyyy年M月d日, an Excel serial counted from `epoch`, or dd/mm/yyyy in the file's
    `order`)."""
    when = dates.parse(value, order, epoch)
    return when.date() if isinstance(when, dt.datetime) else when


def _unit(paths: list[tuple[str, ...]], main: str, separators: str) -> tuple[str, ...]:
    """The person's unit: the main department (a path, or the name of one of the row's units), else the first."""
    if main:
        main_paths = department_paths(main, separators)
        wanted = main_paths[0] if main_paths else ()
        for path in paths:
            if path == wanted or (len(wanted) == 1 and path[-1] == wanted[0]):
                return path
        return wanted
    return paths[0] if paths else ()


def unit_cells(table: Table, columns: ColumnMap) -> list[str]:
    """The cells that name the rows' units: the department and main department columns, else the heading rows
    above the people (`unit_paths.column_paths` reads them as one column)."""
    cols = [columns.fields[f] for f in ("department", "main_department") if f in columns.fields]
    if not cols:
        return list(table.unit_of_row.values())
    return [_text(r[i]) for r in table.rows for i in cols]


def parse_rows(
    table: Table,
    columns: ColumnMap,
    values: ValueTables,
    date_order: str | None = None,
    paths: PathReading | None = None,
) -> tuple[list[PersonRow], list[Problem]]:
    """Every row as a PersonRow (names cleaned, e-mails and phones half-width, departments as paths).

    `date_order` ("dmy" / "mdy") reads day-month dates such as 05/03/2024: the file's order as
    `dates.file_order` decides it; None leaves such a date its row's "ambiguous_date" problem. `paths`: how the
    department cells are split (`unit_paths.column_paths`, by default on the file's cells)."""
    rows: list[PersonRow] = []
    problems: list[Problem] = []
    cols = columns.fields
    present = set(cols)
    if "main_department" in cols:
        present.add("department")
    if paths is None:
        paths = column_paths(unit_cells(table, columns), own_export="map_id" in cols)
    separators = paths.separators
    epoch = dates.MAC_EPOCH if table.date1904 else dates.EXCEL_EPOCH
    for cells, number in zip(table.rows, table.row_numbers, strict=True):
        raw = {f: cells[i] for f, i in cols.items()}
        text = {f: _text(v) for f, v in raw.items()}
        if "phone" in cols:  # Phone and Mobile: both numbers, one field (`138… / 010-…`)
            text["phone"] = every_phone(
                [v for i in [cols["phone"], *columns.fallbacks.get("phone", [])] for v in _values(cells[i])]
            )
        if "email" in cols:
            text["email"] = _first(raw["email"])
        for f, others in columns.fallbacks.items():  # Business Phone empty: the row's Mobile Phone
            if not text.get(f) or f == "email" and is_x500(text[f]):  # Outlook's Exchange contact: /o=…/cn=…
                text[f] = next((v for i in others if (v := _first(cells[i])) and not is_x500(v)), text[f])
        formulas = table.unsaved_formulas
        unsaved = {
            f: formulas[(number, i)] for f, i in cols.items() if not text[f] and (number, i) in formulas
        }
        for f, formula in unsaved.items():  # a formula saved without its value, or an error, reads as empty
            code = "unsaved_formula" if formula.startswith("=") else "error_cell"
            problems.append(Problem(number, f, code, {"value": formula}))
        heading = "department" not in present and table.unit_of_row.get(number)
        p = PersonRow(row=number, present=present | {"department"} if heading else present)
        bad = problems.append

        # 名 + 姓: 刘建华, Kevin 黄 (core.text.person_name_of, the one rule) — also over a Full Name that only joins
        # them (Zoho's "文博 许", First Last); a Middle Name goes after the given name: John F. Kennedy
        given, middle = text.get("first_name", ""), text.get("middle_name", "")
        first, last = " ".join(t for t in (given, middle) if t), text.get("last_name", "")
        name = text.get("name", "")
        if not name or _only_first_and_last(name, first, last):
            name = person_name_of(first, last)
            if middle and given and last:
                p.without_middle = clean_name(person_name_of(given, last))
        name, said = name_and_title(name)  # 王强（总经理）, 张伟 先生
        if said and not text.get("title"):
            text["title"] = said
        name, left_mark = name_and_left_mark(
            name
        )  # 王五（已离职）: left, on a day leaving.date_disabled settles
        if left_mark and not text.get("status") and not text.get("left_on"):
            p.status, p.disabled, p.disabled_column = "left", left_mark, name_column(cols)
        p.name = clean_name(name)
        # "文博 许": person_match.match_people reads it 许文博 when the map has him
        if turned := given_name_first(name):
            p.family_first = clean_name(turned)
        p.external_id = clean_text(text.get("external_id", ""))
        for f in ("map_id", "deal_id"):  # ids of Battlemap's own export
            if text.get(f):
                if text[f].isdigit():
                    setattr(p, f, int(text[f]))
                else:
                    bad(Problem(number, f, "unknown_value", {"value": text[f]}))
        p.employee_no = clean_text(text.get("employee_no", ""))
        # a row without a name updates the person its ids or e-mail find (person_match.match_people says when they find
        # nobody); with none of them it can only be a new person, who needs a name
        keys = p.external_id or text.get("email") or text.get("map_id")
        if not p.name and not keys and not unsaved.keys() & {"name", "first_name", "last_name"}:
            bad(Problem(number, name_column(cols), "empty"))
        if digits := FLOAT_DIGITS_RE.match(text.get("phone", "")):
            text["phone"] = digits[1]
        if text.get("phone"):  # 8613901010001, a number cell: +86… (phones.with_plus)
            text["phone"] = " / ".join(with_plus(v) for v in PHONES_JOINED.split(text["phone"]))
        for f in ("external_id", "phone", "reports_to_id", "opportunity_id"):
            scientific = next(
                (v for v in PHONES_JOINED.split(text.get(f, "")) if SCIENTIFIC_RE.match(v)), None
            )
            if scientific:
                bad(Problem(number, f, "scientific", {"value": scientific}))
            if f == "phone":
                scientific_phone = scientific  # said once: 1.38E+10 is not also "not a phone number"
        masked = {f for f in ("phone", "email") if MASKED_RE.search(text.get(f, ""))}
        for f in masked:  # stored, it replaced the map's number, and matched no one: a second 刘建华
            bad(Problem(number, f, "masked", {"value": text[f]}))
            text[f] = ""  # said once: not also "not a phone number"
        p.title = tidy_text(text.get("title", ""))
        p.unit_paths = list(department_paths(text.get("department", "") or heading or "", separators))
        main = text.get("main_department", "")
        for path in department_paths(main, separators):
            if path not in p.unit_paths and not any(path == (q[-1],) for q in p.unit_paths):
                p.unit_paths.append(path)
        p.unit_path = _unit(p.unit_paths, main, separators)
        p.department = p.unit_path[-1] if p.unit_path else ""
        p.phone = clean_text(text.get("phone", ""))
        try:
            validate_phone(p.phone)  # the model's rule, by row
        except ValidationError:
            if not scientific_phone:
                bad(Problem(number, "phone", "not_a_phone", {"value": p.phone}))
        p.company = tidy_text(text.get("company", ""))
        # as stored (CR LF -> LF): a re-import is no change
        p.notes, p.duties, p.concerns, p.personal_win = (
            clean_control(text.get(f, "")) for f in ("notes", "duties", "concerns", "personal_win")
        )
        p.reports_to_id = clean_text(text.get("reports_to_id", ""))
        p.opportunity_id = text.get("opportunity_id", "")
        # as written, the name read as a name cell's (刘建华（主任） is 刘建华, 王五（已离职） is 王五): matched by
        # `match_name`, or given name first
        p.manager = tidy_text(name_and_left_mark(name_and_title(text.get("manager", ""))[0])[0])
        email = email_stored(text.get("email", ""))  # as stored: a space inside is no address
        p.email_as_written = text.get("email", "") if email else ""
        if email:
            if _valid_email(email):
                p.email = email
            else:
                code = "exchange_address" if is_x500(email) else "invalid_email"
                bad(Problem(number, "email", code, {"value": p.email_as_written}))
        if text.get("roles"):
            meaning, unknown = values.role_values(text["roles"])
            p.roles = meaning.roles
            p.attitude = meaning.attitude
            for part in unknown:
                bad(Problem(number, "roles", "unknown_choice", {"value": part}))
        if text.get("key_decision_maker"):  # 关键决策人 是: a decision maker, whatever the role column says
            key = BOOL_VALUES.get(value_key(text["key_decision_maker"]))
            if key is None:
                bad(
                    Problem(
                        number, "key_decision_maker", "unknown_value", {"value": text["key_decision_maker"]}
                    )
                )
            elif key and "decision_maker" not in p.roles:
                p.roles = (*p.roles, "decision_maker")
        if text.get("attitude"):
            code = values.attitude.get(value_key(text["attitude"]))
            if code is None:
                bad(Problem(number, "attitude", "unknown_choice", {"value": text["attitude"]}))
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
        if text.get("external"):
            p.external = BOOL_VALUES.get(value_key(text["external"]))
            if p.external is None:
                bad(Problem(number, "external", "unknown_value", {"value": text["external"]}))
        p.organisation = tidy_text(text.get("organisation", ""))
        if text.get("is_primary"):
            p.is_primary = BOOL_VALUES.get(value_key(text["is_primary"]))
        if BOOL_VALUES.get(value_key(text.get("is_deleted", ""))):  # a deleted record: a second John Smith
            bad(Problem(number, "is_deleted", "deleted_record"))
        if text.get("status"):
            p.status = values.status.get(value_key(text["status"]))
            if p.status is None and value_key(text["status"]) in DISABLED_STATUSES:
                p.status, p.disabled = "left", text["status"]  # the day: leaving.date_disabled
            if p.status is None:
                bad(Problem(number, "status", "unknown_value", {"value": text["status"]}))
        if text.get("left_on"):
            try:
                p.left_on = parse_date(raw["left_on"], date_order, epoch)
            except dates.AmbiguousDate:
                bad(Problem(number, "left_on", "ambiguous_date", {"value": text["left_on"]}))
            except ValueError:
                bad(Problem(number, "left_on", "invalid_date", {"value": text["left_on"]}))
            else:
                if (
                    p.status == "active"
                ):  # 在职 beside a leaving day: which is it? (a trial's row kept neither)
                    bad(Problem(number, "left_on", "left_on_active", {"value": text["left_on"]}))
                p.status = p.status or "left"
        rows.append(p)
    problems.extend(duplicate_rows(rows))
    return rows, problems


def _only_first_and_last(name: str, first: str, last: str) -> bool:
    """Whether a Full Name cell only joins the row's First and Last Name, in either order, with or without a
    space: Zoho writes it "First Last", so a Chinese contact reads "文博 许" — the name is then read by the First
    and Last Name rule (`core.text.person_name_of`: 许文博), as a file without Full Name reads it (a reviewer's
    Zoho export made a second 文博许 beside the map's 许文博, and its rows with his e-mail were refused)."""
    if not (first and last):
        return False
    joined = "".join(clean_text(name).split()).casefold()
    return joined in {
        "".join(clean_text(a + b).split()).casefold() for a, b in ((first, last), (last, first))
    }


def _valid_email(email: str) -> bool:
    """What the model's EmailField accepts (Django's validate_email: `a..b@x.example`, `a@b_c.example` are
    not), checked here so the write never refuses a row the plan let through."""
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


# a score written with its unit, as Chinese sheets often do ("4分") or a number format shows it (`0"分"`)
SCORE_UNIT = re.compile(r"(?<=\d)\s*(?:分|points?|pts?)$", re.IGNORECASE)


def _scale(
    text: str, table: dict[str, int], low: int, high: int, row: int, column: str, bad: Any
) -> int | None:
    if not text:
        return None
    key = value_key(text)
    if key in table:
        return table[key]
    try:
        number = float(SCORE_UNIT.sub("", key))
    except ValueError:
        bad(Problem(row, column, "unknown_value", {"value": text}))
        return None
    if not number.is_integer() or not low <= number <= high:  # 4.6 is between 1 and 5, but no step of it
        code = "out_of_range" if number.is_integer() or not low <= number <= high else "not_whole"
        bad(Problem(row, column, code, {"value": text, "min": low, "max": high}))
        return None
    return int(number)
