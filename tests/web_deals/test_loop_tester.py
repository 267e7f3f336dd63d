"""The everyday deal loop as a new-user tester found it: closing a deal (no outcome preselected, its
open action items closed with it), the coverage grid's contact facts for every stakeholder, the
decision chain of a deal that skipped a stage, names shown family first, and the small words."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import ActionItem, Deal
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


def _speak(user, language: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _close_url(world) -> str:
    return reverse("deal_close", args=[world.cn.slug, world.cn_deal.pk])


def test_the_close_form_preselects_no_outcome(owner_client, world):
    page = owner_client.get(_close_url(world)).content.decode()
    radios = re.findall(r'<input type="radio" name="outcome"[^>]*>', page)
    assert len(radios) == 2 and not any("checked" in r for r in radios)


def test_closing_offers_to_close_the_open_action_items_and_does_by_default(owner_client, world):
    _speak(world.owner, "en")
    overdue = f.action(
        deal=world.cn_deal, text="Send the pilot report", due=timezone.localdate() - timedelta(days=3)
    )
    f.action(deal=world.cn_deal, text="Already done", done=True)
    page = owner_client.get(_close_url(world)).content.decode()
    offer = re.search(r'id="field-close_actions".*?</div>', page, re.S).group(0)
    assert "Close its open action items too" in offer and "Send the pilot report" in offer
    assert "Already done" not in offer and 'name="close_actions"' in offer and "checked" in offer

    version = Deal.objects.get(pk=world.cn_deal.pk).version
    owner_client.post(
        _close_url(world),
        {"outcome": "won", "close_reason": "pilot convinced", "version": version, "close_actions": "on"},
    )
    assert ActionItem.objects.get(pk=overdue.pk).done
    # the deal room tells the items the close ticked from those done (trial 23: both read ☑ done)
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    items = re.search(r'<ul class="action-items">.*?</ul>', room, re.S).group(0)
    closed = re.search(r"<li[^>]*>(?:(?!</li>).)*Send the pilot report.*?</li>", items, re.S).group(0)
    done = re.search(r"<li[^>]*>(?:(?!</li>).)*Already done.*?</li>", items, re.S).group(0)
    assert "closed with the deal, not done" in closed and "closed with the deal" not in done


def test_unticking_keeps_the_action_items_open(owner_client, world):
    item = f.action(deal=world.cn_deal, text="Invoice the first milestone")
    version = Deal.objects.get(pk=world.cn_deal.pk).version
    owner_client.post(_close_url(world), {"outcome": "lost", "close_reason": "price", "version": version})
    assert Deal.objects.get(pk=world.cn_deal.pk).status == "lost"
    assert not ActionItem.objects.get(pk=item.pk).done


def test_the_close_form_in_chinese_offers_the_items(owner_client, world):
    _speak(world.owner, "zh-hans")
    f.action(deal=world.cn_deal, text="寄送试点报告")
    page = owner_client.get(_close_url(world)).content.decode()
    assert "同时关闭未完成的待办事项" in page and "寄送试点报告" in page


def test_a_stakeholder_with_only_an_attitude_shows_when_we_met_them(owner_client, world):
    met = f.person(account=world.cn, name="吴涛", title="采购经理")
    f.role(deal=world.cn_deal, person=met, roles=[], attitude="supporter")
    f.interaction(account=world.cn, people=[met], days_ago=2, deal=world.cn_deal)
    page = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    grid = re.search(r'<table class="grid coverage[^"]*">.*?</table>', page, re.S).group(0)
    row = re.search(r"吴涛</a>.*?</tr>", grid, re.S).group(0)
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert day in row and "never met" not in row and "从未见面" not in row and "从未会面" not in row
    boss_row = re.search(r"王建国</a>.*?</tr>", grid, re.S).group(0)
    assert "—" in boss_row  # nobody met the boss: no day to show


def test_this_week_and_the_deal_room_use_one_chinese_word_for_red_flags(owner_client, world):
    _speak(world.owner, "zh-hans")
    week = owner_client.get(reverse("home")).content.decode()
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert "风险警示" in week and "风险警示" in room
    assert "红旗" not in week and "红旗" not in room


@pytest.mark.parametrize(
    ("first", "last", "username", "shown"),
    [
        ("丽", "李", "li.rep", "李丽"),
        ("Jane", "李", "li.rep", "Jane 李"),  # a Latin given name: as Outlook shows it
        ("Jane", "Doe", "jane", "Jane Doe"),
        ("", "", "li.rep", "li.rep"),
        ("", "Doe", "jane", "Doe"),
    ],
)
def test_a_user_is_shown_family_name_first_when_chinese(first, last, username, shown):
    from battlemap.core.text import person_name_of

    assert person_name_of(first, last, username) == shown


def test_chinese_user_names_read_family_name_first_in_the_room_the_team_and_the_owner_select(
    owner_client, world
):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=world.owner.pk).update(first_name="丽", last_name="李")
    item = f.action(deal=world.cn_deal, text="寄送试点报告", owner=world.owner)
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert '<span class="muted owner nowrap">李丽</span>' in room and "丽 李" not in room
    team = owner_client.get(reverse("team_detail", args=[world.team.slug])).content.decode()
    assert "李丽" in team and "丽 李" not in team
    edit = owner_client.get(
        reverse("deal_action_edit", args=[world.cn.slug, world.cn_deal.pk, item.pk])
    ).content
    assert "李丽" in edit.decode() and "丽 李" not in edit.decode()


def test_closing_won_with_a_winner_named_says_so_on_the_field_and_keeps_the_deal_open(owner_client, world):
    # the winner was dropped without a word (new-user trial, 2026-12-03): the close page now says why
    version = Deal.objects.get(pk=world.cn_deal.pk).version
    page = owner_client.post(
        _close_url(world),
        {"outcome": "won", "close_reason": "signed", "lost_to": "Siemens", "version": version},
        headers={"Accept-Language": "en"},
    )
    assert page.status_code == 422 and "Only a lost deal has a competitor who won it" in page.content.decode()
    assert Deal.objects.get(pk=world.cn_deal.pk).status == "open"
