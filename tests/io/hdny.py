"""A small copy of the demo account hdny's 信息中心 for import tests that bring a reviewer's file to the map."""

from __future__ import annotations

from typing import Any

from battlemap.people.models import Person
from tests import factories as f


def it_centre(*people: dict[str, Any]) -> Any:
    """The account 华东省能源投资集团 (hdny) with its unit 信息中心 and `people` in it (each the fields of one, in
    order; `reports_to` the name of an earlier one)."""
    account = f.account(owner=f.user("ops"), slug="hdny", name="华东省能源投资集团")
    it = f.org_unit(account=account, name="信息中心")
    made: dict[str, Any] = {}
    for fields in people:
        boss = made.get(fields.pop("reports_to", ""))
        made[fields["name"]] = f.person(account=account, org_unit=it, reports_to=boss, **fields)
    return account


def people_of(account: Any, fields: tuple[str, ...]) -> list[tuple]:
    """The account's people, in the order they were added, as `fields` of each."""
    return list(Person.objects.filter(account=account).order_by("pk").values_list(*fields))
