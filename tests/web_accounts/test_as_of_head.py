"""The map as it was on a past day is read only and of that day (trial 23: the as-of page of a day before the
account existed showed today's header, health 44 and 5 red flags, and a 移交 / Hand over link beside 只读)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db


def test_a_past_day_shows_neither_todays_figures_nor_actions(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    before = (timezone.localdate() - timedelta(days=30)).isoformat()
    url = reverse("account_as_of", args=[world.cn.slug]) + f"?on={before}&deal={world.cn_deal.pk}"
    html = owner_client.get(url).content.decode()
    assert "The account did not exist yet on that day." in html
    assert "read only" in html
    for today_only in (
        "Hand over",
        "Mark reviewed",
        "Mark the deal reviewed",
        "red flag",
        'class="healthparts"',
        "Review deck (PPTX)",
    ):
        assert today_only not in html, today_only
    # today's map keeps them
    today = owner_client.get(reverse("account", args=[world.cn.slug])).content.decode()
    assert "Hand over" in today and 'class="healthparts"' in today
    assert (
        "Mark the deal reviewed" in today
    )  # the deal picked is what the mark reviews (a sales manager's trial)
