"""Plan a people import: read, recognise, validate, match rows to the account's people and resolve
reporting lines. Nothing is written here; every problem is collected (services.people_import writes)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from battlemap.accounts.models import OrgUnit
from battlemap.core.dates import FIRST_YEAR, LAST_YEAR, in_range
from battlemap.core.models import text_limit
from battlemap.io import dates
from battlemap.io.matching import (
    department_key,
    email_key,
    id_key,
    match_name,
    repeats,
    same_person_name,
)
from battlemap.io.phones import PHONE_DIGITS, phone_key
from battlemap.people.models import Person

from .columns import ColumnMap, recognise
from .companies import account_companies
from .mappingfile import Mapping
from .namesakes import by_chinese_name, differs, name_within_notice, namesake_notice, phone_changed
from .person_row import PersonRow
from .plan import Known, Plan
from .problems import ImportFailed, Named, Problem
from .readers import ReadError, Table, read_table
from .reporting_lines import refuse_cycles, resolve_managers
from .rows import name_column, parse_rows, unit_cells
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


# what matching and change detection read of the account's people (a model instance each costs more)
KNOWN_FIELDS = (
    "id", "name", "title", "email", "phone", "external_id", "status", "left_on", "notes", "duties", "concerns",
    "personal_win", "org_unit_id",
    "reports_to_id", "external", "organisation", "name_key", "placeholder",
)  # fmt: skip


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
    plan.date_reading = dates.reading_of(values, order, date_order)  # for the summary to say
    _check_lengths(plan)
    account_companies(plan, account)
    organisation_limit = text_limit(
        Person, "organisation"
    )  # the company of a person who comes in as external
    for r in plan.rows:
        if r.row in plan.external_rows:
            _too_long(plan, r.row, "company", r.company, organisation_limit)
    _ambiguous_units(plan, account)
    _match(plan, account)
    _same_person_twice(plan)
    _disabled(plan)
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
    _check_leaving_dates(plan)


def _check_leaving_dates(plan: Plan) -> None:
    """The model's rule (people.models.leaving_date_error) by row, before anything is written: who left has a
    leaving date — in the file's Left on column, which a file without one is told to add — up to today. (A
    disabled account, WeCom's 已禁用, gives no day: importer._disabled dates it.)"""
    today = timezone.localdate()
    dated = {(p.row, p.column) for p in plan.problems}  # a date already refused is not also "empty"
    has_column = "left_on" in plan.columns.fields
    for r in plan.rows:
        if r.left_on is not None and not in_range(r.left_on):  # the rule of every date typed (core.dates)
            params = {"value": r.left_on.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR}
            plan.problems.append(Problem(r.row, "left_on", "year_range", params))
        elif r.left_on is not None and r.left_on > today:
            plan.problems.append(Problem(r.row, "left_on", "after_today", {"value": r.left_on.isoformat()}))
        elif r.status == "left" and r.left_on is None and not r.disabled and (r.row, "left_on") not in dated:
            plan.problems.append(
                Problem(r.row, "left_on", "empty")
                if has_column
                else Problem(r.row, "status", "left_no_column")
            )


# What a row says of a leaving it read (`_disabled`): in the status cell (已禁用), or after the name (王五（已离职）);
# the name's column is Name or Last name (rows.name_column)
_LEFT = {"status": "account_disabled", "name": "left_in_name", "last_name": "left_in_name"}
_KEPT = {"status": "account_disabled_kept", "name": "left_in_name_kept", "last_name": "left_in_name_kept"}


