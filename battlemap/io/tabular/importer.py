"""Plan a people import: read, recognise, validate, match rows to the account's people (person_match), date who
left (leaving) and resolve reporting lines (reporting_lines). Nothing is written here; every problem is collected
(services.people_import writes)."""

from __future__ import annotations

from typing import Any

from battlemap.accounts.models import OrgUnit
from battlemap.core.models import text_limit
from battlemap.io import dates
from battlemap.io.matching import department_key
from battlemap.people.models import Person

from .columns import ColumnMap, recognise
from .companies import account_companies
from .company_units import company_top
from .duplicate_rows import same_person_twice
from .leaving import check_leaving_dates, date_disabled
from .mappingfile import Mapping
from .person_match import match_people
from .plan import Plan
from .problems import ImportFailed, Problem
from .readers import ReadError, Table, read_table
from .reporting_lines import refuse_cycles, resolve_managers
from .rows import parse_rows, unit_cells
from .unit_paths import PATH_JOINER, column_paths

# the file's text columns and the Person fields they fill: each value is checked against the model's own
# limit (core.models.text_limit) before anything is written, so a value too long is refused by row and
# column — never by the model's check in the middle of the write (a 500, a traceback, "row 1")
TEXT_FIELDS = {
    "name": "name",
    "title": "title",
    "email": "email",
    "phone": "phone",
    "external_id": "external_id",
    "notes": "notes",
    "duties": "duties",
    "concerns": "concerns",
    "personal_win": "personal_win",
    "organisation": "organisation",
}


def _mapping_and_table(
    data: bytes, filename: str, mapping: Mapping | None, sheet: str | None, encoding: str | None
) -> tuple[Mapping, Table, ColumnMap]:
    mapping = mapping or Mapping()
    table = read_table(data, filename, sheet=sheet or mapping.sheet, encoding=encoding)
    columns = recognise(table.headers, mapping.columns, mapping.by_column)
    if table.cards:  # the columns are the vCard reader's own: the file is told by its kind, not its headers
        columns.source = "vcard"
    _duplicated_headers(table, columns)
    return mapping, table, columns


def column_letter(index: int) -> str:
    """A 0-based column as a spreadsheet names it: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _duplicated_headers(table: Table, columns: ColumnMap) -> None:
    """A header the file repeats over columns of one field (`职务`, `职务`): when its columns never hold two
    different values in a row, each row reads the filled one; else the file is refused naming the header,
    its columns and the first row where they differ — never one column's values dropped without a word."""
    refused = []
    for header, fld, cols in columns.duplicates:
        clash = next(
            (
                (number, values)
                for cells, number in zip(table.rows, table.row_numbers, strict=True)
                if len(values := list(dict.fromkeys(v for i in cols if (v := str(cells[i]).strip())))) > 1
            ),
            None,
        )
        if clash is None:
            first = columns.fields.get(fld)
            others = [i for i in cols if i != first]
            columns.fallbacks.setdefault(fld, []).extend(others)
            for i in others:  # read, so not ignored (nor "looks like … but is not used": columns.recognise)
                if columns.headers[i] in columns.ignored:
                    columns.ignored.remove(columns.headers[i])
            continue
        number, values = clash
        refused.append(
            {"header": header, "columns": [column_letter(i) for i in cols], "row": number, "values": values}
        )
    if refused:
        raise ReadError("duplicate_header", duplicates=refused, sheet=table.sheet or "")


