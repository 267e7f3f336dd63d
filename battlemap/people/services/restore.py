"""Bring back people deleted from the map (the undo of a person's deletion), from history, by core.restore.

A deletion (people.services.people_bulk_delete) stamps everything it writes with one moment: each person's "-"
history row, the rows that went with them (deal roles and their coverage, influence links both ways, dotted
lines, meeting participations, decision-body seats, process-step people, comments, questionnaire links and
answers), the rows that named them and were set to nobody (their reports' solid line, an action item about
them, a body they chaired) and a new-person suggestion made pending again. The restore puts back, from the rows
of that moment, what core.restore puts back for any row (a department or manager gone since: without it, said;
a row deleted with them that can no longer be: out, counted; an edit made since wins, said), managers before
their reports, and accepts the suggestion again.

Errors: ValidationError naming `person` (not a deleted person of this account, back already, merged into
another record) or `account` (the account itself is deleted: restore the account).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account
from battlemap.core.restore import Restored, account_open, deleted_row, row_back, with_its_rows
from battlemap.people.merge import MERGE_REASON_PREFIX
from battlemap.people.models import Person

NOT_DELETED = gettext_lazy(
    "This person cannot be brought back: they are not a deleted person of this account."
)
MERGED_AWAY = gettext_lazy(
    "%(name)s cannot be brought back: they were merged into another record, which holds what they had."
)


def person_restore(*, account: Account, person_id: int) -> Restored:
    """Bring back the deleted person `person_id` of `account` and what their deletion took (module docstring);
    the person is `.back[0]`."""
    return people_restore(account=account, person_ids=[person_id])


@transaction.atomic
def people_restore(*, account: Account, person_ids: Sequence[int]) -> Restored:
    """Bring back deleted people of `account` together (the undo of deleting several at once): as
    person_restore for each, their lines to one another too; all or nothing."""
    account_open(account)
    done = Restored()
    deleted = {pk: _deleted_row(account, pk) for pk in dict.fromkeys(person_ids)}
    waiting = dict(deleted)
    while waiting:  # managers before their reports (one among them, or on the map)
        ready = [pk for pk, row in waiting.items() if row.reports_to_id not in waiting] or list(waiting)[:1]
        for pk in ready:
            row_back(waiting.pop(pk), done)
    moments: dict[datetime, list[int]] = {}
    for pk, row in deleted.items():
        moments.setdefault(row.history_date, []).append(pk)
    for moment, ids in moments.items():
        with_its_rows(Person, ids, moment, done)
        from battlemap.mail.services.reopened import person_suggestions_accepted_again  # mail's services

        person_suggestions_accepted_again(account=account, at=moment)
    return done


def _deleted_row(account: Account, pk: int) -> Any:
    """The history row of the person's deletion, or ValidationError naming `person` saying why there is none."""
    last = deleted_row(Person, pk, account, name="person", not_deleted=NOT_DELETED)
    if (last.history_change_reason or "").startswith(MERGE_REASON_PREFIX + "into"):
        raise ValidationError({"person": MERGED_AWAY % {"name": last.name}})
    return last
