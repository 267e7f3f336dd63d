"""Bring back people deleted from the map (the undo of a person's deletion), from history.

A deletion (people.services.people_bulk_delete) stamps everything it writes with one moment: each person's "-"
history row, the rows that went with them (deal roles and their coverage, influence links both ways, dotted
lines, meeting participations, decision-body seats, process-step people, comments, questionnaire links and
answers: every model that cascades from a person, read from the models, so a new one is not forgotten), the
rows that named them and were set to nobody (their reports' solid line, an action item about them, a body they
chaired) and a new-person suggestion made pending again. The restore puts back, from the rows of that moment:

- the person with the same id, as they were (a department or manager gone since: without it, and said);
- each row deleted with them whose other ends still exist (a row another edit made impossible since stays
  out, counted);
- each reference set to nobody, unless that row was edited since: an edit made since wins, and is said.

Errors: ValidationError naming `person` (not a deleted person of this account, back already, merged into
another record) or `account` (the account itself is deleted: restore the account).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy, ngettext

from battlemap.accounts.models import Account, OrgUnit
from battlemap.core.services import create_validated, lock_row, update_versioned
from battlemap.people.merge import MERGE_REASON_PREFIX
from battlemap.people.models import Person

NOT_DELETED = gettext_lazy(
    "This person cannot be brought back: they are not a deleted person of this account."
)
BACK_ALREADY = gettext_lazy("%(name)s is on the map already: nothing to bring back.")
MERGED_AWAY = gettext_lazy(
    "%(name)s cannot be brought back: they were merged into another record, which holds what they had."
)
ACCOUNT_DELETED = gettext_lazy(
    "This account is deleted: restore the account, and its people come back with it."
)
EDITED_SINCE = gettext_lazy("%(what)s was edited since: its %(field)s was left as it is now.")
GONE_SINCE = gettext_lazy("%(name)s came back without their %(field)s: it was deleted since.")


@dataclass
class Restored:
    """What a restore brought back: the people, how many rows went with them, and what it left as it is now
    (`said`: sentences in the active language)."""

    people: list[Person] = field(default_factory=list)
    rows: int = 0
    left_out: int = 0
    said: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        notes = list(self.said)
        if self.left_out:
            notes.append(
                ngettext(
                    "%(count)d record deleted with them stays out: what it was about is gone or changed since.",
                    "%(count)d records deleted with them stay out: what they were about is gone or changed since.",
                    self.left_out,
                )
                % {"count": self.left_out}
            )
        return notes


def person_restore(*, account: Account, person_id: int) -> Restored:
    """Bring back the deleted person `person_id` of `account` and what their deletion took (module docstring)."""
    return people_restore(account=account, person_ids=[person_id])


@transaction.atomic
def people_restore(*, account: Account, person_ids: Sequence[int]) -> Restored:
    """Bring back deleted people of `account` together (the undo of deleting several at once): as
    person_restore for each, their lines to one another too; all or nothing."""
    if account.deleted_at is not None:
        raise ValidationError({"account": ACCOUNT_DELETED})
    lock_row(account)
    done = Restored()
    deleted = {pk: _deleted_row(account, pk) for pk in dict.fromkeys(person_ids)}
    _people_back(account, deleted, done)
    moments: dict[datetime, list[int]] = {}
    for pk, row in deleted.items():
        moments.setdefault(row.history_date, []).append(pk)
    seen: set[tuple[type, int]] = set()
    for moment, ids in moments.items():
        _rows_back(Person, ids, moment, seen, done)
        _references_back(account, ids, moment, done)
        from battlemap.mail.services.reopened import person_suggestions_accepted_again  # mail's services

        person_suggestions_accepted_again(account=account, at=moment)
    return done


def _deleted_row(account: Account, pk: int) -> Any:
    """The history row of the person's deletion, or ValidationError naming `person` saying why there is none."""
    last = Person.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    if last is None or last.account_id != account.pk:
        raise ValidationError({"person": NOT_DELETED})
    if last.history_type != "-" or Person.objects.filter(pk=pk).exists():
        raise ValidationError({"person": BACK_ALREADY % {"name": last.name}})
    if (last.history_change_reason or "").startswith(MERGE_REASON_PREFIX + "into"):
        raise ValidationError({"person": MERGED_AWAY % {"name": last.name}})
    return last


