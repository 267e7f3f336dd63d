"""Writes to people, their dotted-line managers and influence links: the only writers of these models.

Every write runs the model's full_clean (ValidationError naming the field; the models refuse a manager,
department or linked person of another account), refuses a stale edit (core.services.StaleEdit) and
is kept in history (simple-history records who made it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account, OrgUnit
from battlemap.accounts.services import org_unit_create
from battlemap.core.multilingual import active_language
from battlemap.core.request_items import item_of_request
from battlemap.core.services import (
    apply_changes,
    create_validated,
    delete_versioned,
    lock_row,
    replace_rows,
    save_checked,
    update_versioned,
)
from battlemap.people.models import DottedLine, InfluenceLink, Person, new_leaving_date_error
from battlemap.punctuation import list_separator, with_id

# The person's portrait (seed 004): duties, concerns, style, needs, traits, personal win, notes.
PERSON_PORTRAIT_FIELDS = (
    "duties",
    "concerns",
    "decision_style",
    "needs_level",
    "power",
    "expertise",
    "budget_control",
    "network",
    "personal_win",
    "notes",
)
PERSON_FIELDS = (
    "name",
    "title",
    "org_unit",
    "reports_to",
    "email",
    "phone",
    "status",
    "left_on",
    "placeholder",
    "external",
    "external_kind",
    "organisation",
    *PERSON_PORTRAIT_FIELDS,
)


# What the web form edits; the API may also set the CRM id.
WRITABLE_FIELDS = (*PERSON_FIELDS, "external_id")
LINK_FIELDS = ("source", "target", "kind", "strength", "note")
DOTTED_LINE_EXISTS = gettext_lazy("This dotted line exists already.")
# One person is either someone's solid-line manager or a dotted-line one, never both (every path: the
# web form, the API, the org chart's drag, the map import).
SOLID_NOT_DOTTED = gettext_lazy(
    "This person is the solid-line manager already; a dotted line to them adds nothing."
)
ALREADY_ON_MAP = gettext_lazy(
    "Already on the map: %(people)s. Send another_person: true to add another person of that name (an e-mail "
    "is one person's)."
)
NAME_IN_REQUEST = gettext_lazy(
    "%(items)s of this request has this name too. Send another_person: true to add another person of that name "
    "(an e-mail is one person's)."
)
NO_MANAGER_NAMED = gettext_lazy(
    "no one called %(name)s is on the map or in this paste: add them first, or leave the manager empty."
)
SEVERAL_MANAGERS_NAMED = gettext_lazy(
    "several people are called %(name)s: leave the manager empty and choose them on this person's page."
)
SEVERAL_DEPARTMENTS = gettext_lazy(
    "several departments are called %(name)s: choose one in the list of departments."
)
DOTTED_NOT_SOLID = gettext_lazy(
    "This person is a dotted-line manager already: remove that dotted line first."
)


# --- people -----------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *, account: Account, dotted_managers: Iterable[Person] = (), new_department: str = "", **fields: Any
) -> Person:
    """A person of `account`; fields: any of WRITABLE_FIELDS (`org_unit`, `reports_to` as objects).

    `dotted_managers`: their dotted-line managers; `new_department`: a department by name, their org unit
    instead of `org_unit` (`department_named`: found or made). Errors: ValidationError naming the field."""
    if leaving := new_leaving_date_error(
        status=fields.get("status", "active"), left_on=fields.get("left_on")
    ):
        raise ValidationError({"left_on": leaving})
    if new_department.strip():
        fields["org_unit"] = _department(account, new_department)
    person = Person(account=account)
    apply_changes(person, fields, WRITABLE_FIELDS)
    create_validated(person)
    _set_dotted_managers(person, dotted_managers)
    return person


def check_not_on_map(*, account: Account, name: str, message: Any = ALREADY_ON_MAP) -> None:
    """The rule for a new person of the API and of the meeting capture (the web's person form shows the
    records instead): ValidationError naming `name` (code "already_on_map") when someone of that name is on
    `account` already (`people.selectors.people_like`), `message` listing them by name and id (%(people)s; the
    capture's says how to add another on purpose, as the API's does) — or, when only earlier items of the same
    all-or-nothing request have the name (`core.request_items`), naming those items. (An e-mail another
    person has is refused whatever the caller says: `Person.clean`.)"""
    from battlemap.people.selectors import people_like

    lock_row(account)  # one check-then-create at a time per account
    found = people_like(account=account, name=name)
    lang = active_language()
    on_map = [p for p in found if not item_of_request(p)]
    if on_map:
        people = list_separator(lang).join(with_id(lang, p.name, p.pk) for p in on_map)
        message = message % {"people": people}
    elif found:
        message = NAME_IN_REQUEST % {
            "items": list_separator(lang).join(item_of_request(p) or "" for p in found)
        }
    else:
        return
    raise ValidationError({"name": ValidationError(message, code="already_on_map")})


def _department(account: Account, name: str) -> OrgUnit | None:
    try:
        return department_named(account, name)
    except ValidationError as e:
        raise ValidationError({"new_department": e.messages}) from e


def dotted_line_to_solid_manager(person: Person) -> DottedLine | None:
    """The person's dotted line to their solid-line manager (`reports_to` as the object holds it, saved or
    not), which the person rules refuse (DOTTED_NOT_SOLID, SOLID_NOT_DOTTED: one person is either someone's
    solid-line manager or a dotted-line one); None when they hold no such line."""
    if person.reports_to_id is None:
        return None
    return person.dotted_lines.filter(manager_id=person.reports_to_id).first()


def _check_solid_not_dotted(person: Person) -> None:
    """ValidationError naming `reports_to` when the person's solid-line manager is also one of their
    dotted-line managers."""
    if dotted_line_to_solid_manager(person) is not None:
        raise ValidationError({"reports_to": DOTTED_NOT_SOLID})


@transaction.atomic
def person_update(
    *,
    person: Person,
    version: int | None,
    dotted_managers: Iterable[Person] | None = None,
    new_department: str = "",
    **fields: Any,
) -> Person:
    """Change fields of WRITABLE_FIELDS; `dotted_managers` (when given) replaces the dotted lines;
    `new_department` as for person_create.

    Errors: StaleEdit; ValidationError naming the field (`reports_to` for a cycle, or for a manager who
    is a dotted-line one too)."""
    status = fields.get("status", person.status)
    if leaving := new_leaving_date_error(status=status, left_on=fields.get("left_on"), stored=person.left_on):
        raise ValidationError({"left_on": leaving})
    if new_department.strip():
        fields["org_unit"] = _department(person.account, new_department)
    person = update_versioned(
        person,
        version=version,
        changes=fields,
        allowed=WRITABLE_FIELDS,
        lists=None if dotted_managers is None else lambda p: _set_dotted_managers(p, dotted_managers),
    )
    _check_solid_not_dotted(person)  # raising rolls the edit back
    return person


@transaction.atomic
def person_delete(*, person: Person, version: int | None = None) -> None:
    """Delete a person (their roles, links and participations go too; history keeps them). Whoever
    reported to them, an action item about them, a body they chaired… no longer names them, each
    recorded as an edit of its own (history, version)."""
    people_bulk_delete(
        account=person.account, people=[person], versions=None if version is None else {person.pk: version}
    )


def department_named(account: Account, name: str) -> OrgUnit | None:
    """The org unit a department typed by name is: the account's unit of that name (`department_found`), else a
    new top-level unit (accounts.services.org_unit_create, as the people-file import makes them); None for an
    empty name. Errors: those of `department_found`, and the new unit's (a name over its limit…)."""
    name = " ".join(name.split())
    if not name:
        return None
    found = department_found(account, name)
    return found if found is not None else org_unit_create(account=account, name=name)


