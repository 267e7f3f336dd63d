"""The account pages as a new-user tester found them: the timeline puts a stage move at its time, the
decision chain calls a stage the deal never entered skipped, the person form's traits are 1–5 choices
and the dotted-line list does not offer the solid-line manager, the org chart hint fits a phone."""

from __future__ import annotations

import re
from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import Deal, StageChange
from battlemap.deals.services import deal_move_stage
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_stage_move_sits_in_the_timeline_at_its_time_after_that_mornings_visit(owner_client, world):
    today = timezone.localdate()
    at = lambda h, m: timezone.make_aware(datetime.combine(today, time(h, m)))  # noqa: E731
    f.interaction(account=world.cn, people=[world.cn_boss], summary="上午拜访", occurred_at=at(9, 30))
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal = deal_move_stage(deal=deal, stage="purchase_decision", version=deal.version, by=world.owner)
    deal_move_stage(deal=deal, stage="evaluation", version=deal.version, by=world.owner, note="退回评估")
    first, second = StageChange.objects.filter(deal=deal).order_by("id")
    StageChange.history.filter(id=first.id, history_type="+").update(history_date=at(14, 41))
    StageChange.history.filter(id=second.id, history_type="+").update(history_date=at(16, 5))

    body = owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    entries = re.findall(r"<li>\s*<time[^>]*>([^<]*)</time>.*?<bdi>([^<]*)</bdi>", body, re.S)
    day = f"{today:%Y-%m-%d}"
    stages = [(when, title) for when, title in entries if title.startswith("物联网平台: ")]
    assert [when for when, _ in stages] == [f"{day} 16:05", f"{day} 14:41"]
    # newest first: the later move above the earlier one, both above that morning's 09:30 visit
    newer, older = (body.index(f"<bdi>{title}</bdi>") for _, title in stages)
    assert newer < older < body.index("上午拜访")
