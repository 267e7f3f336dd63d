"""Writes to decision bodies, their members, their roles in deals and the deals' purchase process.

The only writers of `battlemap.process` models. Every write validates (ValidationError naming the
field), refuses a stale edit (core.services.StaleEdit) and is kept in history. Rules kept here once,
for the web, the API and the map loader alike: a body's members and chair are people of its account,
and the chair sits on the body; one role per body per deal; a new step goes after the last one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from battlemap import vocab
from battlemap.accounts.models import Account
from battlemap.core.refusals import PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.restore import Restored, restore_one
from battlemap.core.services import (
    apply_changes,
    check_version,
    create_validated,
    delete_versioned,
    refuse_namesake,
    replace_rows,
    update_versioned,
)
from battlemap.deals.models import Deal
from battlemap.io.matching import match_name
from battlemap.people.models import Person
from battlemap.process.models import BodyMember, BodyRole, DecisionBody, ProcessStep, StepPerson

BODY_FIELDS = ("name", "kind", "chair", "decision_rule", "meets", "next_meeting", "notes")
BODY_ROLE_FIELDS = ("roles", "note")
STEP_FIELDS = ("kind", "name", "status", "planned_on", "done_on", "body", "documents", "position")

# a second part for a body: the API names the part to change by its id (an integrator's trial), the deal room's
# form by the body, whose part has its own edit link there (review rev2, finding 1)
ONE_ROLE_PER_BODY = _("%(name)s already has a role in this deal (role %(id)s): change that one.")
BODY_HAS_A_PART = _(
    "%(name)s already has a part in this deal: change it with its “edit” link in the list above."
)
BODY_THERE = _(
    "%(there)s is a decision body of this account already: change that one, or give this one another name."
)
OTHER_STEP = "other_step"  # vocab.PROCESS_STEPS: the kind that says nothing of the step
STEP_NEEDS_A_NAME = _("Name this step: an “other step” is known by its name only.")
UNKNOWN_TEMPLATE = _("Choose a process template.")
NOTHING_TO_ADD = _("The process already has every step of this template.")


def _check_people(account_id: int, people: Iterable[Person], field: str) -> list[Person]:
    people = list(dict.fromkeys(people))
    if any(p.account_id != account_id for p in people):
        raise ValidationError({field: PERSON_OF_ANOTHER_ACCOUNT})
    return people


# --- decision bodies --------------------------------------------------------------------------------


def _seat_chair(body: DecisionBody) -> bool:
    """The chair sits on the body; True when they got a seat."""
    if body.chair_id and not body.members.filter(person_id=body.chair_id).exists():
        create_validated(BodyMember(body=body, person_id=body.chair_id))
        return True
    return False


def _set_members(body: DecisionBody, members: Iterable[Person]) -> bool:
    """The body's members become `members` and its chair; True when one went or came."""
    wanted = {p.pk: p for p in _check_people(body.account_id, members, "members")}
    if body.chair_id:
        wanted.setdefault(body.chair_id, body.chair)
    return replace_rows(
        body.members.all(),
        wanted,
        key=lambda seat: seat.person_id,
        add=lambda person: create_validated(BodyMember(body=body, person=person)),
    )


def check_body_name_free(*, account: Account, name: str, body: DecisionBody | None = None) -> None:
    """The rule for a new or renamed decision body, on the web (the bodies page's forms) and the API (POST, and a
    PATCH or PUT that renames one) alike: no other body of `account` has this name as names match
    (`io.matching.match_name`: case, spacing and full-width forms aside); else ValidationError naming `name` and
    that body with its id (`core.services.refuse_namesake`) — a nightly sync that posted 采购委员会 again added a
    second one each night, and the deal room then offered two to give a role. A body that keeps its own name (a PUT
    of what GET gave) is not asked: two stored before the rule can each still be changed. The map loader does not
    ask: a file is kept as it is. The account's row is held until the write's transaction ends."""
    bodies = account.decision_bodies.only("pk", "name")
    refuse_namesake(
        account, bodies, name, record=body, key=partial(match_name, person=False), message=BODY_THERE
    )


