"""Two people of one name (两个张强) are told apart on the pages that name people outside the analysis'
sentences — the timeline, What changed, the influence links, the influence circle and a person's delete page —
by the same rule as the sentences (`maps.namesakes`: the first of title, unit and organisation no namesake
shares)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import InfluenceLink, Person
from tests import factories as f

pytestmark = pytest.mark.django_db

CARDIOLOGY, EMERGENCY = "张强（心内科主任）", "张强（急诊科护士长）"


@pytest.fixture
def namesakes(world):
    """Two 张强 in the Chinese account: one sways 王建国, the other took part in a meeting."""
    for model in (
        Account,
        Deal,
        StageChange,
        StakeholderRole,
        Person,
        InfluenceLink,
        Interaction,
        Participant,
    ):  # the account as it was a week ago
        model.history.update(history_date=F("history_date") - timedelta(days=8))
    cardiology = f.person(account=world.cn, name="张强", title="心内科主任")
    emergency = f.person(account=world.cn, name="张强", title="急诊科护士长")
    f.link(source=cardiology, target=world.cn_boss)
    f.interaction(account=world.cn, people=[emergency], deal=world.cn_deal, summary="需求访谈")
    f.role(deal=world.cn_deal, person=cardiology, roles=["user"], attitude="supporter", influence=2)
    return cardiology, emergency


def test_the_timeline_tells_the_two_zhang_qiang_apart(owner_client, world, namesakes):
    page = owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    assert CARDIOLOGY in page and EMERGENCY in page  # the people added, the link, the meeting's participant
    assert f"{CARDIOLOGY} → 王建国" in page


def test_what_changed_tells_the_two_zhang_qiang_apart(owner_client, world, namesakes):
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    page = owner_client.get(
        reverse("account_changes", args=[world.cn.slug]), {"since": since}
    ).content.decode()
    assert page.count(CARDIOLOGY) >= 2  # added to the account, and joined the deal
    assert EMERGENCY in page  # added, and in the meeting logged


def test_the_influence_links_table_tells_the_two_zhang_qiang_apart(owner_client, world, namesakes):
    page = owner_client.get(reverse("people", args=[world.cn.slug])).content.decode()
    table = page[page.index('id="links-table"') :]
    assert CARDIOLOGY in table[: table.index("</table>")]


def test_english_pages_write_the_note_in_english_brackets(owner_client, world, namesakes):
    page = owner_client.get(
        reverse("people", args=[world.cn.slug]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "张强 (心内科主任)" in page


def test_the_influence_circle_tells_the_two_zhang_qiang_apart(owner_client, world, namesakes):
    # the trial: two "张伟" among its chips and numbered dots read as one person
    url = reverse("account_circle", args=[world.cn.slug])
    page = owner_client.get(url, {"deal": world.cn_deal.pk}).content.decode()
    rings = page[page.index('id="circle-table"') :]
    rings = rings[: rings.index("</table>")]
    assert CARDIOLOGY in rings and EMERGENCY in rings
    # each dot's name, drawn or listed, is in its tooltip
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert f"<title>{CARDIOLOGY}" in chart and f"<title>{EMERGENCY}" in chart


def test_a_circle_without_namesakes_names_people_alone(owner_client, world):
    page = owner_client.get(reverse("account_circle", args=[world.cn.slug])).content.decode()
    assert "<title>王建国 ·" in page and "王建国（" not in page


def test_deleting_one_zhang_qiang_names_which_one(owner_client, world, namesakes):
    cardiology, _emergency = namesakes
    url = reverse("person_delete", args=[world.cn.slug, cardiology.pk])
    confirm = owner_client.get(url)
    page = confirm.content.decode()
    crumbs = page[page.index('class="crumbs"') :]
    assert CARDIOLOGY in crumbs[: crumbs.index("</nav>")]
    assert f"把 <bdi>{CARDIOLOGY}</bdi> 从作战地图上删除" in page
    assert f"<title>删除此人 · {CARDIOLOGY}" in page
    done = owner_client.post(
        url, {"version": cardiology.version, "shown": confirm.context["shown"]}, follow=True
    ).content.decode()
    assert f"<bdi>{CARDIOLOGY}</bdi>" in done and not Person.objects.filter(pk=cardiology.pk).exists()