def department_found(account: Account, name: str) -> OrgUnit | None:
    """The account's unit named `name`, else the one top-level unit of that name, else None. Names match on
    `io.matching.department_key`, as the import's do (`信息中心 (北京)` is the unit `信息中心（北京）`). Several of
    that name and none at the top: ValidationError (code "ambiguous_department"), not a guess. Reads only."""
    from battlemap.io.matching import department_key

    key = department_key(name)
    named = [u for u in account.org_units.only("pk", "name", "parent") if department_key(u.name) == key]
    same = [u for u in named if u.parent_id is None] if len(named) > 1 else named
    if len(same) == 1:
        return same[0]
    if named:
        raise ValidationError(SEVERAL_DEPARTMENTS % {"name": name}, code="ambiguous_department")
    return None


# --- dotted lines -----------------------------------------------------------------------------------


def dotted_line_create(*, person: Person, manager: Person) -> DottedLine:
    """`manager` becomes a dotted-line manager of `person` (same account, not themselves, not twice,
    not their solid-line manager).

    Errors: ValidationError naming `manager`."""
    if DottedLine.objects.filter(person=person, manager=manager).exists():
        raise ValidationError({"manager": DOTTED_LINE_EXISTS})
    if person.reports_to_id is not None and person.reports_to_id == manager.pk:
        raise ValidationError({"manager": SOLID_NOT_DOTTED})
    return create_validated(DottedLine(person=person, manager=manager))


