"""The deal room's stakeholder editor (a seller's phone review): after saving a person's part the room comes back
at that person's row with "Saved." in it; editing a person names them, not "Add a person", and can be cancelled."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.deals.models import StakeholderRole
from battlemap.people.models import Person

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
