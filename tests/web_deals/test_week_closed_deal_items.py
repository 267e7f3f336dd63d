"""A seller's own open action items on a won or lost deal are on This week like any other: a reviewer's trial
found the demo's won deal's satisfaction-survey item missing from "My action items due or overdue", and from the
manager's "My reps' overdue action items", even once overdue — This week alone had kept open deals' items, while
the deal room, the handover and the deactivation warning count them (`ActionItemQuerySet.still_open`). Closing a
deal may tick its items done; one left open was left so on purpose."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.selectors import held_by
from battlemap.deals.services import deal_close
from battlemap.users.services import profile_language_set
from tests import factories as f

pytestmark = pytest.mark.django_db


def _closed_with_item(world, *, days_ago: int, outcome: str = "won") -> None:
    """alice's survey item on her deal, due `days_ago` days ago, left open when the deal closed."""
    due = timezone.localdate() - timedelta(days_ago)
    f.action(deal=world.cn_deal, text="Send the satisfaction survey", owner=world.owner, due=due)
    deal_close(
        deal=world.cn_deal, version=world.cn_deal.version, outcome=outcome, reason="price", by=world.owner
    )


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end)]


@pytest.mark.parametrize("outcome", ["won", "lost"])
def test_my_overdue_item_on_a_closed_deal_is_on_this_week(client, world, outcome):
    _closed_with_item(world, days_ago=1, outcome=outcome)
    profile_language_set(user=world.owner, language="en")
    client.force_login(world.owner)
    mine = _section(client.get(reverse("home")).content.decode(), 'id="w-actions"', 'id="w-flags"')
    assert "Send the satisfaction survey" in mine
    assert f"物联网平台 · {outcome}" in mine  # said to be after-sale work


def test_a_manager_sees_his_reps_overdue_item_on_a_won_deal(client, world):
    _closed_with_item(world, days_ago=3)
    client.force_login(world.manager)
    team = _section(client.get(reverse("home")).content.decode(), 'id="team-overdue"', 'id="w-flags"')
    assert "Send the satisfaction survey" in team and "alice" in team


def test_this_week_and_the_deactivation_warning_count_the_same_items(client, world):
    f.action(deal=world.cn_deal, text="Done already", owner=world.owner, due=timezone.localdate(), done=True)
    _closed_with_item(world, days_ago=0)
    client.force_login(world.owner)
    response = client.get(reverse("home"))
    assert len(response.context["action_items"]) == held_by([world.owner]).open_items == 1


def test_what_changed_lists_an_overdue_item_left_open_on_a_won_deal(owner_client, world):
    _closed_with_item(world, days_ago=2)
    since = (timezone.localdate() - timedelta(7)).isoformat()
    page = owner_client.get(reverse("account_changes", args=[world.cn.slug]), {"since": since})
    assert [a["text"] for a in page.context["changes"]["actions_overdue"]] == ["Send the satisfaction survey"]