@transaction.atomic
def body_create(
    *,
    account: Account,
    name: str,
    members: Iterable[Person] | None = None,
    once: bool = True,
    **fields: Any,
) -> DecisionBody:
    """A decision body of `account` (fields: any of BODY_FIELDS) with its `members` (people of the
    account); the chair sits on it. With `once` (the web and the API; the map loader keeps a file as it is), a
    name another body of the account has is refused (`check_body_name_free`). Errors: ValidationError naming the
    field (`name`, `members`, `chair`…)."""
    if once:
        check_body_name_free(account=account, name=name)
    body = DecisionBody(account=account, name=name)
    apply_changes(body, fields, BODY_FIELDS)
    create_validated(body)
    _set_members(body, members or ())
    return body


@transaction.atomic
def body_update(
    *, body: DecisionBody, version: int | None, members: Iterable[Person] | None = None, **fields: Any
) -> DecisionBody:
    """Change fields of BODY_FIELDS and (when given) the members; a new name another body of the account has is
    refused (`check_body_name_free`). Errors: StaleEdit; ValidationError."""
    check_body_name_free(account=body.account, name=fields.get("name", body.name), body=body)
    seats = _seat_chair if members is None else lambda b: _set_members(b, members)
    return update_versioned(body, version=version, changes=fields, allowed=BODY_FIELDS, lists=seats)


def body_delete(*, body: DecisionBody, version: int | None = None) -> None:
    """Delete a body with its seats and its roles in deals (steps it was responsible for keep no body)."""
    delete_versioned(body, version=version)


def body_restore(*, account: Account, body_id: int) -> Restored:
    """The undo of body_delete (core.restore): the body, its seats, its roles in deals and the steps it was
    responsible for; a chair deleted since stays off it. Errors: ValidationError naming `body` or `account`."""
    return restore_one(DecisionBody, account=account, pk=body_id, name="body")


# --- a body's roles in a deal -----------------------------------------------------------------------


def body_role_create(*, deal: Deal, body: DecisionBody, **fields: Any) -> BodyRole:
    """Give `body` buying roles in `deal` (fields: roles, note). Errors: ValidationError naming `body` (the body
    has a role already: ONE_ROLE_PER_BODY names it and that role's id) or the field."""
    existing = BodyRole.objects.filter(deal=deal, body=body).first()
    if existing is not None:  # named, so that it is changed instead (an integrator's trial)
        raise ValidationError({"body": ONE_ROLE_PER_BODY % {"name": body.name, "id": existing.pk}})
    role = BodyRole(deal=deal, body=body)
    apply_changes(role, fields, BODY_ROLE_FIELDS)
    return create_validated(role)


def body_role_update(*, role: BodyRole, version: int | None, **fields: Any) -> BodyRole:
    """Change a body's part in its deal (fields: roles, note), kept in history as a change (old → new).
    The deal room's edit page and the API's PUT. Errors: StaleEdit (`version` is not the stored one);
    ValidationError naming the field."""
    return update_versioned(role, version=version, changes=fields, allowed=BODY_ROLE_FIELDS)


@transaction.atomic
def body_role_set(*, deal: Deal, body: DecisionBody, version: int | None, **fields: Any) -> BodyRole:
    """The deal room's form: create or update the body's part (version 0: the form saw none).

    Errors: ValidationError naming `body` by its name (BODY_HAS_A_PART) when version 0 finds a part already;
    StaleEdit; ValidationError naming the field."""
    role = BodyRole.objects.select_for_update().filter(deal=deal, body=body).first()
    if role is not None and not version:  # the form offered a new part: the body has one already
        raise ValidationError({"body": BODY_HAS_A_PART % {"name": body.name}})
    check_version(role, version)
    if role is None:
        return body_role_create(deal=deal, body=body, **fields)
    return body_role_update(role=role, version=version, **fields)


def body_role_delete(*, role: BodyRole, version: int | None = None) -> None:
    delete_versioned(role, version=version)


# --- the purchase process ---------------------------------------------------------------------------


def _set_responsible(step: ProcessStep, people: Iterable[Person]) -> bool:
    """The step's people responsible become `people`; True when one went or came."""
    wanted = {p.pk: p for p in _check_people(step.deal.account_id, people, "people")}
    return replace_rows(
        step.responsible.all(),
        wanted,
        key=lambda link: link.person_id,
        add=lambda person: create_validated(StepPerson(step=step, person=person)),
    )


