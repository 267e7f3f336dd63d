"""A decision body's part in a deal is changed in place on the web, as a person's role is: an edit link beside
it in the deal room, its page prefilled with the roles and the note, saved with its version (a stale tab gets
409 naming the other edit) and kept in history as a change. The room's form that gives a part offers only the
bodies without one, and a body that has one is refused by its name, not an id (review rev2, finding 1)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.process import services
from battlemap.process.models import BodyRole
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def party(world):
    """党委会 in the deal as decision maker with a note, 总经理办公会 not in it yet."""
    body = services.body_create(account=world.cn, name="党委会", kind="party_committee", chair=world.cn_boss)
    services.body_create(account=world.cn, name="总经理办公会", kind="executive_meeting")
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"], note="前置研究")
    return body


def _room(client, world) -> str:
    return client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()


def _edit_url(world, body) -> str:
    return reverse("deal_body_role_edit", args=[world.cn.slug, world.cn_deal.pk, body.pk])


def _checked(html: str) -> set[str]:
    return set(re.findall(r'<input type="checkbox" name="roles" value="(\w+)"[^>]*checked', html))


def test_the_room_links_each_bodys_part_to_its_edit_page_prefilled(owner_client, world, party):
    room = _room(owner_client, world)
    item = re.search(rf'<li class="deal-body" data-body="{party.pk}">(.*?)</li>', room, re.S).group(1)
    assert f'href="{_edit_url(world, party)}"' in item
    page = owner_client.get(_edit_url(world, party)).content.decode()
    assert _checked(page) == {"decision_maker"}
    assert 'value="前置研究"' in page
    version = BodyRole.objects.get(deal=world.cn_deal, body=party).version
    assert f'name="version" value="{version}"' in page


def test_it_saves_the_roles_and_note_in_place_and_history_shows_a_change(owner_client, world, party):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    role = BodyRole.objects.get(deal=world.cn_deal, body=party)
    response = owner_client.post(
        _edit_url(world, party),
        {"roles": ["decision_maker", "gatekeeper"], "note": "一票否决", "version": role.version},
    )
    assert response.status_code == 302
    stored = BodyRole.objects.get(deal=world.cn_deal, body=party)
    assert (stored.pk, stored.roles, stored.note) == (role.pk, ["decision_maker", "gatekeeper"], "一票否决")
    timeline = owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    assert "note: 前置研究 → 一票否决" in timeline
    assert "deleted" not in timeline.lower()


def test_a_stale_tab_is_refused_with_409_naming_the_other_edit(owner_client, client, world, party):
    role = BodyRole.objects.get(deal=world.cn_deal, body=party)
    client.force_login(world.teammate)
    first = client.post(
        _edit_url(world, party), {"roles": ["influencer"], "note": "改为影响者", "version": role.version}
    )
    assert first.status_code == 302
    stale = owner_client.post(
        _edit_url(world, party), {"roles": ["gatekeeper"], "note": "旧页面", "version": role.version}
    )
    html = stale.content.decode()
    assert stale.status_code == 409
    assert world.teammate.username in html and "改为影响者" in html
    stored = BodyRole.objects.get(pk=role.pk)
    assert (stored.roles, stored.note) == (["influencer"], "改为影响者")


def test_the_set_form_offers_only_bodies_without_a_part_and_names_the_body_it_refuses(
    owner_client, world, party
):
    room = _room(owner_client, world)
    form = re.search(r'id="body-role-form".*?</form>', room, re.S).group(0)
    offered = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', form)
    assert offered == ["总经理办公会"]
    owner_client.cookies["django_language"] = "zh-hans"
    response = owner_client.post(
        reverse("deal_body_role", args=[world.cn.slug, world.cn_deal.pk]),
        {"body": party.pk, "roles": ["gatekeeper"], "note": "另一页", "version": 0},
    )
    html = response.content.decode()
    assert response.status_code == 422
    form = re.search(r'id="body-role-form".*?</form>', html, re.S).group(0)
    error = re.search(r'id="field-body">(.*?)</div>', form, re.S).group(1)
    assert "党委会" in error and "编辑" in error
    role = BodyRole.objects.get(deal=world.cn_deal, body=party)
    assert f"（{role.pk}）" not in error and f"({role.pk})" not in error
    assert (role.roles, role.note) == (["decision_maker"], "前置研究")
