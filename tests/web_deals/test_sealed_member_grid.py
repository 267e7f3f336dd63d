"""Someone on the tender's bid evaluation committee deciding the deal is "not to be met: the tender is won on paper" in
the deal room's coverage grid, where the red "never met" was (招标投标法 第四十四条: no bidder may meet its experts);
王建国, the decision maker nobody has met, keeps his gap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.io.test_sealed_body_export import SEALED, tender

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "never"), [("zh-hans", "从未见面"), ("en", "never met")])
def test_the_grid_says_a_committee_member_is_not_to_be_met_not_never_met(owner_client, world, lang, never):
    expert = tender(world)
    owner_client.cookies["django_language"] = lang
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()

    def row(person) -> str:
        return re.search(rf'<tr id="coverage-{person.pk}".*?</tr>', html, re.S).group(0)

    assert SEALED[lang] in row(expert) and never not in row(expert) and 'class="gap"' not in row(expert)
    assert never in row(world.cn_boss) and SEALED[lang] not in row(world.cn_boss)
