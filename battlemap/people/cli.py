"""What the people commands share."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from battlemap.people.models import Person


def person_of(account, person_id: int) -> Person:
    """The person of `account` with this id; else a CommandError naming both."""
    try:
        return account.people.select_related("account").get(pk=person_id)
    except Person.DoesNotExist:
        raise CommandError(
            _("no person %(id)s in account %(slug)s") % {"id": person_id, "slug": repr(account.slug)}
        ) from None
