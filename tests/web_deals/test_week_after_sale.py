"""A won deal's customer who answers a satisfaction questionnaire badly reaches This week: a sales manager's trial
saw "Key person dissatisfied" on the account's What changed and nothing on This week, which kept open deals' flags
only (and read only accounts with an open deal or a deal written in the week)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from battlemap.users.models import Profile
from tests.surveys.helpers import satisfaction, send

pytestmark = pytest.mark.django_db


def test_a_won_deals_dissatisfied_customer_is_on_this_week(client, owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    deal = world.cn_deal
    deal.status, deal.close_reason = "won", "price and references"
    deal.save()
    for model in apps.get_models():  # the map as it stood ten days ago: nothing written this week
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            model.history.update(history_date=timezone.now() - timedelta(days=10))
    week = owner_client.get(reverse("home")).content.decode()
    assert "told us in a survey" not in week
    ((_link, url),) = send(world, [world.cn_boss], deal=deal, language="en")
    assert client.post(url, satisfaction(2, 3)).status_code == 302
    week = owner_client.get(reverse("home")).content.decode()
    assert f"{world.cn_boss.name} told us in a survey that they are not satisfied" in week
    assert "→ won" not in week  # won ten days ago: no health move this week (it read "28 → won")
