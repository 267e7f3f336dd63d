"""The account's timeline pages back to its first entry (a team's trial: after one 6,000-row import every earlier
event — hand-overs, the title the import replaced — was out of reach on the web), and tells action items too
(the deal's History had them, the account's timeline did not)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.accounts.timeline import TIMELINE_PAGE
from battlemap.deals.services.actions import action_item_update
from battlemap.people.services import person_update
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_older_entries_reach_the_first_one_and_action_items_are_told(owner_client, world):
    item = f.action(deal=world.cn_deal, text="Send the ROI case to 王总")
    action_item_update(item=item, version=item.version, done=True)
    person = world.cn_boss
    for n in range(TIMELINE_PAGE + 5):  # an import's worth of edits after them
        person = person_update(person=person, version=person.version, title=f"总经理 {n}")
    url = reverse("account_timeline", args=[world.cn.slug])
    first = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    page = first.content.decode()
    assert len(first.context["entries"]) == TIMELINE_PAGE
    assert "Send the ROI case" not in page
    older = re.search(r'href="\?([^"]*before=[^"]+)" rel="next" id="timeline-older"', page)[1]
    second = owner_client.get(
        f"{url}?{older.replace('&amp;', '&')}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Send the ROI case to 王总" in second  # the action item, created and ticked
    assert "总经理 0" in second and "总经理 204" not in second  # older ones only
    assert 'id="timeline-older"' not in second  # the last page


def test_an_older_page_reads_the_stage_moves_before_it_too(owner_client, world):
    """The older page of an account whose deals moved stage (the stage moves are dated in Python)."""
    from battlemap.deals.services import deal_move_stage

    deal = deal_move_stage(deal=world.cn_deal, version=world.cn_deal.version, stage="purchase_decision")
    url = reverse("account_timeline", args=[world.cn.slug])
    later = "2999-01-01T00:00:00+00:00"
    page = owner_client.get(url, {"before": later}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and deal.name in page.content.decode()
