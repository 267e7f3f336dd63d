"""What the people commands share."""

from __future__ import annotations

from django.core.management.base import CommandError

from battlemap.people.models import Person


def person_of(account, person_id: int) -> Person:
    """The person of `account` with this id; else a CommandError naming both."""
    try:
        return account.people.select_related("account").get(pk=person_id)
    except Person.DoesNotExist:
        raise CommandError(f"no person {person_id} in account {account.slug!r}") from None
