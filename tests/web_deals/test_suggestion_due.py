"""A playbook suggestion's "Make it an action item" (设为待办事项) made an item with no due day, and nothing said
so: it never reached This week. It is now due a week on, and the room says which day and how to change it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import INFO
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import ActionItem

pytestmark = pytest.mark.django_db


def test_an_item_made_from_a_suggestion_is_due_a_week_on_and_said_so(owner_client, world):
    room = reverse("deal", args=[world.cn.slug, world.cn_deal.pk])
    assert 'name="from" value="suggestion"' in owner_client.get(room).content.decode()  # the button sends it
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    response = owner_client.post(url, {"from": "suggestion", "text": "约王总汇报"}, follow=True)
    week_on = (timezone.localdate() + timedelta(days=7)).isoformat()
    assert ActionItem.objects.get(text="约王总汇报").due.isoformat() == week_on
    said = [str(m) for m in response.context["messages"] if m.level == INFO]
    assert [m for m in said if week_on in m and "一周后" in m and "编辑" in m], said


def test_the_add_form_without_a_due_day_leaves_it_empty(owner_client, world):
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    owner_client.post(url, {"text": "发方案"}, follow=True)
    assert ActionItem.objects.get(text="发方案").due is None  # the add form: the seller's choice