def _disabled(plan: Plan) -> None:
    """A member whose account is disabled (WeCom 已禁用), or whose name is marked as gone (王五（已离职）, rows)
    left the company: on the file's leaving date, else
    on the day the map has them leaving already (a file imported again changes nothing), else today, the
    day we learn it. Each such row says so, with the day, to be corrected on the map if need be.

    A person the map has as left once and active now was set back by someone (a member only suspended):
    a disabled account does not override that; their row keeps them active and says so."""
    today = timezone.localdate()
    disabled = [r for r in plan.rows if r.disabled]
    known_active = {
        k.id for r in disabled if (k := plan.matches.get(r.row)) is not None and k.status != "left"
    }
    set_back = set(
        Person.history.filter(id__in=known_active, status="left").values_list("id", flat=True).distinct()
    )
    for r in disabled:
        known = plan.matches.get(r.row)
        if known is not None and known.id in set_back:
            r.status, r.left_on = None, None
            plan.notices.append(
                Problem(r.row, r.disabled_column, _KEPT[r.disabled_column], {"value": r.disabled})
            )
            continue
        if r.left_on is None:
            r.left_on = (
                known.left_on if known is not None and known.status == "left" and known.left_on else today
            )
        params = {"value": r.disabled, "day": r.left_on.isoformat()}
        plan.notices.append(Problem(r.row, r.disabled_column, _LEFT[r.disabled_column], params))


def _match(plan: Plan, account: Any) -> None:
    """Match on external id (a Salesforce id in either form), then email, then phone, then name + org unit — each
    compared by its key (io.text: half-width, case- and space-insensitive); a name given name first, or with a middle
    name (PersonRow.family_first, .without_middle), is read so when only that reading names someone. A name that
    matches several people and nothing else tells them apart is a problem naming the row."""
    existing = [
        Known(**values)
        for values in Person.objects.filter(account=account).values(*KNOWN_FIELDS, unit=F("org_unit__name"))
    ]
    by_ext, by_email, by_phone, by_name = {}, {}, {}, {}
    for p in existing:
        if p.external_id:
            by_ext[id_key(p.external_id)] = p
        if p.email:
            by_email[email_key(p.email)] = p
        if p.phone and len(phone_key(p.phone)) >= PHONE_DIGITS:
            by_phone.setdefault(phone_key(p.phone), []).append(p)
        by_name.setdefault(match_name(p.name), []).append(p)
    for r in plan.rows:  # 文博 许 is the map's 许文博 when no one is 文博许; John F. Kennedy its John Kennedy
        if match_name(r.name) not in by_name:
            r.name = next((n for n in r.other_readings() if match_name(n) in by_name), r.name)
    has_department = "department" in plan.columns.fields
    by_pk, by_han = {p.pk: p for p in existing}, by_chinese_name(existing)
    # rows whose name is said already (a formula saved without its value): not also "empty"
    unnamed = {p.row for p in plan.problems if p.column in ("name", "first_name", "last_name")}
    for r in plan.rows:
        # the map's own id (Battlemap's export) names the person, when they are on this map
        match = by_pk.get(r.map_id) if r.map_id else None
        found_by = "map_id"
        if match is None and r.external_id:
            match, found_by = by_ext.get(id_key(r.external_id)), "external_id"
        if match is None and r.email:
            match, found_by = by_email.get(r.email), "email"  # rows hold e-mails in their key form already
            if match is not None and not _same_by_email(plan, r, match):
                plan.matches[r.row] = None
                continue
        if match is None and by_phone and r.phone and len(by_phone.get(phone_key(r.phone), [])) == 1:
            same = by_phone[phone_key(r.phone)][0]
            named = not r.name or match_name(same.name) == match_name(r.name)
            match = same if named and not differs(r, same) else None  # a shared desk phone: two people
            found_by = "phone"
        if match is None and r.name:
            found_by = "name"
            namesakes = by_name.get(match_name(r.name), [])
            # a namesake whose e-mail, id or phone is another than the row's is another person (张伟, 王芳)
            candidates = [p for p in namesakes if not differs(r, p)]
            if has_department:
                unit = department_key(r.department)  # as services._org_units finds the unit
                same_unit = [p for p in candidates if department_key(p.unit or "") == unit]
                # a person whose department was never recorded is the same person when the name is unique
                elsewhere, candidates = (
                    candidates,
                    same_unit or [p for p in candidates if p.org_unit_id is None],
                )
                if elsewhere and not candidates and not (r.external_id or r.email or r.phone):
                    units = sorted({p.unit or "—" for p in elsewhere})
                    plan.notices.append(Problem(r.row, "name", "same_name_elsewhere", {"units": units}))
            if len(candidates) == 1:
                match = candidates[0]
            elif len(candidates) > 1 and not (r.external_id or r.email):
                names = [Named(p.name, p.pk) for p in candidates]
                plan.problems.append(Problem(r.row, "name", "ambiguous_person", {"names": names}))
            if match is None and namesakes and not candidates:
                match = phone_changed(plan, r, namesakes)
            if match is None and len(candidates) != len(namesakes):
                namesake_notice(plan, r, [p for p in namesakes if p not in candidates])
            elif match is None and not namesakes:  # 王建明 (Jimmy) beside 王建明: maybe him, said
                name_within_notice(plan, r, by_han)
        if match is None and not r.name and r.row not in unnamed:
            _nobody_to_update(plan, r)
        owner = by_email.get(r.email) if r.email and match is not None else None
        if owner is not None and owner is not match:  # matched by id, phone or name; the e-mail is another's
            params = {
                "value": r.email,
                "owner": Named(owner.name, owner.pk),
                "person": Named(match.name, match.pk),
            }
            plan.problems.append(
                Problem(r.row, "email", "email_of_other_found", {**params, "found_by": found_by})
            )
        plan.matches[r.row] = match


