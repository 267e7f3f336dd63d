"""What a people import writes, planned before it writes (`planned_writes`: counted into the import's result,
new departments and people given ids of their own that no row has), then written in one go
(`write_people`: the departments created, the new people inserted level by level of the reporting tree, the
people already there updated — through accounts.services and people.services).

A dry run stops after the planning: it counts exactly what the write would, and writes nothing, so it takes
no write lock. A real import checks the new people before its transaction (people.services.people_bulk_check:
reads only), so on SQLite the write lock is held for the inserts and updates alone (docs/import.md#speed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from battlemap.accounts.models import OrgUnit
from battlemap.accounts.services import org_unit_create
from battlemap.core.bulk import NewRow
from battlemap.core.services import locked_ids
from battlemap.io.matching import clean_name, department_key, id_key
from battlemap.io.phones import same_phone
from battlemap.people.models import Person
from battlemap.people.services import people_bulk_insert, people_bulk_update

from .person_row import PersonRow
from .plan import Plan

BATCH = 10000
PERSON_FIELDS = (
    "name", "title", "email", "phone", "external_id", "status", "left_on", "notes", "duties", "concerns",
    "personal_win",
)  # fmt: skip


@dataclass
class Writes:
    """The writes of an import, ids of things not yet written negative: the new departments (parents first),
    the new people by level of the reporting tree (managers first), the people already there with the
    fields that change."""

    units: list[OrgUnit] = field(default_factory=list)
    levels: list[list[Any]] = field(default_factory=list)
    changes: list[tuple[Any, list[str]]] = field(default_factory=list)

    @property
    def new_people(self) -> list[Any]:
        return [person for level in self.levels for person in level]


def people_held(plan: Plan, writes: Writes) -> bool:
    """Whether every person already there that the import writes or names — those its rows are (updated, or
    given a role), the managers its new and changed people report to — is still there; each is then locked
    (core.services.locked_ids) until the import's transaction ends, so no deletion lands before its write."""
    ids = {person.pk for person in plan.by_row.values()}
    ids |= {person.reports_to_id for person in writes.new_people}
    ids |= {person.reports_to_id for person, _ in writes.changes}
    wanted = sorted(pk for pk in ids if pk is not None and pk > 0)
    return len(locked_ids(Person, wanted)) == len(wanted)


def planned_writes(plan: Plan, account: Any, result: Any) -> Writes:
    """What the plan writes, counted into `result` (people created, updated, unchanged, skipped and the values
    replaced, `services.ImportResult`); nothing is written. Sets `plan.by_row` (row -> person)."""
    unsaved = count(-1, -1)
    writes = Writes()
    units = _org_units(plan, account, unsaved, writes.units)
    by_row: dict[int, Any] = {}
    to_update: dict[int, tuple[Any, list[str]]] = {}
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
        # the company's fields too: a person the map has as external whom the file puts in the account's own
        # company (or the other way round) is a value replaced, said before it is written
        before = {attr: getattr(person, attr) for attr in (*PERSON_FIELDS, "external", "organisation")}
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
    first_of: dict[tuple[str, str], Any] = {}  # a new contact's id and e-mail -> the person of its first row
    moved: list[tuple[int, Any, int | None, int | None]] = []  # (row, person, manager before, after)
    for level in sorted(levels):
        batch = []
        for r in levels[level]:
            keys = _contact_keys(r)
            if (same := next((first_of[k] for k in keys if k in first_of), None)) is not None:
                _apply(same, r, plan, units)  # the contact's next opportunity: the same person, not a second
                by_row[r.row] = same
                continue
            person = NewRow(Person, account_id=account.pk, name=r.name)
            first_of |= dict.fromkeys(keys, person)
            _apply(person, r, plan, units)
            person.reports_to_id = _manager_pk(plan, r.row, by_row)
            person.id = next(unsaved)
            if person.reports_to_id is not None:  # a reporting line the file sets: said before it is written
                moved.append((r.row, person, None, person.reports_to_id))
            batch.append(person)
            by_row[r.row] = person
        writes.levels.append(batch)
    result.created = len(writes.new_people)
    # people already there: reporting lines can point at new people
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
    writes.changes = list(to_update.values())
    result.updated = len(to_update)
    result.unchanged = len(plan.rows) - result.created - result.updated - result.skipped
    plan.by_row = by_row  # type: ignore[attr-defined]
    return writes


