"""A past day's page head is of that day (trial on a fresh clone: the map as it was a month ago read today's
lifecycle stage and today's deal picker, a deal opened since and today's stages in it)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.people.models import Person
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


def _everything_recorded_days_ago(days: int) -> None:
    for model in (Account, Deal, Person, StakeholderRole):
        for record in model.history.all():
            record.history_date -= timedelta(days=days)
            record.save()


def _head(html: str) -> str:
    return re.search(r'<div class="maphead">.*?<nav class="tabs"', html, re.S).group(0)


def test_a_past_days_head_shows_the_lifecycle_and_deals_of_that_day(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    _everything_recorded_days_ago(40)
    account = Account.objects.get(pk=world.cn.pk)
    account.lifecycle = "loyal"
    account.save()
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal.stage = "purchase_decision"
    deal.save()
    f.deal(account=world.cn, name="二期扩容", stage="need_recognition")

    day = (timezone.localdate() - timedelta(days=20)).isoformat()
    url = reverse("account_as_of", args=[world.cn.slug]) + f"?on={day}&deal={world.cn_deal.pk}"
    head = _head(owner_client.get(url).content.decode())
    assert re.search(r'id="head-lifecycle">Growing<', head)  # then; today "Loyal"
    assert "Loyal" not in head
    picker = re.search(r'<select id="deal-pick".*?</select>', head, re.S).group(0)
    assert "物联网平台 · Evaluation" in picker and "Purchase decision" not in picker
    assert "二期扩容" not in picker  # opened since
    assert f'name="on" value="{day}"' in head  # picking another deal stays on that day

    # a deal opened since, picked: named as added since, not as it is today
    new = Deal.objects.get(name="二期扩容")
    head = _head(owner_client.get(url.replace(f"deal={world.cn_deal.pk}", f"deal={new.pk}")).content.decode())
    picker = re.search(r'<select id="deal-pick".*?</select>', head, re.S).group(0)
    assert re.search(r"<option [^>]*selected>二期扩容.*added since.*?</option>", picker)
    assert "Need recognition" not in picker

    # today's map keeps today's head
    today = _head(owner_client.get(reverse("account", args=[world.cn.slug])).content.decode())
    assert re.search(r'id="head-lifecycle">Loyal<', today) and "二期扩容" in today


def test_a_day_before_the_account_existed_shows_no_lifecycle_nor_deals(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    day = (timezone.localdate() - timedelta(days=20)).isoformat()
    url = reverse("account_as_of", args=[world.cn.slug]) + f"?on={day}"
    head = _head(owner_client.get(url).content.decode())
    assert "head-lifecycle" not in head and "Growing" not in head
    assert world.cn_deal.name + " ·" not in head
