"""A case is scored against the flags its deal had while open. A bulk or back-dated write that moves the deal (an open
row) and closes it at one moment leaves it closed at that moment, as every "as of" read sees it (the later written row:
maps.tables.recorded_at); the case read its map at that moment, the deal already won, and carried a closed deal's
flags as its reference — a trainee naming the decision maker never met was told "not in the reference"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from battlemap.deals.selectors import deal_last_open_at
from battlemap.maps import account_analysis
from battlemap.training.cases import case_from_deal

pytestmark = pytest.mark.django_db


def test_a_deal_moved_and_closed_at_one_moment_is_scored_against_its_flags_while_open(world):
    deal = world.cn_deal  # 王建国 decides it, never met
    moment = timezone.now()
    for field, value in (("stage", "purchase_decision"), ("status", "won")):  # two rows at one moment
        setattr(deal, field, value)
        deal._history_date = moment
        deal.save()
    assert list(deal.history.filter(history_date=moment).values_list("status", flat=True)) == ["won", "open"]
    assert deal_last_open_at(deal_id=deal.pk) == moment - timedelta(microseconds=1)
    open_then = account_analysis(account=deal.account, lang="en", as_of=moment - timedelta(microseconds=1))
    expected = {flag["code"] for flag in open_then["deals"][0]["flags"]}
    _title, data = case_from_deal(deal=deal)
    assert "decision_maker_not_met" in expected
    assert set(data["answer"]["flags"]) == expected & set(data["checklist"])
    assert "decision_maker_not_met" in data["answer"]["flags"]
