"""What the CRM-export tests read of the demo account's people after an import, and its summary in English."""

from __future__ import annotations

from django.utils import translation

from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person

FIELDS = ("name", "title", "email", "phone", "external", "organisation", "org_unit__name", "reports_to__name")


def people(account) -> dict[str, dict]:
    """Every person of the account by name: the FIELDS a user sees on the map."""
    return {p["name"]: p for p in Person.objects.filter(account=account).values(*FIELDS)}


def summary(result) -> list[str]:
    with translation.override("en"):
        return summary_lines(result)


def import_and_read(account, data: bytes, filename: str, **options):
    """(the people before, the people after, the result) of importing `data` into `account`."""
    from battlemap.io.tabular.services import people_import

    before = people(account)
    result = people_import(account=account, data=data, filename=filename, **options)
    return before, people(account), result


def others_unchanged(before: dict, after: dict, changed) -> bool:
    """Whether everyone but the people `changed` names is as before."""
    return {n: p for n, p in after.items() if n not in changed} == {
        n: p for n, p in before.items() if n not in changed
    }
