"""A bid committee is "not to be met" on the decision bodies page and in the XLSX "Decision bodies" sheet only while
it decides an open deal (`look.sealed_bodies`, as the circle places bodies by open deals only): the committee that
decided a tender now won, and is only a gatekeeper in a deal still open, has members the seller may meet again — the
page said "not to be met: the tender is won on paper" beside its member never met, the sheet said it in its Met cell."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.deals.services import deal_close
from battlemap.process import services
from battlemap.process.models import DecisionBody
from tests import factories as f
from tests.io.test_sealed_body_cards import bodies_met
from tests.io.test_sealed_body_export import SEALED, tender

pytestmark = pytest.mark.django_db

NEVER = {"zh-hans": "从未见面", "en": "never met"}


@pytest.fixture
def won_tender(world):
    """The tender decided by 评标委员会 (张专家) won; 评标委员会 is the gatekeeper of an open deal after it."""
    expert = tender(world)
    deal = world.cn_deal
    deal_close(deal=deal, version=deal.version, outcome="won", reason="lowest bid", by=world.owner)
    renewal = f.deal(account=world.cn, name="二期扩容")
    f.role(deal=renewal, person=world.cn_boss, roles=["decision_maker"])
    committee = DecisionBody.objects.get(account=world.cn, name="评标委员会")
    services.body_role_create(deal=renewal, body=committee, roles=["gatekeeper"])
    cache.clear()
    return expert


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_bodies_page_says_never_met_once_the_tender_is_closed(owner_client, world, won_tender, lang):
    owner_client.cookies["django_language"] = lang
    html = owner_client.get(reverse("bodies", args=[world.cn.slug])).content.decode()
    member = re.search(rf'<li><a href="[^"]*/{won_tender.pk}/">.*?</li>', html, re.S).group(0)
    assert NEVER[lang] in member and 'class="gap"' in member and SEALED[lang] not in member


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_xlsx_bodies_sheet_no_longer_says_not_to_be_met(world, won_tender, lang):
    assert not bodies_met(world.cn, lang)["评标委员会"]


def test_the_closed_tenders_own_room_still_says_not_to_be_met(owner_client, world, won_tender):
    """The deal that was a tender keeps its own picture: its committee was not to be met."""
    owner_client.cookies["django_language"] = "en"
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert SEALED["en"] in html
