""" "Last contact" is one rule on every page and in the API, the analysis' own: an interaction counts once it has
happened (tester: a message wrongly dated 2029 showed as the account's last contact on the accounts list, while the
analysis — coverage, This week, the deal room — ignored it; a meeting scheduled for next week did the same)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from battlemap.deals.selectors import deal_room
from tests import factories as f


def _contacts(world) -> datetime:  # noqa: ANN001
    """A call with the decision maker three days ago; a meeting with them next week and one logged against the
    deal next month, both scheduled. Returns when the call was."""
    past = f.interaction(account=world.cn, people=[world.cn_boss], days_ago=3, kind="call")
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=-7)
    f.interaction(account=world.cn, deal=world.cn_deal, days_ago=-30)
    return past.occurred_at


def test_the_accounts_list_shows_the_last_contact_that_has_happened(owner_client, world):
    when = _contacts(world)
    rows = {r.account.slug: r for r in owner_client.get(reverse("portfolio")).context["rows"]}
    assert rows["guodian"].last_contact == when


def test_the_pipeline_shows_the_last_contact_that_has_happened(world, owner_api):
    when = _contacts(world)
    body = owner_api.get("/api/pipeline?owner=all").json()
    deal = next(d for d in body["deals"] if d["id"] == world.cn_deal.pk)
    assert datetime.fromisoformat(deal["last_contact"]) == when.replace(
        microsecond=when.microsecond // 1000 * 1000
    )


def test_the_pipeline_writes_the_moment_as_the_interaction_itself_does(world, owner_api):
    """One way of writing a moment across the API (an integrator's trial: the pipeline gave `…+00:00`, every other
    route `….000Z`, so a sync comparing the two strings saw a change that was none)."""
    _contacts(world)
    deal = next(
        d for d in owner_api.get("/api/pipeline?owner=all").json()["deals"] if d["id"] == world.cn_deal.pk
    )
    listed = owner_api.get("/api/accounts/guodian/interactions?kind=call").json()["items"]
    assert deal["last_contact"] == listed[0]["occurred_at"] and deal["last_contact"].endswith("Z")


def test_the_deal_room_agrees(world):
    when = _contacts(world)
    row = next(r for r in deal_room(deal=world.cn_deal)["grid"] if r.role.person_id == world.cn_boss.pk)
    assert row.last_contact == timezone.localtime(when).date().isoformat()