def dotted_line_delete(*, line: DottedLine) -> None:
    delete_versioned(line)


def dotted_line_add(*, person: Person, manager: Person) -> DottedLine:
    """`dotted_line_create` as an edit of the person (the API's own route): the person's version and updated_at
    move on, as when their form changes the list, so a tab or client that saw the old list is refused (409).
    Errors: those of `dotted_line_create`."""
    return _person_edit(person, lambda current: dotted_line_create(person=current, manager=manager))


def dotted_line_remove(*, line: DottedLine) -> None:
    """`dotted_line_delete` as an edit of the person whose line it is (see `dotted_line_add`)."""
    _person_edit(line.person, lambda _current: dotted_line_delete(line=line))


def _person_edit(person: Person, write: Callable[[Person], Any]) -> Any:
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        done = write(current)
        save_checked(current)  # the version moves on: the list is part of the person
    return done


def _set_dotted_managers(person: Person, managers: Iterable[Person]) -> bool:
    """The person's dotted-line managers become `managers`; True when one went or came."""

    def add(manager: Person) -> None:
        try:
            dotted_line_create(person=person, manager=manager)
        except ValidationError as e:
            raise ValidationError({"dotted_managers": e.messages}) from None

    wanted = {m.pk: m for m in managers}
    return replace_rows(person.dotted_lines.all(), wanted, key=lambda line: line.manager_id, add=add)


# --- influence links --------------------------------------------------------------------------------


def influence_link_create(
    *,
    account: Account,
    source: Person,
    target: Person,
    kind: str = "advises",
    strength: int = 2,
    note: str = "",
) -> InfluenceLink:
    """`source` sways `target` (both of `account`). Errors: ValidationError naming the field."""
    link = InfluenceLink(
        account=account, source=source, target=target, kind=kind, strength=strength, note=note
    )
    return create_validated(link)


def influence_link_update(*, link: InfluenceLink, version: int | None, **fields: Any) -> InfluenceLink:
    """Change fields of LINK_FIELDS. Errors: StaleEdit; ValidationError naming the field."""
    return update_versioned(link, version=version, changes=fields, allowed=LINK_FIELDS)


def influence_link_delete(*, link: InfluenceLink, version: int | None = None) -> None:
    """Remove a link; with the `version` the user saw, a stale one raises StaleEdit."""
    delete_versioned(link, version=version)


# the bulk writes live beside this module; they are people services too (merging: people.services.merge)
from battlemap.people.services.bulk import influence_links_bulk_insert as influence_links_bulk_insert  # noqa: E402
from battlemap.people.services.bulk import people_bulk_check as people_bulk_check  # noqa: E402
from battlemap.people.services.bulk import people_bulk_delete as people_bulk_delete  # noqa: E402
from battlemap.people.services.bulk import people_bulk_insert as people_bulk_insert  # noqa: E402
from battlemap.people.services.bulk import people_bulk_update as people_bulk_update  # noqa: E402
from battlemap.people.services.paste import new_person_problems as new_person_problems  # noqa: E402
from battlemap.people.services.paste import paste_problems as paste_problems  # noqa: E402
from battlemap.people.services.paste import pasted_person as pasted_person  # noqa: E402
from battlemap.people.services.paste import people_bulk_create as people_bulk_create  # noqa: E402
from battlemap.people.services.restore import people_restore as people_restore  # noqa: E402
from battlemap.people.services.restore import person_restore as person_restore  # noqa: E402
