"""A flag that only says we have not reached someone yet costs no health until the first contact (docs/analysis.md
§4, `Flag.costs`): the deal room says so under it, and the API's analysis carries `costs`, so the flags listed and
the health's "open flags" points add up for the reader (the health counted fewer flags than the room listed)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db

NOTE = "尚未计入健康度：我们还没有与其接触过。"  # the world's users read Chinese


def _flag_item(page: str, code: str) -> str:
    found = re.search(rf'<li class="flag [^"]*" data-code="{code}">(.*?)</li>', page, re.S)
    assert found, code
    return found.group(1)


def test_the_room_marks_a_flag_the_health_does_not_count_yet(owner_client, world):
    # 王建国: the deal's decision maker, influence 5, never in touch and without a stated personal win
    page = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert NOTE in _flag_item(page, "no_stated_win")  # costs nothing until we are in touch with him
    assert NOTE not in _flag_item(page, "decision_maker_not_met")  # nobody who decides was met: it costs


def test_the_api_analysis_says_which_flags_count(world):
    answer = _client_for(world.owner).get(f"/api/deals/{world.cn_deal.pk}/analysis").json()
    (deal,) = answer["deals"]
    flags = deal["flags"]
    costs = {f["code"]: f["costs"] for f in flags}
    assert costs["no_stated_win"] is False and costs["decision_maker_not_met"] is True
