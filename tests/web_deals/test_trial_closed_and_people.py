"""What the trial on a fresh clone read wrong on a deal's own pages: the action items its close ticked
read "done" in the history panel and in What changed (the room already says "closed with the deal, not
done"), and a deal's What changed listed every person added to the account, a person who left in the
window only as "added to the map"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import Deal
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


def _speak(user, language: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _close_with_items(client, world) -> None:
    version = Deal.objects.get(pk=world.cn_deal.pk).version
    client.post(
        reverse("deal_close", args=[world.cn.slug, world.cn_deal.pk]),
        {"outcome": "won", "close_reason": "pilot convinced", "version": version, "close_actions": "on"},
    )


def _section(page: str, element_id: str) -> str:
    return re.search(rf'<section[^>]*aria-labelledby="{element_id}".*?</section>', page, re.S).group(0)


def test_items_the_close_ticked_read_closed_with_the_deal_in_history_and_what_changed(owner_client, world):
    _speak(world.owner, "en")
    f.action(deal=world.cn_deal, text="Send the pilot report")
    f.action(deal=world.cn_deal, text="Book the kickoff", done=True)
    _close_with_items(owner_client, world)

    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    history = re.search(r'<section class="history card".*?</section>', room, re.S).group(0)
    closed = re.search(r"<li[^>]*>(?:(?!</li>).)*Send the pilot report.*?</li>", history, re.S).group(0)
    assert "closed with the deal, not done" in closed
    assert "done when the deal was closed" not in closed

    changes = owner_client.get(reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk]))
    actions = _section(changes.content.decode(), "c-actions")
    closed = re.search(r"<li[^>]*>(?:(?!</li>).)*Send the pilot report.*?</li>", actions, re.S).group(0)
    done = re.search(r"<li[^>]*>(?:(?!</li>).)*Book the kickoff.*?</li>", actions, re.S).group(0)
    assert "closed with the deal, not done" in closed and ">done<" not in closed
    assert ">done<" in done and "closed with the deal" not in done


def _people_card(client, url: str) -> str:
    return _section(client.get(url).content.decode(), "c-people")


def test_a_deals_what_changed_lists_only_its_people_and_the_account_caps_its_list(owner_client, world):
    _speak(world.owner, "en")
    for n in range(30):
        f.person(account=world.cn, name=f"Imported {n:02d}")
    joined = f.person(account=world.cn, name="赵丽")
    f.role(deal=world.cn_deal, person=joined, roles=["user"])

    deal_card = _people_card(owner_client, reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk]))
    assert "赵丽" in deal_card and "王建国" in deal_card  # the deal's people
    assert "Imported" not in deal_card and "李明" not in deal_card  # the account's others
    assert 'class="count">2<' in deal_card

    account_card = _people_card(owner_client, reverse("account_changes", args=[world.cn.slug]))
    shown = re.findall(r'<span class="badge">＋</span>', account_card)
    assert len(shown) == 20  # 33 added: 20 named, then "and 13 more" linking to the people list
    more = re.search(r'<li class="more" id="people-added-more">(.*?)</li>', account_card, re.S).group(1)
    assert "and 13 more people" in more and f'href="{reverse("people", args=[world.cn.slug])}"' in more
    assert 'class="count">33<' in account_card


def test_a_person_added_who_left_in_the_window_reads_left(owner_client, world):
    _speak(world.owner, "en")
    gone = f.person(account=world.cn, name="陈刚")
    f.role(deal=world.cn_deal, person=gone, roles=["technical_buyer"])
    gone.status = "left"
    gone.left_on = timezone.localdate()
    gone.save()
    f.person(account=world.cn, name="周敏", status="left", left_on=timezone.localdate())  # imported as gone

    card = _people_card(owner_client, reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk]))
    left = re.findall(r'<span class="badge">－</span>(.*?)</li>', card, re.S)
    assert any("陈刚" in row and "left the customer" in row for row in left)

    account_card = _people_card(owner_client, reverse("account_changes", args=[world.cn.slug]))
    left = re.findall(r'<span class="badge">－</span>(.*?)</li>', account_card, re.S)
    assert any("陈刚" in row for row in left)
    assert not any("周敏" in row for row in left)  # never there in the window: only added


def test_the_people_past_the_named_ones_are_counted_as_people(owner_client, world):
    """A new seller put 13 people in a deal the same day; What changed and This week read "＋ 13 人新加入商机：
    陈静（影响者、推荐者）、…、郑强（使用者） 还有 1 条" — 条 (items) for a person, and "新增或离开的人" the same."""
    _speak(world.owner, "zh-hans")
    for n in range(14):
        f.role(deal=world.cn_deal, person=f.person(account=world.cn, name=f"成员{n:02d}"), roles=["user"])
    for n in range(20):
        f.person(account=world.cn, name=f"导入{n:02d}")
    changes = owner_client.get(reverse("account_changes", args=[world.cn.slug])).content.decode()
    joined = re.search(r'<li class="joined">(.*?)</li>', changes, re.S).group(1)
    more = re.search(r"还有 (\d+) (\S)", joined)
    assert more and more.group(2) == "人", joined
    added = re.search(r'<li class="more" id="people-added-more">(.*?)</li>', changes, re.S).group(1)
    assert re.search(r"还有 \d+ 人<", added), added
    week = owner_client.get("/").content.decode()
    assert f"还有 {more.group(1)} 人" in week and f"还有 {more.group(1)} 条" not in week
