"""A stale edit (someone else saved first) is refused with a message, never silently overwritten."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.deals.forms import ALREADY_IN_DEAL
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.people.models import Person
from battlemap.people.services import person_update
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_refuses_a_stale_person_edit(owner_client, world):
    li = Person.objects.get(name="李明")
    seen = li.version
    person_update(person=li, version=seen, title="信息中心总监")  # bob saves first
    response = owner_client.post(
        reverse("person", args=[world.cn.slug, li.pk]),
        {"name": "李明", "title": "主任助理", "status": "active", "version": seen},
    )
    assert response.status_code == 409
    assert (
        "This record was changed while you were editing it" in response.content.decode()
        or "他人" in response.content.decode()
    )
    assert Person.objects.get(pk=li.pk).title == "信息中心总监"


def test_it_refuses_a_stale_role_edit(owner_client, world):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    seen = role.version
    role.attitude = "supporter"
    role.save()
    url = reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk])
    response = owner_client.post(
        url,
        {
            "person": world.cn_boss.pk,
            "roles": ["decision_maker"],
            "attitude": "opponent",
            "influence": 5,
            "relationship": 0,
            "version": seen,
        },
    )
    assert response.status_code == 409
    assert StakeholderRole.objects.get(pk=role.pk).attitude == "supporter"


def test_it_refuses_adding_a_role_someone_else_just_added(owner_client, world):
    li = Person.objects.get(name="李明")
    StakeholderRole.objects.create(deal=world.cn_deal, person=li, roles=["user"])
    url = reverse("deal_role_new", args=[world.cn.slug, world.cn_deal.pk])
    response = owner_client.post(
        url,
        {
            "person": li.pk,
            "roles": ["champion"],
            "attitude": "supporter",
            "influence": 3,
            "relationship": 1,
            "version": 0,
        },
    )
    # refused as the add form refuses anyone in the deal already: their part is changed from their row
    assert response.status_code == 422 and str(ALREADY_IN_DEAL) in response.content.decode()
    assert StakeholderRole.objects.get(deal=world.cn_deal, person=li).roles == ["user"]


def test_the_add_form_offers_only_people_not_in_the_deal(owner_client, world):
    page = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    form = page[page.index('id="role-form"') :]
    picker = re.search(r'<select[^>]*name="person"[^>]*>.*?</select>', form, flags=re.S)[0]
    offered = set(re.findall(r'<option value="(\d+)"', picker))
    li = Person.objects.get(name="李明")
    assert str(li.pk) in offered and str(world.cn_boss.pk) not in offered  # 王建国 holds a role already


def test_it_refuses_a_stale_stage_move(owner_client, world):
    deal = world.cn_deal
    seen = deal.version
    deal.name = "物联网平台（一期）"
    deal.save()
    response = owner_client.post(
        reverse("deal_stage", args=[world.cn.slug, deal.pk]), {"stage": "purchase_decision", "version": seen}
    )
    assert response.status_code == 409
    assert Deal.objects.get(pk=deal.pk).stage == "evaluation"
    assert not deal.stage_changes.filter(stage="purchase_decision").exists()


def test_removing_a_person_from_a_deal_keeps_the_role_in_history(owner_client, world):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    url = reverse("deal_role_remove", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk])
    response = owner_client.post(url, {"version": role.version}, follow=True)
    assert response.status_code == 200
    assert not world.cn_deal.roles.filter(person=world.cn_boss).exists()
    assert [h.history_type for h in StakeholderRole.history.filter(id=role.pk).order_by("history_date")][
        -1
    ] == "-"
    assert "王建国" in response.content.decode()  # the room names who left the deal


def test_a_person_not_offered_is_told_why(owner_client, world):
    """A new user's trial: a person deleted in another tab, or any id, was told "in the deal already"; a "²" was a 500."""
    from battlemap.deals.forms import LEFT_THE_CUSTOMER, NOT_ON_THE_ACCOUNT

    url = reverse("deal_role_new", args=[world.cn.slug, world.cn_deal.pk])
    form = {"roles": ["user"], "attitude": "neutral", "influence": 3, "relationship": 0, "version": 0}
    gone = f.person(account=world.cn, name="赵六")
    gone_id = gone.pk
    gone.delete()
    left = f.person(account=world.cn, name="钱七", status="left")
    other = world.en.people.first()
    for sent, said in ((gone_id, NOT_ON_THE_ACCOUNT), ("abc", NOT_ON_THE_ACCOUNT), (other.pk, NOT_ON_THE_ACCOUNT),
                       ("9" * 30, NOT_ON_THE_ACCOUNT), ("²", NOT_ON_THE_ACCOUNT),  # "²": a digit to isdigit, not int (500)
                       (left.pk, LEFT_THE_CUSTOMER)):  # fmt: skip
        response = owner_client.post(url, {**form, "person": sent})
        page = response.content.decode()
        assert response.status_code == 422 and str(said) in page, sent
        assert str(ALREADY_IN_DEAL) not in page