def _same_person_twice(plan: Plan) -> None:
    """A notice for a row whose name, department and phone an earlier row of the file has, with another
    e-mail: both are imported (two people may share a desk phone), but a shared mobile is most often one
    person with a work and a private address (`io.matching.repeats`: the one rule for values rows share)."""
    keyed = (
        (r, "\t".join((match_name(r.name), r.department or "", phone_key(r.phone))))
        for r in plan.rows
        if r.name and r.phone and r.email
    )
    for r, _key, first in repeats(keyed, str):
        if first.email != r.email:
            plan.notices.append(Problem(r.row, "phone", "same_person_twice", {"other": first.row}))


def _nobody_to_update(plan: Plan, r: PersonRow) -> None:
    """A row without a name that its ids and e-mail match to nobody: a new person, who needs a name — a problem
    on the name naming what was looked for (never a name made up from the e-mail); in a file of references
    without a name column (contact roles), the contact its id names is missing."""
    if r.external_id and not r.present & {"name", "first_name", "last_name"}:
        plan.problems.append(Problem(r.row, "external_id", "unknown_contact", {"value": r.external_id}))
        return
    email = r.email_as_written if r.email else ""  # an e-mail refused as no address is said on its own
    keys = [(k, v) for k, v in (("map_id", r.map_id), ("external_id", r.external_id), ("email", email)) if v]
    if keys:  # said on Name, whatever the name columns: "row 4, Name: empty — no one on the map has …"
        plan.problems.append(Problem(r.row, "name", "empty_new", {"keys": keys}))
    else:  # an id or e-mail refused as such, said on its own
        plan.problems.append(Problem(r.row, name_column(plan.columns.fields), "empty"))


def _same_by_email(plan: Plan, r: PersonRow, person: Known) -> bool:
    """A row matched to `person` by e-mail alone. When the row's name is another person's
    (matching.same_person_name: the mailbox was handed on, it-desk@ from Lei Wang to Fang Chen) it is a
    problem naming the row — never a rename. When the name is the person's in another script (钱文 /
    "Wen Qian") the stored name stays; when the row carries another system's id the first id stays (a
    DingTalk 工号 is not replaced by a Salesforce id): both said by row in the summary."""
    if r.name and not same_person_name(r.name, person.name):
        params = {"value": r.email, "owner": Named(person.name, person.pk)}
        plan.problems.append(Problem(r.row, "email", "email_of_other_person", params))
        return False
    if r.name and match_name(r.name) != match_name(person.name):
        plan.keep_name.add(r.row)
        plan.notices.append(Problem(r.row, "name", "name_kept", {"value": r.name, "name": person.name}))
    if r.external_id and person.external_id and id_key(r.external_id) != id_key(person.external_id):
        plan.keep_external_id.add(r.row)
        params = {"value": r.external_id, "name": person.name, "kept": person.external_id}
        plan.notices.append(Problem(r.row, "external_id", "external_id_kept", params))
    return True
