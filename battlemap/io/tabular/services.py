"""The people import (one transaction, all or nothing, history kept): plans the file (io.importer), then
writes through the owning apps' services — departments by accounts.services, people in bulk by
people.services (people_bulk_insert / people_bulk_update), deal roles by deals.services — inside
core.services.recorded(reason="import <file>") so every history row says where it came from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count
from types import SimpleNamespace
from typing import Any

from django.db import transaction

from battlemap.accounts.models import OrgUnit
from battlemap.accounts.services import org_unit_create
from battlemap.audit.services import Action, audit_record
from battlemap.core.bulk import NewRow
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.services import recorded
from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import stakeholder_role_create, stakeholder_role_update
from battlemap.io.matching import clean_name, clean_text
from battlemap.people.models import Person
from battlemap.people.services import people_bulk_insert, people_bulk_update

from .importer import plan_import
from .mappingfile import Mapping
from .plan import Plan
from .problems import ImportFailed, Problem
from .rows import PersonRow

BATCH = 10000
PERSON_FIELDS = ("name", "title", "email", "phone", "external_id", "status", "left_on", "notes")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    roles_created: int = 0
    roles_updated: int = 0
    roles_ignored: int = 0  # rows with roles while no deal was given
    roles_absent: int = 0  # rows with no role, attitude or influence while a deal was given: not in the deal
    rows: int = 0
    source: str = ""
    encoding: str | None = None  # the label of the CSV's encoding (`GB18030`)
    codec: str | None = None  # and its codec, as the preview's encoding choice takes it
    alternatives: tuple[str, ...] = ()  # other encodings that also decode the file
    legacy: str | None = None  # a file read line by line: the legacy codec of some rows
    legacy_rows: list[int] = field(default_factory=list)  # and those rows (the others are UTF-8)
    sheet: str | None = None
    hidden_sheets: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # hidden rows of the sheet, skipped
    hidden_columns: list[str] = field(default_factory=list)  # hidden columns of the sheet (letters), skipped
    empty_sheets: list[str] = field(default_factory=list)
    note_sheets: list[str] = field(default_factory=list)
    header_row: int = 1
    group_row: int | None = None
    skipped_above: list[int] = field(default_factory=list)
    footer: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # note rows among the people: (row, text)
    sections: list[tuple[int, str]] = field(default_factory=list)  # heading rows: (row, text)
    date_order: str | None = None
    date_reading: Any = (
        None  # io.dates.DateReading of the Left on column, when it holds dates like 05/03/2024
    )
    suspicious_columns: list[str] = field(default_factory=list)  # ignored, yet read like manager/unit/id
    notices: list[Any] = field(default_factory=list)  # warnings by row (problems.Problem), nothing refused
    external_people: dict[str, list[str]] = field(default_factory=dict)  # other company -> names
    ignored_columns: list[str] = field(default_factory=list)
    recognised: dict[str, str] = field(default_factory=dict)  # field -> header
    account_company: str = ""
    dry_run: bool = False
    # values of people on the map the file replaces (a blank filled is no replacement): (row, name, field,
    # before, after), so the preview says what a re-import overwrites before anything is written
    replaced: list[tuple[int, str, str, Any, Any]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The warnings by row, in the active language (`row 4, Name: a person of this name …`)."""
        return [notice.message() for notice in self.notices]