def _next_position(deal: Deal) -> int:
    return (deal.process_steps.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def _check_named(kind: str, name: str) -> None:
    """A step says what it is: by its kind, or — an "other step" — by its name (an integrator's `{}` made a step
    of no name, listed as "other step"). ValidationError naming `name` otherwise."""
    if kind == OTHER_STEP and not (name or "").strip():
        raise ValidationError({"name": STEP_NEEDS_A_NAME})


def step_create(
    *, deal: Deal, people: Iterable[Person] | None = None, unnamed: bool = False, **fields: Any
) -> ProcessStep:
    """A step of the deal's purchase process (fields: any of STEP_FIELDS; without a position it goes
    last), with the `people` responsible. An "other step" needs a name (`_check_named`), unless `unnamed` (the map
    loader: a file is kept as it is). Errors: ValidationError naming the field."""
    if not unnamed:
        _check_named(fields.get("kind") or OTHER_STEP, fields.get("name") or "")
    step = ProcessStep(deal=deal)
    if fields.get("position") is None:
        fields["position"] = _next_position(deal)
    apply_changes(step, fields, STEP_FIELDS)
    create_validated(step)
    _set_responsible(step, people or ())
    return step


@transaction.atomic
def step_update(
    *, step: ProcessStep, version: int | None, people: Iterable[Person] | None = None, **fields: Any
) -> ProcessStep:
    """Change fields of STEP_FIELDS and (when given) the people responsible; a change of kind or name that leaves an
    "other step" unnamed is refused (`_check_named`: one stored unnamed can still be saved as it is).
    Errors: StaleEdit; ValidationError."""
    kind, name = fields.get("kind", step.kind), fields.get("name", step.name)
    if (kind, name) != (step.kind, step.name):
        _check_named(kind, name)
    if "position" in fields and fields["position"] is None:
        del fields["position"]
    responsible = None if people is None else lambda s: _set_responsible(s, people)
    return update_versioned(step, version=version, changes=fields, allowed=STEP_FIELDS, lists=responsible)


def step_delete(*, step: ProcessStep, version: int | None = None) -> None:
    delete_versioned(step, version=version)


@transaction.atomic
def steps_from_template(*, deal: Deal, template: str) -> list[ProcessStep]:
    """Lay out a template's steps (vocab.PROCESS_TEMPLATE_STEPS) after the deal's steps, leaving out
    kinds it has already. Errors: ValidationError naming `template`."""
    if template not in vocab.PROCESS_TEMPLATE_STEPS:
        raise ValidationError({"template": UNKNOWN_TEMPLATE})
    have = set(deal.process_steps.values_list("kind", flat=True))
    kinds = [k for k in vocab.PROCESS_TEMPLATE_STEPS[template] if k not in have]
    if not kinds:
        raise ValidationError({"template": NOTHING_TO_ADD})
    return [step_create(deal=deal, kind=kind) for kind in kinds]


# --- merging two records of one person --------------------------------------------------------------


@transaction.atomic
def person_body_parts_move(*, duplicate: Person, survivor: Person) -> None:
    """A person merge's part in the bodies: `duplicate`'s seats, chairs and step responsibilities move
    to `survivor` (dropped where the survivor has them already)."""
    for seat in list(BodyMember.objects.filter(person=duplicate)):
        if BodyMember.objects.filter(body_id=seat.body_id, person=survivor).exists():
            delete_versioned(seat)
        else:
            update_versioned(seat, version=seat.version, changes={"person": survivor}, allowed=("person",))
    for body in list(DecisionBody.objects.filter(chair=duplicate)):
        update_versioned(body, version=body.version, changes={"chair": survivor}, allowed=("chair",))
    for link in list(StepPerson.objects.filter(person=duplicate)):
        if StepPerson.objects.filter(step_id=link.step_id, person=survivor).exists():
            delete_versioned(link)
        else:
            update_versioned(link, version=link.version, changes={"person": survivor}, allowed=("person",))
