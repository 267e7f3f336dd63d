"""An interview is a conversation with the person: it counts as having met them (vocab.MEETING_KINDS,
the one rule), and the bodies page, the deal room's coverage and its flags say so alike."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.process import services
from battlemap.surveys.services import interview_record
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db


def _met_on_bodies_page(client, world) -> bool:
    html = client.get(reverse("bodies", args=[world.cn.slug])).content.decode()
    item = re.search(r"<li><a [^>]*>王建国</a>.*?</li>", html)
    assert item is not None
    return "never met" not in item.group(0)


def _deal_room(client, world) -> tuple[bool, bool]:
    """(the boss's coverage row says never met, the deal is flagged for a decision maker never met)"""
    html = client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*王建国(?:(?!</tr>).)*</tr>", html, re.S)
    assert row is not None
    return "never met" in row.group(0), 'data-code="decision_maker_not_met"' in html


def test_an_interview_counts_as_having_met_the_person_everywhere(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    services.body_create(account=world.cn, name="党委会", kind="party_committee", chair=world.cn_boss)
    assert not _met_on_bodies_page(owner_client, world)
    assert _deal_room(owner_client, world) == (True, True)
    interview_record(
        account=world.cn,
        by=world.owner,
        person=world.cn_boss,
        role="decision_maker",
        stage="evaluation",
        occurred_at=timezone.now(),
        answers={"goals_business": "三年内上市"},
        questions={"goals_business": "目标?"},
        deal=world.cn_deal,
    )
    assert _met_on_bodies_page(owner_client, world)
    assert _deal_room(owner_client, world) == (False, False)
