"""Requests that arrive together are checked one after the other: a team's trial sent four
`POST …/people {"name": "Race Person"}` at once (two sellers after one meeting, a double click) and got three
people of that name — each request checked "no one of this name yet" before any had written."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from battlemap.accounts.models import Account
from battlemap.people.models import Person
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db(transaction=True)

TOGETHER = 4


def _at_once(monkeypatch, module, name: str, send) -> list[int]:  # noqa: ANN001
    """`send(n)` from TOGETHER threads, each pausing right after its duplicate check (`module.name`) until all
    have checked — or 2 s, when the checks run one after the other (the fix) — and the statuses answered."""
    check = getattr(module, name)
    gate = threading.Barrier(TOGETHER, timeout=2)

    def checked(*args, **kwargs):  # noqa: ANN002, ANN003
        found = check(*args, **kwargs)
        try:
            gate.wait()
        except threading.BrokenBarrierError:
            pass
        return found

    monkeypatch.setattr(module, name, checked)
    statuses: list[int] = []

    def run(n: int) -> None:
        try:
            statuses.append(send(n).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(TOGETHER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(statuses)


def test_people_of_one_name_posted_at_once_make_one_person(world, monkeypatch):
    from battlemap.people import selectors

    clients = [_client_for(u) for u in (world.owner, world.teammate, world.owner, world.teammate)]
    url = f"/api/accounts/{world.cn.slug}/people"
    statuses = _at_once(
        monkeypatch, selectors, "people_like", lambda n: clients[n].post(url, {"name": "Race Person"})
    )
    assert statuses == [201, 422, 422, 422]
    assert Person.objects.filter(account=world.cn, name="Race Person").count() == 1


def test_accounts_of_one_name_posted_at_once_make_one_account(world, monkeypatch):
    from battlemap.accounts import selectors

    client = _client_for(world.owner)
    statuses = _at_once(
        monkeypatch, selectors, "accounts_named",
        lambda n: client.post("/api/accounts", {"name": "Race Holdings"}),
    )  # fmt: skip
    assert statuses == [201, 422, 422, 422]
    assert Account.objects.filter(name="Race Holdings").count() == 1