def plan_import(
    *,
    account: Any,
    data: bytes,
    filename: str,
    mapping: Mapping | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    date_order: str | None = None,
) -> Plan:
    """Raise ReadError for an unreadable file, ImportFailed with every row problem, else return the plan.

    `encoding` forces the CSV's encoding and `date_order` ("dmy" / "mdy") the order of day-first or
    month-first dates when the file does not settle it (the user's choice in the preview or the CLI)."""
    mapping, table, columns = _mapping_and_table(data, filename, mapping, sheet, encoding)
    if not ({"name", "first_name", "last_name", "external_id"} & set(columns.fields)):
        raise ReadError("no_name", row=table.header_row, sheet=table.sheet or "", headers=table.headers)
    if not table.rows:
        raise ReadError("no_rows", row=table.header_row, sheet=table.sheet or "")
    order, values = date_order, []
    if "left_on" in columns.fields:  # the day-month order of dates like 05/03/2024, decided once for the file
        values = [row[columns.fields["left_on"]] for row in table.rows]
        order = dates.file_order(values, chosen=date_order)
    paths = column_paths(unit_cells(table, columns), own_export="map_id" in columns.fields)
    rows, problems = parse_rows(table, columns, mapping.values, order, paths)
    plan = Plan(table=table, columns=columns, rows=rows, problems=problems, date_order=date_order)
    plan.unit_paths = paths  # for the summary to say
    company_top(
        plan, account
    )  # DingTalk's 华东省能源投资集团/信息中心: the company is the account, not a unit
    plan.date_reading = dates.reading_of(values, order, date_order)  # for the summary to say
    _check_lengths(plan)
    check_leaving_dates(plan)
    account_companies(plan, account)
    organisation_limit = text_limit(
        Person, "organisation"
    )  # the company of a person who comes in as external
    for r in plan.rows:
        if r.row in plan.external_rows:
            _too_long(plan, r.row, "company", r.company, organisation_limit)
    _ambiguous_units(plan, account)
    match_people(plan, account)
    plan.notices.extend(same_person_twice(plan.rows))
    date_disabled(plan)
    resolve_managers(plan, account)
    refuse_cycles(plan, account)
    if plan.problems:
        unique = {(p.row, p.column, p.code, repr(p.params)): p for p in plan.problems}
        raise ImportFailed(sorted(unique.values(), key=lambda p: (p.row, p.column, p.code)))
    return plan


def _ambiguous_units(plan: Plan, account: Any) -> None:
    """A department path whose top part names no top-level unit of the account finds the one unit of that name
    anywhere (`writes._org_units`); where the account has two or more (集团 › 信息中心 and 集团 › 南方公司 ›
    信息中心), the row is refused naming them, so the user writes which — a trial's 信息中心 became a third,
    top-level unit, and the person already in one moved into it, the summary reading "信息中心 → 信息中心"."""
    units = list(OrgUnit.objects.filter(account=account).values_list("pk", "name", "parent_id"))
    by_pk = {pk: (name, parent) for pk, name, parent in units}
    top = {department_key(name) for _pk, name, parent in units if parent is None}
    by_name: dict[str, list[int]] = {}
    for pk, name, _parent in units:
        by_name.setdefault(department_key(name), []).append(pk)

    def path_of(pk: int | None) -> str:
        names = []
        while pk is not None:
            name, pk = by_pk[pk]
            names.append(name)
        return PATH_JOINER.join(reversed(names))

    column = "department" if "department" in plan.columns.fields else "main_department"
    for r in plan.rows:
        for path in r.unit_paths:
            key = department_key(path[0])
            if key not in top and len(by_name.get(key, [])) > 1:
                found = "; ".join(sorted(path_of(pk) for pk in by_name[key]))
                plan.problems.append(
                    Problem(r.row, column, "ambiguous_unit", {"value": path[0], "units": found})
                )


def _too_long(plan: Plan, row: int, column: str, value: str, limit: int) -> None:
    if len(value) > limit:
        params = {"max": f"{limit:,}", "count": f"{len(value):,}"}
        plan.problems.append(Problem(row, column, "too_long", params))


def _check_lengths(plan: Plan) -> None:
    for column, model_field in TEXT_FIELDS.items():
        limit = text_limit(Person, model_field)
        for r in plan.rows:
            _too_long(plan, r.row, column, getattr(r, column), limit)
    unit_limit = text_limit(OrgUnit, "name")
    column = "department" if "department" in plan.columns.fields else "main_department"
    for r in plan.rows:
        for part in sorted({part for path in r.unit_paths for part in path}):
            _too_long(plan, r.row, column, part, unit_limit)
