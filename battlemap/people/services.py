"""Writes to people and influence links. Every write runs the model's full_clean (errors name the field),
refuses stale edits, and is kept in history (simple-history records who made it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.people.versioning import check_version

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


def _set_dotted_managers(person: Person, managers: Iterable[Person]) -> None:
    wanted = {m.pk: m for m in managers}
    for line in person.dotted_lines.all():
        if line.manager_id not in wanted:
            line.delete()
        else:
            wanted.pop(line.manager_id)
    for manager in wanted.values():
        line = DottedLine(person=person, manager=manager)
        try:
            line.full_clean()
        except ValidationError as e:
            raise ValidationError({"dotted_managers": e.messages}) from None
        line.save()


@transaction.atomic
def person_create(*, account: Account, dotted_managers: Iterable[Person] = (), **fields: Any) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    person = Person(account=account, **fields)
    person.full_clean()
    person.save()
    _set_dotted_managers(person, dotted_managers)
    return person


@transaction.atomic
def person_update(
    *, person: Person, version: int, dotted_managers: Iterable[Person] | None = None, **fields: Any
) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_version(person, version)
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise TypeError(f"unknown person field: {name}")
        setattr(person, name, value)
    person.full_clean()
    person.save()
    if dotted_managers is not None:
        _set_dotted_managers(person, dotted_managers)
    return person


@transaction.atomic
def people_bulk_create(*, account: Account, rows: list[dict[str, str]]) -> list[Person]:
    """Add many people at once (paste-to-add); all or nothing. Errors name the row and the field."""
    created = []
    for number, row in enumerate(rows, start=1):
        person = Person(account=account, **{k: v for k, v in row.items() if k in PERSON_FIELDS})
        try:
            person.full_clean()
        except ValidationError as e:
            messages = [
                _("Row %(number)d, %(field)s: %(message)s")
                % {
                    "number": number,
                    "message": " ".join(m),
                    "field": Person._meta.get_field(f).verbose_name if f in PERSON_FIELDS else "—",
                }
                for f, m in e.message_dict.items()
            ]
            raise ValidationError(messages) from None
        person.save()
        created.append(person)
    return created


def influence_link_create(
    *,
    account: Account,
    source: Person,
    target: Person,
    kind: str = "advises",
    strength: int = 2,
    note: str = "",
) -> InfluenceLink:
    link = InfluenceLink(
        account=account, source=source, target=target, kind=kind, strength=strength, note=note
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def influence_link_delete(*, link: InfluenceLink, version: int) -> None:
    link = InfluenceLink.objects.select_for_update().get(pk=link.pk)
    check_version(link, version)
    link.delete()
