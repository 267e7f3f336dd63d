"""The deal room's stakeholder editor (a seller's phone review): after saving a person's part the room comes back
at that person's row with "Saved." in it; editing a person names them, not "Add a person", and can be cancelled."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.deals.models import StakeholderRole
from battlemap.people.models import Person
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _row(html: str, person) -> str:
    """The coverage grid's row of `person`."""
    row = html[html.index(f'<tr id="coverage-{person.pk}"') :]
    return row[: row.index("</tr>")]


def _save_attitude(client, world, person, attitude: str, **headers):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=person)
    return client.post(
        reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, person.pk]),
        {
            "person": person.pk,
            "roles": role.roles,
            "attitude": attitude,
            "influence": role.influence,
            "relationship": role.relationship,
            "plan": "先请李明引荐，下周当面讲ROI",
            "version": role.version,
        },
        **headers,
    )


def test_saving_a_persons_part_says_saved_in_their_row_and_shows_that_row(owner_client, world):
    response = _save_attitude(owner_client, world, world.cn_boss, "skeptic", **HX)
    assert response.status_code == 200
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    assert (role.attitude, role.plan) == ("skeptic", "先请李明引荐，下周当面讲ROI")
    html = response.content.decode()
    assert re.search(r'class="message success in-row" role="status">已保存。<', _row(html, world.cn_boss))
    assert html.count("已保存。") == 1  # not at the room's top, thousands of pixels above on a phone
    assert response["HX-Reswap"] == f"outerHTML show:#coverage-{world.cn_boss.pk}:top"


def test_adding_a_person_shows_their_new_row_with_saved(owner_client, world):
    li = Person.objects.get(name="李明")
    response = owner_client.post(
        reverse("deal_role_new", args=[world.cn.slug, world.cn_deal.pk]),
        {
            "person": li.pk,
            "roles": ["champion"],
            "attitude": "supporter",
            "influence": 3,
            "relationship": 2,
            "version": 0,
        },
        **HX,
    )
    assert StakeholderRole.objects.filter(deal=world.cn_deal, person=li, roles=["champion"]).exists()
    assert "已保存。" in _row(response.content.decode(), li)
    assert response["HX-Reswap"] == f"outerHTML show:#coverage-{li.pk}:top"


def test_a_plain_post_still_goes_back_to_the_room_with_saved_on_top(owner_client, world):
    response = _save_attitude(owner_client, world, world.cn_boss, "supporter")
    assert response.status_code == 302
    html = owner_client.get(response["Location"]).content.decode()
    assert html.index("已保存。") < html.index('id="deal-room"')


def _summary(html: str) -> str:
    box = html[html.index('id="role-editor-box"') if 'id="role-editor-box"' in html else 0 :]
    return box[box.index("<summary>") + len("<summary>") : box.index("</summary>")]


@pytest.mark.parametrize(
    "language, heading",
    [("zh-hans", "编辑 王建国 在本商机中的角色"), ("en", "Edit 王建国's part in this deal")],
)
def test_editing_a_person_names_them_drops_the_add_hint_and_offers_cancel(
    owner_client, world, language, heading
):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": language})
    room, add_url = reverse("deal", args=[world.cn.slug, world.cn_deal.pk]), _add_url(world)
    html = owner_client.get(
        reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk]), **HX
    ).content.decode()
    assert _summary(html) == heading
    assert 'class="hint"' not in html  # "to change someone's part, use Edit on their row"
    cancel = html[html.index('id="role-cancel"') :]
    cancel = cancel[: cancel.index("</a>")]
    assert f'href="{room}"' in cancel and f'hx-get="{add_url}"' in cancel
    assert f"show:#coverage-{world.cn_boss.pk}:top" in cancel
    assert cancel.endswith("取消" if language == "zh-hans" else "Cancel")


def test_cancel_brings_back_the_add_a_person_editor(owner_client, world):
    html = owner_client.get(_add_url(world), **HX).content.decode()
    assert _summary(html) == "为此商机添加人员"
    assert "请使用其所在行的“编辑”" in html and "data-person" not in html and "role-cancel" not in html


def test_a_refused_edit_keeps_the_persons_name_on_the_editor(owner_client, world):
    response = _save_attitude(owner_client, world, world.cn_boss, "no-such-attitude", **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert _summary(html) == "编辑 王建国 在本商机中的角色"
    assert 'id="role-editor-box" open' in html


def test_the_stand_alone_role_page_cancels_back_to_the_room(owner_client, world):
    html = owner_client.get(
        reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk])
    ).content.decode()
    cancel = html[html.index('id="role-cancel"') :]
    assert cancel.startswith(
        f'id="role-cancel" href="{reverse("deal", args=[world.cn.slug, world.cn_deal.pk])}">'
    )


def _add_url(world) -> str:
    return reverse("deal_role_new", args=[world.cn.slug, world.cn_deal.pk])
