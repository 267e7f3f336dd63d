"""The API's What changed reads as the web page does (`accounts.changes.what_changed`): a deal's lists only the
people who have or had a part in it, and an action item the deal's close ticked is marked "closed_with_deal"
(the room's "closed with the deal, not done"), never plain done; a person added who left in the window is
among those who left."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from battlemap.deals.models import Deal
from battlemap.deals.services import deal_close
from battlemap.users.services import token_create
from tests import factories as f

pytestmark = pytest.mark.django_db


def _get(world, path: str) -> dict:
    secret = token_create(user=world.owner, name="t").secret
    response = Client().get(path, {"lang": "en"}, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200, response.content
    return response.json()


def test_a_deals_what_changed_names_only_its_people_and_items_closed_with_it(world):
    f.person(account=world.cn, name="赵外人")  # imported to the account, in no deal
    joined = f.person(account=world.cn, name="孙加入")
    f.role(deal=world.cn_deal, person=joined, roles=["user"])
    gone = f.person(account=world.cn, name="陈刚")
    f.role(deal=world.cn_deal, person=gone, roles=["technical_buyer"])
    gone.status, gone.left_on = "left", timezone.localdate()
    gone.save()
    f.action(deal=world.cn_deal, text="Book the kickoff", done=True)
    f.action(deal=world.cn_deal, text="Send the pilot report")
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal_close(deal=deal, version=deal.version, outcome="won", reason="pilot convinced", close_actions=True)

    changes = _get(world, f"/api/deals/{world.cn_deal.pk}/what-changed")
    added = {p["name"] for p in changes["people_added"]}
    assert {"孙加入", "王建国", "陈刚"} <= added
    assert "赵外人" not in added and "李明" not in added  # the account's, not the deal's
    assert [(p["name"], p["detail"]) for p in changes["people_left"]] == [("陈刚", "left the customer")]
    done = {a["text"]: a["closed_with_deal"] for a in changes["actions_done"]}
    assert done == {"Send the pilot report": True, "Book the kickoff": False}

    account = _get(world, f"/api/accounts/{world.cn.slug}/what-changed")
    assert {"赵外人", "李明"} <= {p["name"] for p in account["people_added"]}  # the account's news
    assert {a["text"]: a["closed_with_deal"] for a in account["actions_done"]} == done
