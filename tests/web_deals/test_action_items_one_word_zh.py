"""A manager's Monday in Chinese: This week said "我的到期和逾期待办" and "我的下属逾期的行动项", and the deal room the
overdue item led to headed its list "行动项", while the person's page and the deal room's own catalog say
"待办事项": one thing, three words. The accounts catalog's "Action items" (first in INSTALLED_APPS, so it won on
every page) said 行动项; now every catalog says 待办事项, and This week 待办."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from battlemap.deals.models import ActionItem

pytestmark = pytest.mark.django_db


def test_the_week_and_the_deal_room_say_one_word(client, world):
    ActionItem.objects.create(
        deal=world.cn_deal, text="约王总", owner=world.owner, due=timezone.localdate() - timedelta(days=2)
    )
    client.force_login(world.manager)
    week = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "我的下属逾期的待办" in week and "行动项" not in week
    room = client.get(
        reverse("deal", args=[world.cn.slug, world.cn_deal.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert '<h2 id="actions-title">待办事项</h2>' in room


def test_action_items_is_one_word_in_every_catalog():
    with translation.override("zh-hans"):
        assert translation.gettext("Action items") == "待办事项"