def people_import(
    *,
    account: Any,
    data: bytes,
    filename: str,
    deal: Any = None,
    mapping: Mapping | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    date_order: str | None = None,
    dry_run: bool = False,
    user: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import people (and their roles in `deal`) from a CSV/XLSX file into `account`.

    Raises ReadError (file unreadable) or ImportFailed (every problem, by row); then nothing is written.
    With dry_run the import is counted as it would be written — people created, updated and unchanged, the
    values replaced, the roles — and nothing is written: no transaction is opened, so a dry run of 100,000 rows
    takes no write lock (on SQLite, other users' writes would wait for it).
    """
    plan = plan_import(account=account, data=data, filename=filename, mapping=mapping, sheet=sheet,
                       encoding=encoding, date_order=date_order)  # fmt: skip
    if deal is not None:  # roles of another deal (the own export's Deal id) are never copied into this one
        other = [
            Problem(r.row, "deal_id", "other_deal", {"value": r.deal_id, "deal": deal.pk})
            for r in plan.rows
            if r.deal_id and r.deal_id != deal.pk and _has_role_data(r)
        ]
        if other:
            raise ImportFailed(other)
    table = plan.table
    result = ImportResult(
        rows=len(plan.rows),
        source=plan.columns.source,
        encoding=table.encoding,
        codec=table.codec,
        alternatives=table.alternatives,
        legacy=table.legacy,
        legacy_rows=table.legacy_rows,
        sheet=table.sheet,
        hidden_sheets=table.hidden_sheets,
        hidden_rows=table.hidden_rows,
        hidden_columns=table.hidden_columns,
        empty_sheets=table.empty_sheets,
        note_sheets=table.note_sheets,
        header_row=table.header_row,
        group_row=table.group_row,
        skipped_above=table.skipped_above,
        footer=table.footer,
        notes=table.notes,
        sections=table.sections,
        date_order=plan.date_order,
        date_reading=plan.date_reading,
        suspicious_columns=plan.columns.suspicious,
        notices=sorted(plan.notices, key=lambda p: (p.row, p.column)),
        external_people=_external_people(plan),
        ignored_columns=plan.columns.ignored,
        account_company=plan.account_company,
        dry_run=dry_run,
        recognised={f: plan.columns.header_of(f) for f in plan.columns.fields},
    )
    if deal is None:
        result.roles_ignored = sum(1 for r in plan.rows if _has_role_data(r))
    if dry_run:  # counted as the write would, writing nothing: no write lock taken (docs/import.md#speed)
        _write_people(plan, account, result, user, progress, dry_run=True)
        if deal is not None:
            _write_roles(plan, deal, result, dry_run=True)
        return result
    reason = stored_reason("import", filename)
    with transaction.atomic(), recorded(reason=reason):
        _write_people(plan, account, result, user, progress)
        if deal is not None:
            _write_roles(plan, deal, result)
        audit_record(
            action=Action.IMPORT, account=account, user=user, what="people_file", rows=len(plan.rows)
        )
    return result


def _external_people(plan: Plan) -> dict[str, list[str]]:
    """Who comes in as external, by company (the summary and the preview list them)."""
    people: dict[str, list[str]] = {}
    for r in plan.rows:
        if r.row in plan.external_rows:  # a row without a name: the person it updates
            known = plan.matches.get(r.row)
            people.setdefault(r.company, []).append(r.name or (known.name if known else r.external_id))
    return people


def _org_units(
    plan: Plan, account: Any, unsaved: Iterator[int] | None = None
) -> dict[tuple[str, ...], OrgUnit]:
    """Every department path of the file as a tree of org units (集团 › 信息中心 › 运维部), the missing ones
    created by accounts.services. A path's top part is a top-level unit of that name, else the one unit of
    that name anywhere (a department recorded before without its parents). Names are compared on
    `matching.clean_text` (NFKC): a unit an earlier import stored as `信息中心(北京)` is the file's
    `信息中心（北京）`. With `unsaved` (a dry run) the missing units are not created: each gets an id of it
    (negative, no row's), so the people moving into them count as changed."""
    paths = {path for r in plan.rows for path in r.unit_paths}
    existing = list(OrgUnit.objects.filter(account=account))
    by_name: dict[str, list[OrgUnit]] = {}
    children: dict[tuple[int | None, str], OrgUnit] = {}
    for unit in existing:
        by_name.setdefault(clean_text(unit.name), []).append(unit)
        children.setdefault((unit.parent_id, clean_text(unit.name)), unit)
    units: dict[tuple[str, ...], OrgUnit] = {}
    for path in sorted(paths, key=lambda p: (len(p), p)):
        parent: OrgUnit | None = None
        for depth in range(1, len(path) + 1):
            prefix, name = path[:depth], path[depth - 1]
            if prefix in units:
                parent = units[prefix]
                continue
            key = clean_text(name)
            unit = children.get((parent.pk if parent else None, key))
            if unit is None and parent is None and len(by_name.get(key, [])) == 1:
                unit = by_name[key][0]
            if unit is None and unsaved is not None:
                unit = OrgUnit(pk=next(unsaved), account=account, name=name, parent=parent)
            elif unit is None:
                unit = org_unit_create(account=account, name=name, parent=parent)
                children[(parent.pk if parent else None, key)] = unit
                by_name.setdefault(key, []).append(unit)
            units[prefix] = parent = unit
    return units


def _apply(person: Person, r: PersonRow, plan: Plan, units: dict[tuple[str, ...], OrgUnit]) -> list[str]:
    """Copy the row's non-empty values onto the person; return the fields that changed."""
    changed = []

    def put(attr: str, value: Any) -> None:
        if getattr(person, attr) != value:
            setattr(person, attr, value)
            changed.append(attr)

    for attr in PERSON_FIELDS:
        value = getattr(r, attr)
        if attr == "name" and (value == clean_name(person.name) or r.row in plan.keep_name):
            continue  # the same name as the file reads it (全角（） → ()), or in another script: kept
        if attr == "external_id" and r.row in plan.keep_external_id:
            continue  # another system's id for a person matched by e-mail: the first one stays
        if value not in ("", None):
            put(attr, value)
    if r.unit_path:
        put("org_unit_id", units[r.unit_path].pk)
    if r.row in plan.external_rows:
        put("external", True)
        put("organisation", r.company)
    elif r.external is not None:  # the External column of Battlemap's own export
        put("external", r.external)
    if r.organisation and r.row not in plan.external_rows:
        put("organisation", r.organisation)
    return changed


def _depths(plan: Plan) -> dict[int, int]:
    """Depth of each row in the file's reporting tree, so managers are created before their reports."""
    depth: dict[int, int] = {}
    for r in plan.rows:
        chain, row = [], r.row
        while (
            row not in depth and row in plan.managers and plan.managers[row][0] == "row" and row not in chain
        ):
            chain.append(row)
            row = plan.managers[row][1]
        base = depth.get(row, 0)
        if row not in depth:
            depth[row] = 0
        for i, item in enumerate(reversed(chain), start=1):
            depth[item] = base + i
    return depth


def _write_people(
    plan: Plan,
    account: Any,
    result: ImportResult,
    user: Any,
    progress: Callable[[int, int], None] | None,
    *,
    dry_run: bool = False,
) -> None:
    """Create and update the plan's people, counting into `result`; a dry run counts the same, writing nothing
    (new people and units get ids of their own that no row has, so reporting lines to them count too)."""
    unsaved = count(-1, -1) if dry_run else None
    units = _org_units(plan, account, unsaved)
    by_row: dict[int, Person] = {}
    to_update: dict[int, tuple[Person, list[str]]] = {}
    new_rows: list[PersonRow] = []
    for r in plan.rows:
        person = plan.matches[r.row]
        if person is None:
            new_rows.append(r)
            continue
        by_row[r.row] = person
        if not r.name and not (set(r.present) & {"title", "email", "phone", "department"}):
            result.skipped += 1  # a role-only row (e.g. an opportunity contact role export)
            continue
        before = {attr: getattr(person, attr) for attr in PERSON_FIELDS}
        unit_before = (person.org_unit_id, person.unit)
        changed = _apply(person, r, plan, units)
        result.replaced += [
            (r.row, before["name"], attr, before[attr], getattr(person, attr))
            for attr in changed
            if attr in before and before[attr] not in ("", None)
        ]
        if "org_unit_id" in changed and unit_before[0] is not None:  # moved from one department to another
            result.replaced.append(
                (r.row, before["name"], "department", unit_before[1], units[r.unit_path].name)
            )
        if changed:
            to_update[r.row] = (person, changed)
    depth = _depths(plan)
    levels: dict[int, list[PersonRow]] = {}
    for r in new_rows:
        levels.setdefault(depth.get(r.row, 0), []).append(r)
    done, total = 0, len(plan.rows)
    for level in sorted(levels):
        batch = []
        for r in levels[level]:
            person = NewRow(Person, account_id=account.pk, name=r.name)
            _apply(person, r, plan, units)
            person.reports_to_id = _manager_pk(plan, r.row, by_row)
            batch.append(person)
        for start in range(0, len(batch), BATCH):
            chunk = batch[start : start + BATCH]
            if unsaved is not None:
                for person in chunk:
                    person.id = next(unsaved)
            else:
                people_bulk_insert(account=account, people=chunk, user=user)
            done += len(chunk)
            if progress:
                progress(done, total)
        for r, person in zip(levels[level], batch, strict=True):
            by_row[r.row] = person
    result.created = len(new_rows)
    # existing people: reporting lines can point at rows created just above
    moved: list[tuple[int, Any, int | None, int | None]] = []  # (row, person, manager before, after)
    for r in plan.rows:
        person = plan.matches[r.row]
        if person is None or r.row not in plan.managers:
            continue
        boss = _manager_pk(plan, r.row, by_row)
        if person.reports_to_id != boss:
            moved.append((r.row, person, person.reports_to_id, boss))
            person.reports_to_id = boss
            to_update.setdefault(r.row, (person, []))[1].append("reports_to_id")
    _replaced_managers(result, moved, {p.pk: p.name for p in by_row.values() if p.pk < 0})
    if not dry_run:
        people_bulk_update(
            account=account,
            changes={
                known.pk: {a: getattr(known, a) for a in changed} for known, changed in to_update.values()
            },
            user=user,
            batch_size=BATCH,
        )
    result.updated = len(to_update)
    result.unchanged = len(plan.rows) - result.created - result.updated - result.skipped
    if progress:
        progress(total, total)
    plan.by_row = by_row  # type: ignore[attr-defined]


def _replaced_managers(
    result: ImportResult, moved: list[tuple[int, Any, int | None, int | None]], unsaved: dict[int, str]
) -> None:
    """A person who reported to someone and reports to another after the file: a replaced value too, said
    with the managers' names (`Manager 王建国 → 李明`), in row order among the other replaced values.
    `unsaved`: the names of the new people of a dry run, by their ids (not in the database)."""
    moved = [m for m in moved if m[2] is not None]
    if not moved:
        return
    names = dict(
        Person.objects.filter(pk__in={pk for m in moved for pk in m[2:] if pk}).values_list("pk", "name")
    )
    names.update(unsaved)
    for row, person, before, after in moved:
        result.replaced.append((row, person.name, "manager", names.get(before, ""), names.get(after, "")))
    result.replaced.sort(key=lambda change: change[0])


def _manager_pk(plan: Plan, row: int, by_row: dict[int, Person]) -> int | None:
    target = plan.managers.get(row)
    if target is None:
        return plan.matches[row].reports_to_id if plan.matches.get(row) is not None else None
    kind, ref = target
    return ref if kind == "person" else by_row[ref].pk


def _has_role_data(r: PersonRow) -> bool:
    return bool(r.roles or r.attitude or r.influence is not None or r.relationship is not None)


def _write_roles(plan: Plan, deal: Any, result: ImportResult, *, dry_run: bool = False) -> None:
    """Each row's roles, attitude and influence in `deal`, roles added to those held; a dry run counts the
    roles created and updated the same way, writing nothing."""
    by_row: dict[int, Person] = plan.by_row  # type: ignore[attr-defined]
    result.roles_absent = sum(1 for r in plan.rows if not _has_role_data(r))  # the summary says so
    existing: dict[int, Any] = {r.person_id: r for r in StakeholderRole.objects.filter(deal=deal)}
    wanted = [by_row[r.row].pk for r in plan.rows if _has_role_data(r)]
    people = {} if dry_run else Person.objects.in_bulk(wanted)
    for r in plan.rows:
        if not _has_role_data(r):
            continue
        person = by_row[r.row]
        role = existing.get(person.pk)
        values: dict[str, Any] = {}
        if r.roles:
            values["roles"] = sorted(set(role.roles if role else ()) | set(r.roles))
        if r.attitude:
            values["attitude"] = r.attitude
        if r.influence is not None:
            values["influence"] = r.influence
        if r.relationship is not None:
            values["relationship"] = r.relationship
        if role is None:
            existing[person.pk] = (
                _Unsaved(**values)
                if dry_run
                else stakeholder_role_create(deal=deal, person=people[person.pk], **values)
            )
            result.roles_created += 1
        elif any(getattr(role, k) != v for k, v in values.items()):
            existing[person.pk] = (
                _Unsaved(**{**role.__dict__, **values})
                if dry_run
                else stakeholder_role_update(role=role, version=role.version, **values)
            )
            result.roles_updated += 1


class _Unsaved(SimpleNamespace):
    """A role of a dry run: its values as the write would leave them, so a second row of the person counts as
    the write would (an update, or no change)."""

    roles: tuple[str, ...] = ()
    attitude: str = "unknown"
    influence: int | None = None
    relationship: int | None = None