def write_people(
    writes: Writes,
    *,
    account: Any,
    user: Any,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> None:
    """Write `writes` (within the caller's transaction): each new department and person gets its real id,
    and every reference to it follows. The new people were checked by people_bulk_check before."""
    real: dict[int, int] = {}

    def known(pk: int | None) -> int | None:
        return real[pk] if pk is not None and pk < 0 else pk

    created: dict[int, OrgUnit] = {}
    for unit in writes.units:  # parents first
        parent = created.get(unit.parent_id) if unit.parent_id and unit.parent_id < 0 else unit.parent
        created[unit.pk] = org_unit_create(account=account, name=unit.name, parent=parent)
        real[unit.pk] = created[unit.pk].pk
    done = 0
    for level in writes.levels:
        for person in level:
            person.org_unit_id = known(person.org_unit_id)
            person.reports_to_id = known(person.reports_to_id)
        for start in range(0, len(level), BATCH):
            chunk = level[start : start + BATCH]
            unsaved = [person.id for person in chunk]
            people_bulk_insert(account=account, people=chunk, user=user, checked=True)
            real.update(zip(unsaved, (person.id for person in chunk), strict=True))
            done += len(chunk)
            if progress:
                progress(done, total)
    people_bulk_update(
        account=account,
        changes={
            person.pk: {
                a: known(getattr(person, a)) if a in ("org_unit_id", "reports_to_id") else getattr(person, a)
                for a in changed
            }
            for person, changed in writes.changes
        },  # fmt: skip
        user=user,
        batch_size=BATCH,
    )
    if progress:
        progress(total, total)


def _org_units(
    plan: Plan, account: Any, unsaved: Iterator[int], new: list[OrgUnit]
) -> dict[tuple[str, ...], OrgUnit]:
    """Every department path of the file as a tree of org units (集团 › 信息中心 › 运维部), the missing ones
    to be created by accounts.services. A path's top part is a top-level unit of that name, else the one unit of
    that name anywhere (a department recorded before without its parents). Names are compared on
    `matching.department_key`: a unit an earlier import stored as `信息中心(北京)` is the file's
    `信息中心（北京）` and `信息中心 (北京)`. The missing units are not created here: each gets an id of `unsaved` (negative, no
    row's) and is added to `new`, parents first, for `write_people` to create."""
    paths = {path for r in plan.rows for path in r.unit_paths}
    existing = list(OrgUnit.objects.filter(account=account))
    by_name: dict[str, list[OrgUnit]] = {}
    children: dict[tuple[int | None, str], OrgUnit] = {}
    for unit in existing:
        by_name.setdefault(department_key(unit.name), []).append(unit)
        children.setdefault((unit.parent_id, department_key(unit.name)), unit)
    units: dict[tuple[str, ...], OrgUnit] = {}
    for path in sorted(paths, key=lambda p: (len(p), p)):
        parent: OrgUnit | None = None
        for depth in range(1, len(path) + 1):
            prefix, name = path[:depth], path[depth - 1]
            if prefix in units:
                parent = units[prefix]
                continue
            key = department_key(name)
            unit = children.get((parent.pk if parent else None, key))
            if unit is None and parent is None and len(by_name.get(key, [])) == 1:
                unit = by_name[key][0]
            if unit is None:
                unit = OrgUnit(pk=next(unsaved), account=account, name=name, parent=parent)
                new.append(unit)
                children[(parent.pk if parent else None, key)] = unit
                by_name.setdefault(key, []).append(unit)
            units[prefix] = parent = unit
    return units


def _apply(person: Any, r: PersonRow, plan: Plan, units: dict[tuple[str, ...], OrgUnit]) -> list[str]:
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
        if attr == "phone" and value and same_phone(value, person.phone or ""):
            continue  # the same numbers written another way (+86 139 0101 0001, 13901010001): the stored ones stay
        if attr == "external_id" and r.row in plan.keep_external_id:
            continue  # another system's id for a person matched by e-mail: the first one stays
        if attr == "external_id" and value and id_key(value) == id_key(person.external_id or ""):
            continue  # the same id written another way (502.0, {GUID} in capitals): the stored one stays
        if value not in ("", None):
            put(attr, value)
    if r.unit_path:
        put("org_unit_id", units[r.unit_path].pk)
    if r.row in plan.external_rows:
        put("external", True)
        put("organisation", r.company)
    elif r.external is not None:  # the External column of Battlemap's own export
        put("external", r.external)
    elif r.company and person.external:  # the file now says the account's own company: no longer external
        put("external", False)
        put("organisation", "")
    if r.organisation and r.row not in plan.external_rows:
        put("organisation", r.organisation)
    return changed


def _contact_keys(r: PersonRow) -> list[tuple[str, str]]:
    """The keys a row of a contact-role export names its contact by (its id, `matching.id_key`, and its e-mail):
    such a file lists one contact once per opportunity (`duplicate_rows.duplicate_rows` lets it), so the rows of a contact new
    to the map are one new person. Other rows: none (a second row of one key is refused by `duplicate_rows.duplicate_rows`)."""
    if not r.opportunity_id:
        return []
    return [("id", id_key(r.external_id))] * bool(r.external_id) + [("email", r.email)] * bool(r.email)


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


def _replaced_managers(
    result: Any, moved: list[tuple[int, Any, int | None, int | None]], unsaved: dict[int, str]
) -> None:
    """A person who reported to someone and reports to another after the file: a replaced value too, said
    with the managers' names (`Manager 王建国 → 李明`), in row order among the other replaced values. A person
    who reported to no one (new, or on the map): a reporting line set, `result.reporting_lines` (row, name,
    manager's name). `unsaved`: the names of the new people of a dry run, by their ids (not in the database)."""
    if not moved:
        return
    names = dict(
        Person.objects.filter(pk__in={pk for m in moved for pk in m[2:] if pk}).values_list("pk", "name")
    )
    names.update(unsaved)
    for row, person, before, after in sorted(moved, key=lambda m: m[0]):
        if before is None:
            result.reporting_lines.append((row, person.name, names.get(after, "")))
        else:
            result.replaced.append((row, person.name, "manager", names.get(before, ""), names.get(after, "")))
    result.replaced.sort(key=lambda change: change[0])


def _manager_pk(plan: Plan, row: int, by_row: dict[int, Any]) -> int | None:
    target = plan.managers.get(row)
    if target is None:
        return plan.matches[row].reports_to_id if plan.matches.get(row) is not None else None
    kind, ref = target
    return ref if kind == "person" else by_row[ref].pk
