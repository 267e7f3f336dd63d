"""The history panel of the deal room and the person page says what happened in words ("moved the
deal to evaluation", not "created stage change"), and colours an attitude change by its direction —
worse in red with the word "worse", better in green — in both languages."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import deal_move_stage, stakeholder_role_update

pytestmark = pytest.mark.django_db

WORDS = {
    "en": ("moved the deal to", "purchase decision", "worse", "better"),
    "zh-hans": ("将商机推进到", "购买决策", "变差", "变好"),
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_stage_moves_read_as_words_and_attitude_changes_are_coloured_by_direction(client, world, lang):
    moved, stage, worse, better = WORDS[lang]
    deal_move_stage(
        deal=world.cn_deal, stage="purchase_decision", version=world.cn_deal.version, by=world.owner
    )
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    role = stakeholder_role_update(role=role, version=role.version, attitude="opponent")  # neutral → opponent
    role = stakeholder_role_update(role=role, version=role.version, attitude="supporter")  # → supporter
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    for url in (
        reverse("deal", args=["guodian", world.cn_deal.pk]),
        reverse("person", args=["guodian", world.cn_boss.pk]),
    ):
        html = client.get(url).content.decode()
        page = lxml.html.fromstring(html)
        history = page.get_element_by_id("history-title").getparent()
        text = history.text_content()
        assert "stage change" not in text and "阶段变更" not in text
        rows = history.xpath(".//table[contains(@class, 'diff')]//tr")
        directions = [(r.get("class"), r.findtext("td[@class='new']/small")) for r in rows if r.get("class")]
        aside = " ({})" if lang == "en" else "（{}）"  # the language's brackets (battlemap.punctuation.aside)
        assert ("worse", aside.format(worse)) in directions, (url, directions)
        assert ("better", aside.format(better)) in directions, (url, directions)
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    assert (
        moved in room
        and stage in lxml.html.fromstring(room).get_element_by_id("history-title").getparent().text_content()
    )
