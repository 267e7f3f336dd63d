"""The map as it was: a red flag gone because the person it named left the customer since was marked "resolved
since" — 陈国强, the decision maker we never met, left, and "Decision maker not met · resolved since" read as met.
It is not marked resolved (analysis.changes_between's rule, What changed's too); his row says he left."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.people.services import person_update

pytestmark = pytest.mark.django_db


def _flag_line(html: str, title: str) -> str:
    return html.split(title, 1)[1].split("</li>", 1)[0]


def test_a_flag_whose_person_left_since_is_not_resolved_then(demo):
    account = Account.objects.get(slug="hdny")
    deal = account.deals.get(name="智慧能源物联网平台一期")
    url = reverse("account_as_of", args=[account.slug])
    url += f"?on={(timezone.localdate() - timedelta(days=1)).isoformat()}&deal={deal.pk}"
    html = demo.get(url, headers={"Accept-Language": "en"}).content.decode()
    assert "resolved since" not in _flag_line(html, "Decision maker not met")
    boss = account.people.get(name="陈国强")
    person_update(person=boss, version=boss.version, status="left", left_on=timezone.localdate())
    html = demo.get(url, headers={"Accept-Language": "en"}).content.decode()
    assert "has left the company since" in html
    assert "resolved since" not in _flag_line(html, "Decision maker not met")
    zh = demo.get(url, headers={"Accept-Language": "zh-hans"}).content.decode()
    assert "之后已解除" not in _flag_line(zh, "未见过决策者")
