"""Paste-to-add's write (`people_bulk_create`) and what it would refuse, read without writing, for the paste
preview (`people.selectors_paste.paste_preview`): one row alone (`new_person_problems`), and a row beside the
account's departments and people and the paste's other rows (`paste_problems`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account, OrgUnit
from battlemap.core.services import check_validated, update_versioned
from battlemap.io.matching import match_name
from battlemap.people.models import REPORTING_CYCLE, REPORTS_TO_SELF, Person
from battlemap.people.services import (
    NO_MANAGER_NAMED,
    PERSON_FIELDS,
    SEVERAL_MANAGERS_NAMED,
    WRITABLE_FIELDS,
    department_found,
    department_named,
)
from battlemap.punctuation import sentences


@transaction.atomic
def people_bulk_create(
    *,
    account: Account,
    rows: list[dict[str, str]],
    numbers: list[int] | None = None,
    left_out: Mapping[int, str] | None = None,
) -> list[Person]:
    """Add many people at once (paste-to-add); all or nothing. Errors name the row and the field: a row is
    numbered by `numbers` (the paste preview's own numbers, its unticked rows left out) or else 1, 2, …; the
    preview's rows left out, by number, are `left_out`'s names (a manager named on one is on no ticked row).

    A row's `department` (a name) is the person's org unit: the account's unit of that name, else the
    one top-level unit of that name, else a new top-level unit (people.services.department_named, as
    the people-file import makes them); several units of that name and none at the top is an error
    naming the row, not a guess. A row's `manager` (a name) is their solid-line manager: one of the rows,
    else the one person of that name on the map (`io.matching.match_name`, as names match everywhere);
    no one or several of that name is an error naming the row, and a line that would close a circle too."""
    created = []
    units: dict[str, OrgUnit | None] = {}
    on_map = _map_people(account)
    numbers = numbers or list(range(1, len(rows) + 1))
    for number, row in zip(numbers, rows, strict=True):
        person = pasted_person(account, row)
        department = (row.get("department") or "").strip()
        if department:
            if department not in units:
                try:
                    units[department] = department_named(account, department)
                except ValidationError as e:
                    raise ValidationError(_row_problem(number, "org_unit", sentences(e.messages))) from e
            person.org_unit = units[department]
        problems = new_person_problems(person, number)
        if problems:
            raise ValidationError(problems)
        person.save()
        created.append(person)
    for number, row, person in zip(numbers, rows, created, strict=True):
        name = (row.get("manager") or "").strip()
        if name:
            manager = _manager_named(name, number, created, on_map, left_out or {})
            try:
                update_versioned(
                    person, version=person.version, changes={"reports_to": manager}, allowed=WRITABLE_FIELDS
                )
            except ValidationError as e:
                raise ValidationError(_row_problem(number, "reports_to", sentences(e.messages))) from e
    return created


def paste_problems(
    *,
    account: Account,
    rows: Sequence[Mapping[str, str]],
    numbers: Sequence[int],
    left_out: Mapping[int, str] | None = None,
) -> dict[int, list[str]]:
    """What `people_bulk_create` would refuse in `rows` (numbered by `numbers`) because of the account's
    departments and people and the other rows — a department that names several units, or that would be made
    and refused (a name over a unit's limit); a manager who is no one, or several people, in these rows and
    on the map (or the name of a row `left_out`, unticked: that row is named) — by row number, each in the add's
    own words. Reads only: nothing is made."""
    problems: dict[int, list[str]] = {}
    units: dict[str, str] = {}
    for number, row in zip(numbers, rows, strict=True):
        department = " ".join((row.get("department") or "").split())
        if department and department not in units:
            units[department] = _department_problem(account, department)
        if department and units[department]:
            problems.setdefault(number, []).append(_row_problem(number, "org_unit", units[department]))
    pasted, on_map = [pasted_person(account, row) for row in rows], _map_people(account)
    managers: dict[int, Person] = {}  # id() of a pasted person → the manager the add has given them so far
    for number, row, person in zip(numbers, rows, pasted, strict=True):
        name = (row.get("manager") or "").strip()
        if name:
            try:
                manager = _manager_named(name, number, pasted, on_map, left_out or {})
            except ValidationError as e:
                problems.setdefault(number, []).extend(e.messages)
                continue
            if circle := _reporting_circle(person, manager, managers):
                problems.setdefault(number, []).append(_row_problem(number, "reports_to", str(circle)))
            else:
                managers[id(person)] = manager
    return problems


def _reporting_circle(person: Person, manager: Person, managers: Mapping[int, Person]) -> str:
    """What the model says (`Person.clean`) when the add gives `person` the `manager` after the earlier rows theirs
    (`managers`): reporting to themselves, or to someone whose managers among the pasted rows lead back to them (A
    reports to B, B to A: a reporting cycle); else "". People of the map report to no pasted person."""
    if manager is person:
        return str(REPORTS_TO_SELF)
    seen: set[int] = set()
    while manager is not None and id(manager) not in seen:
        if manager is person:
            return str(REPORTING_CYCLE)
        seen.add(id(manager))
        manager = managers.get(id(manager))
    return ""


def _department_problem(account: Account, name: str) -> str:
    """Why `department_named` would refuse `name` (without making the unit it would make), else ""."""
    try:
        if department_found(account, name) is None:
            check_validated(OrgUnit(account=account, name=name))
    except ValidationError as e:
        return sentences(e.messages)
    return ""


def pasted_person(account: Account, row: Mapping[str, str]) -> Person:
    """The unsaved person a pasted row is: what `people_bulk_create` adds, and what the paste preview checks
    (`new_person_problems`) so as not to tick a row the add would refuse."""
    return Person(account=account, **{k: v for k, v in row.items() if k in PERSON_FIELDS})


def _row_problem(number: int, field: str, message: str) -> str:
    return _("Row %(number)d, %(field)s: %(message)s") % {
        "number": number,
        "message": message,
        "field": Person._meta.get_field(field).verbose_name if field in PERSON_FIELDS else "—",
    }


def _map_people(account: Account) -> list[Person]:
    """The people already on the map, whom a pasted row's manager may name (before the paste adds any)."""
    return list(account.people.only("pk", "name"))


def _manager_named(
    name: str, number: int, pasted: Sequence[Person], on_map: Sequence[Person], left_out: Mapping[int, str]
) -> Person:
    """The manager a pasted row names: the one pasted person of that name, else the one on the map. No one of
    that name, but a row of the paste left out (unticked) has it: that row is named, not "no one called …"."""
    key = match_name(name)
    found = [p for p in pasted if match_name(p.name) == key] or [
        p for p in on_map if match_name(p.name) == key
    ]
    if len(found) == 1:
        return found[0]
    unticked = [row for row, left in sorted(left_out.items()) if match_name(left) == key]
    if not found and unticked:
        message = _(
            "%(name)s is row %(row)d of this paste, which is not ticked: tick it too, or leave the manager empty."
        ) % {"name": name, "row": unticked[0]}
        raise ValidationError(_row_problem(number, "reports_to", message))
    message = NO_MANAGER_NAMED if not found else SEVERAL_MANAGERS_NAMED
    raise ValidationError(_row_problem(number, "reports_to", str(message) % {"name": name}))


def new_person_problems(person: Person, number: int) -> list[str]:
    """What keeps `person` (not saved yet: a pasted row, a line of people an interview names) off
    the map, each as "Row 2, name: Ensure this value has at most 200 characters (it has 300).";
    empty when it can be added."""
    try:
        person.full_clean()
    except ValidationError as e:
        return [_row_problem(number, f, sentences(m)) for f, m in e.message_dict.items()]
    return []