def _people_back(account: Account, deleted: dict[int, Any], done: Restored) -> None:
    """Each person as their deletion row has them, managers before their reports (one among them or on the map)."""
    waiting = {pk: row.instance for pk, row in deleted.items()}
    while waiting:
        ready = [p for p in waiting.values() if p.reports_to_id not in waiting] or list(waiting.values())[:1]
        for person in ready:
            del waiting[person.pk]
            if (
                person.org_unit_id
                and not OrgUnit.objects.filter(pk=person.org_unit_id, account=account).exists()
            ):
                person.org_unit = None
                done.said.append(_gone(person, "org_unit"))
            if (
                person.reports_to_id
                and not Person.objects.filter(pk=person.reports_to_id, account=account).exists()
            ):
                person.reports_to = None
                done.said.append(_gone(person, "reports_to"))
            _insert(person, deleted[person.pk].created_at)
            done.people.append(person)


def _gone(person: Person, name: str) -> str:
    return str(GONE_SINCE % {"name": person.name, "field": Person._meta.get_field(name).verbose_name})


def _insert(row: models.Model, created_at: datetime) -> None:
    """Insert a row from its history with its own id, validated as any new row; it keeps the day it was made."""
    row.version = 1  # type: ignore[attr-defined]
    create_validated(row)
    type(row)._default_manager.filter(pk=row.pk).update(created_at=created_at)
    row.created_at = created_at  # type: ignore[attr-defined]


def _cascading(model: type[models.Model]) -> list[tuple[type[models.Model], models.Field]]:
    """The models whose rows a deletion of `model`'s takes with it (on_delete CASCADE), with their history."""
    return [
        (rel.related_model, rel.field)
        for rel in model._meta.related_objects
        if rel.on_delete is models.CASCADE and hasattr(rel.related_model, "history")
    ]


def _rows_back(
    model: type[models.Model], ids: list[int], moment: datetime, seen: set[tuple[type, int]], done: Restored
) -> None:
    """The rows deleted at `moment` with `model`'s rows `ids`, and theirs in turn, back where they still can be."""
    for related, fk in _cascading(model):
        rows = related.history.filter(  # type: ignore[attr-defined]
            history_date=moment, history_type="-", **{f"{fk.attname}__in": ids}
        ).order_by("history_id")
        back: list[int] = []
        for row in rows:
            if (related, row.id) in seen or related._default_manager.filter(pk=row.id).exists():
                continue
            seen.add((related, row.id))
            try:
                with transaction.atomic():
                    _insert(row.instance, row.created_at)
            except (
                ValidationError,
                ObjectDoesNotExist,
            ):  # its other end is gone, or an edit since made it impossible
                done.left_out += 1
                continue
            done.rows += 1
            back.append(row.id)
        if back:
            _rows_back(related, back, moment, seen, done)


def _references_back(account: Account, ids: list[int], moment: datetime, done: Restored) -> None:
    """The references to the people `ids` that their deletion set to nobody (a report's solid line, an action
    item's person, a body's chair), each set back unless its row was edited since (the edit wins, said)."""
    people = Person.objects.in_bulk(ids)
    for rel in Person._meta.related_objects:
        if rel.on_delete is not models.SET_NULL or not hasattr(rel.related_model, "history"):
            continue
        related, fk = rel.related_model, rel.field
        released = related.history.filter(  # type: ignore[attr-defined]
            history_date=moment, history_type="~", **{f"{fk.attname}__isnull": True}
        ).order_by("history_id")
        for row in released:
            before = row.prev_record
            was = getattr(before, fk.attname, None) if before is not None else None
            if was not in people:
                continue
            current = related._default_manager.filter(pk=row.id).first()
            if current is None or (current.version == row.version and getattr(current, fk.attname) is None):
                if current is not None:
                    _set_back(current, fk, people[was], done)
                continue
            done.said.append(str(EDITED_SINCE % {"what": current, "field": fk.verbose_name}))


def _set_back(row: models.Model, fk: models.Field, person: Person, done: Restored) -> None:
    try:
        with transaction.atomic():
            update_versioned(row, version=row.version, changes={fk.name: person}, allowed=(fk.name,))  # type: ignore[attr-defined]
    except ValidationError:  # a line that would now close a circle, a rule an edit since made true
        done.said.append(str(EDITED_SINCE % {"what": row, "field": fk.verbose_name}))
