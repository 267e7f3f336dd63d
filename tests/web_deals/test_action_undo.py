"""Undo a deleted action item: the room's "deleted" message carries an Undo button that brings the item
back as it was (same text, due day, owner, done, person), in the web and through htmx; it works once,
only for the deal's own deleted items, and only for those who may edit the deal."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from battlemap.deals.models import ActionItem
from battlemap.deals.services.actions import action_item_delete
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


def _deleted(world, **fields):
    item = f.action(
        deal=world.cn_deal, text="送ROI测算", owner=world.teammate, person=world.cn_boss, **fields
    )
    return item


def _restore(client, world, item):
    """POST the undo of `item` (deleted from the world's deal) as `client`."""
    return client.post(reverse("deal_action_restore", args=[world.cn.slug, world.cn_deal.pk, item.pk]))


def _undo_url(html: str) -> str:
    found = re.search(r'<form method="post" action="([^"]*/restore/)"', html)
    assert found, html[:3000]
    return found.group(1)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_deleted_message_undoes_the_delete(owner_client, world, lang, htmx):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": lang})
    item = _deleted(world, due=date(2026, 12, 24), done=False)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    deleted = owner_client.post(
        reverse("deal_action_delete", args=[world.cn.slug, world.cn_deal.pk, item.pk]),
        {"version": item.version},
        follow=not htmx,
        **headers,
    )
    html = deleted.content.decode()
    with translation.override(lang):
        assert gettext("Action item deleted.") in html and gettext("Undo") in html
    assert not ActionItem.objects.filter(pk=item.pk).exists()

    back = owner_client.post(_undo_url(html), follow=not htmx, **headers)
    assert back.status_code == 200
    with translation.override(lang):
        assert gettext("Action item brought back.") in back.content.decode()
    again = ActionItem.objects.get(pk=item.pk)
    assert (again.text, again.due, again.owner, again.person, again.done) == (
        "送ROI测算",
        date(2026, 12, 24),
        world.teammate,
        world.cn_boss,
        False,
    )
    assert "送ROI测算" in back.content.decode()
    # twice: refused with a message, nothing doubled
    twice = owner_client.post(_undo_url(html), HTTP_HX_REQUEST="true")
    assert twice.status_code == 409
    assert ActionItem.objects.filter(deal=world.cn_deal, text="送ROI测算").count() == 1


def test_a_person_who_left_the_map_is_not_brought_back_with_it(owner_client, world):
    person = f.person(account=world.cn, name="临时联系人")
    item = f.action(deal=world.cn_deal, text="回访", person=person)
    action_item_delete(item=item, version=item.version)
    person.delete()
    assert _restore(owner_client, world, item).status_code == 302
    assert ActionItem.objects.get(pk=item.pk).person is None


def test_only_an_editor_of_the_deal_undoes_and_only_its_own_items(client, world):
    item = _deleted(world)
    action_item_delete(item=item, version=item.version)
    url = reverse("deal_action_restore", args=[world.cn.slug, world.cn_deal.pk, item.pk])
    anonymous = client.post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    for user, status in ((world.outsider, 404), (world.manager, 403)):  # a stranger, a manager who only views
        client.force_login(user)
        assert client.post(url).status_code == status
    assert not ActionItem.objects.filter(pk=item.pk).exists()

    # another deal's deleted item through this deal's address: refused, not restored
    other_deal = f.deal(account=world.cn, name="二期")
    theirs = f.action(deal=other_deal, text="别的商机")
    action_item_delete(item=theirs, version=theirs.version)
    client.force_login(world.owner)
    wrong = reverse("deal_action_restore", args=[world.cn.slug, world.cn_deal.pk, theirs.pk])
    assert client.post(wrong, HTTP_HX_REQUEST="true").status_code == 409
    assert not ActionItem.objects.filter(pk=theirs.pk).exists()
    # a GET changes nothing
    assert client.get(url).status_code == 405


def test_an_owner_removed_since_is_not_brought_back(owner_client, world):
    gone = f.user("temp")
    item = f.action(deal=world.cn_deal, text="请临时同事跟进", owner=world.teammate)
    ActionItem.objects.filter(pk=item.pk).update(owner=gone)
    item.refresh_from_db()
    action_item_delete(item=item, version=item.version)
    gone.delete()
    assert _restore(owner_client, world, item).status_code == 302
    assert ActionItem.objects.get(pk=item.pk).owner is None


def test_a_person_merged_away_since_is_the_record_they_live_on_in(owner_client, world):
    from battlemap.people.services.merge import person_merge

    twin = f.person(account=world.cn, name="王建国 (CRM)")
    item = f.action(deal=world.cn_deal, text="请王总审批", person=twin)
    action_item_delete(item=item, version=item.version)
    person_merge(
        survivor=world.cn_boss,
        duplicate=twin,
        survivor_version=world.cn_boss.version,
        duplicate_version=twin.version,
    )
    assert _restore(owner_client, world, item).status_code == 302
    assert ActionItem.objects.get(pk=item.pk).person == world.cn_boss
