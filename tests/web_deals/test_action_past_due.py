"""An action item typed with a due day already past was accepted silently and turned up overdue on This week
later; a deal's past expected close is said at once — so is this (fifth-round trial's "left" list)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import WARNING
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import ActionItem

pytestmark = pytest.mark.django_db


def _warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level == WARNING]


def test_a_past_due_day_is_kept_and_said_a_future_one_is_not(owner_client, world):
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = owner_client.post(url, {"text": "约王总", "due": yesterday.isoformat()}, follow=True)
    assert ActionItem.objects.get(text="约王总").due == yesterday  # kept as typed
    assert [w for w in _warnings(response) if yesterday.isoformat() in w and "逾期" in w]

    tomorrow = timezone.localdate() + timedelta(days=1)
    response = owner_client.post(url, {"text": "约李总", "due": tomorrow.isoformat()}, follow=True)
    assert ActionItem.objects.filter(text="约李总").exists() and not _warnings(response)


def test_editing_says_it_unless_the_item_is_done(owner_client, world):
    item = ActionItem.objects.create(deal=world.cn_deal, text="发方案", owner=world.owner)
    url = reverse("deal_action_edit", args=[world.cn.slug, world.cn_deal.pk, item.pk])
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = owner_client.post(url, {"text": "发方案", "due": past, "version": 1}, follow=True)
    assert [w for w in _warnings(response) if past in w]
    response = owner_client.post(
        url, {"text": "发方案", "due": past, "done": "on", "version": 2}, follow=True
    )
    item.refresh_from_db()
    assert item.done and not _warnings(response)
