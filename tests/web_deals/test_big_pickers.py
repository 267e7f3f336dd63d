"""Person pickers of a big account (more than people.forms.PICKER_LIMIT people): the interaction edit
page, the deal room's role and action item forms, the decision body and process step forms, and the
people forms list only who is chosen and search for the others through the account's one people search
(`interaction_people`, `?field=`), as the meeting form does. The threshold is lowered here instead of
making hundreds of people."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.deals.models import ActionItem, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people import forms as people_forms
from battlemap.process.models import DecisionBody
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(world, client, monkeypatch):
    """The Chinese account (王建国, 李明, 陈四) counted as big; pages in English."""
    monkeypatch.setattr(people_forms, "PICKER_LIMIT", 1)
    client.cookies["django_language"] = "en"
    f.person(account=world.cn, name="陈四", title="工程师")
    return world


def _picker(page: str, id_: str) -> str:
    return page.split(f'id="{id_}-picker"')[1].split("</div>")[0]


def _chosen(page: str, id_: str) -> str:
    return page.split(f'id="{id_}-chosen"')[1].split("</ul>")[0]


def test_the_people_search_offers_boxes_or_radio_buttons_for_a_field(owner_client, big):
    url = reverse("interaction_people", args=[big.cn.slug])
    li = big.cn.people.get(name="李明")
    one = owner_client.get(url, {"q": "liming", "field": "person", "multiple": "0"}).content.decode()
    assert f'type="radio" name="person" value="{li.pk}"' in one and "李明 · 信息中心主任" in one
    assert "陈四" not in one
    many = owner_client.get(url, {"q": "工程师", "field": "members", "multiple": "1"}).content.decode()
    assert 'type="checkbox" name="members"' in many and "陈四" in many
    nobody = owner_client.get(url, {"q": "zzz", "field": "person"}).content.decode()
    assert "Nobody of this account matches." in nobody


def test_the_people_search_offers_active_people_only_when_asked(owner_client, big):
    f.person(account=big.cn, name="张三", title="专员", status="left")
    url = reverse("interaction_people", args=[big.cn.slug])
    assert "张三" in owner_client.get(url, {"q": "张三", "field": "person"}).content.decode()
    assert (
        "张三" not in owner_client.get(url, {"q": "张三", "field": "people", "active": "1"}).content.decode()
    )


def test_the_people_search_is_for_the_account_team_only(client, big):
    url = reverse("interaction_people", args=[big.cn.slug])
    assert client.get(url, {"q": "li", "field": "person"}).status_code == 302
    client.force_login(big.outsider)
    assert client.get(url, {"q": "li", "field": "person"}).status_code == 404


def test_a_found_name_and_a_field_name_render_as_text(owner_client, big):
    f.person(account=big.cn, name="<script>alert(1)</script>")
    found = owner_client.get(
        reverse("interaction_people", args=[big.cn.slug]), {"q": "script", "field": '"><script>x</script>'}
    ).content.decode()
    assert "<script>" not in found and "&lt;script&gt;alert(1)&lt;/script&gt;" in found


def test_the_interaction_edit_page_lists_who_took_part_and_searches_the_rest(owner_client, big):
    boss, li = big.cn_boss, big.cn.people.get(name="李明")
    meeting = f.interaction(account=big.cn, deal=big.cn_deal, people=[boss], summary="周会")
    url = reverse("interaction_edit", args=[big.cn.slug, meeting.pk])
    page = owner_client.get(url).content.decode()
    chosen = _chosen(page, "id_people")
    assert f'name="people" value="{boss.pk}" checked' in chosen and "李明" not in chosen
    assert "field=people&amp;multiple=1&amp;active=1" in _picker(page, "id_people")
    data = {
        "occurred_at": "2026-11-25",
        "occurred_time": "15:00",
        "kind": "meeting",
        "deal": big.cn_deal.pk,
        "people": [boss.pk, li.pk],  # 李明 found by the search and ticked
        "summary": "周会",
        "version": meeting.version,
    }
    assert owner_client.post(url, data).status_code == 302
    assert set(meeting.participants.values_list("person__name", flat=True)) == {"王建国", "李明"}


def test_the_interaction_edit_page_names_the_field_of_a_person_of_another_account(owner_client, big):
    meeting = f.interaction(account=big.cn, deal=big.cn_deal, people=[big.cn_boss], summary="周会")
    url = reverse("interaction_edit", args=[big.cn.slug, meeting.pk])
    stranger = big.en.people.get()
    data = {
        "occurred_at": "2026-11-25",
        "occurred_time": "15:00",
        "kind": "meeting",
        "people": [stranger.pk],
        "version": 0,
    }
    response = owner_client.post(url, data)
    assert response.status_code == 422 and 'id="field-people"' in response.content.decode()
    assert list(meeting.participants.values_list("person__name", flat=True)) == ["王建国"]


def test_the_interaction_edit_page_is_for_the_account_team_only(client, big):
    meeting = f.interaction(account=big.cn, people=[big.cn_boss], summary="周会")
    url = reverse("interaction_edit", args=[big.cn.slug, meeting.pk])
    assert client.get(url).status_code == 302
    client.force_login(big.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"summary": "x"}).status_code == 404


def test_the_deal_room_adds_a_found_person_as_a_stakeholder_and_an_action_about_them(owner_client, big):
    chen = big.cn.people.get(name="陈四")
    page = owner_client.get(reverse("deal", args=[big.cn.slug, big.cn_deal.pk])).content.decode()
    assert "陈四" not in _picker(page, "id_person")  # the role form's person: nobody listed, a search
    assert "field=person&amp;multiple=0" in _picker(page, "id_person")
    about = _chosen(page, "action_person")
    assert 'value="" checked' in about and "陈四" not in about  # optional: "nobody" ticked
    response = owner_client.post(
        reverse("deal_role_new", args=[big.cn.slug, big.cn_deal.pk]),
        {
            "person": chen.pk,
            "roles": ["coach"],
            "attitude": "supporter",
            "influence": 3,
            "relationship": 0,
        },
    )
    assert response.status_code == 302
    assert StakeholderRole.objects.get(deal=big.cn_deal, person=chen).attitude == "supporter"
    response = owner_client.post(
        reverse("deal_action_new", args=[big.cn.slug, big.cn_deal.pk]),
        {"text": "约技术交流", "person": chen.pk},
    )
    assert response.status_code == 302 and ActionItem.objects.get(text="约技术交流").person == chen


def test_the_deal_room_names_the_person_field_of_bad_input(owner_client, big):
    stranger = big.en.people.get()
    url = reverse("deal_role_new", args=[big.cn.slug, big.cn_deal.pk])
    response = owner_client.post(
        url, {"person": stranger.pk, "attitude": "supporter", "influence": 3, "relationship": 0}
    )
    page = response.content.decode()
    assert response.status_code == 422 and 'id="field-person"' in page and "id_person-picker" in page
    response = owner_client.post(
        reverse("deal_action_new", args=[big.cn.slug, big.cn_deal.pk]), {"text": "约", "person": stranger.pk}
    )
    assert response.status_code == 422 and 'id="field-person"' in response.content.decode()
    assert not ActionItem.objects.exists()


def test_the_deal_room_forms_are_for_the_account_team_only(client, big):
    chen = big.cn.people.get(name="陈四")
    role = reverse("deal_role_new", args=[big.cn.slug, big.cn_deal.pk])
    data = {"person": chen.pk, "attitude": "supporter", "influence": 3, "relationship": 0}
    assert (
        client.post(role, data).status_code == 302
        and not StakeholderRole.objects.filter(person=chen).exists()
    )
    client.force_login(big.outsider)
    assert client.post(role, data).status_code == 404
    assert client.get(reverse("deal", args=[big.cn.slug, big.cn_deal.pk])).status_code == 404


def test_a_decision_body_takes_found_members_and_keeps_them_listed(owner_client, big):
    li, chen = big.cn.people.get(name="李明"), big.cn.people.get(name="陈四")
    url = reverse("body_new", args=[big.cn.slug])
    page = owner_client.get(url).content.decode()
    assert "field=members&amp;multiple=1" in _picker(page, "id_members") and "陈四" not in _chosen(
        page, "id_members"
    )
    data = {
        "name": "采购委员会",
        "kind": "procurement_committee",
        "decision_rule": "majority",
        "members": [li.pk, chen.pk],
    }
    assert owner_client.post(url, data).status_code == 302
    body = DecisionBody.objects.get(name="采购委员会")
    assert set(body.members.values_list("person__name", flat=True)) == {"李明", "陈四"}
    page = owner_client.get(reverse("body", args=[big.cn.slug, body.pk])).content.decode()
    chosen = _chosen(page, "id_members")
    assert (
        f'value="{li.pk}" checked' in chosen
        and f'value="{chen.pk}" checked' in chosen
        and "王建国" not in chosen
    )


def test_a_decision_body_names_the_members_field_of_bad_input(owner_client, big):
    stranger = big.en.people.get()
    url = reverse("body_new", args=[big.cn.slug])
    data = {"name": "董事会", "kind": "board", "decision_rule": "majority", "members": [stranger.pk]}
    response = owner_client.post(url, data)
    assert response.status_code == 422 and 'id="field-members"' in response.content.decode()
    assert not DecisionBody.objects.exists()


def test_the_body_form_is_for_the_account_team_only(client, big):
    url = reverse("body_new", args=[big.cn.slug])
    assert client.get(url).status_code == 302
    client.force_login(big.outsider)
    assert client.get(url).status_code == 404


def test_the_people_forms_search_too(owner_client, big):
    for url, ids in (
        (reverse("link_new", args=[big.cn.slug]), ("id_source", "id_target")),
        (reverse("person_new", args=[big.cn.slug]), ("id_reports_to", "id_dotted_managers")),
        (reverse("people_merge", args=[big.cn.slug]), ("id_survivor", "id_duplicate")),
    ):
        page = owner_client.get(url).content.decode()
        assert all(_picker(page, i) for i in ids), url
        assert "陈四" not in page


def test_a_small_account_keeps_its_lists(owner_client, world):
    page = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert (
        "id_person-picker" not in page and "李明" in page.split('id="action_person"')[1].split("</select>")[0]
    )


def test_a_person_found_on_the_meeting_form_joins_the_action_items_about_list(owner_client, big):
    """The list follows the participants (deals/edit.js adds a found person at once; e2e checks it)."""
    page = owner_client.get(
        reverse("interaction_new", args=[big.cn.slug]), {"deal": big.cn_deal.pk}
    ).content.decode()
    select = re.search(r'<select[^>]*name="action_person"[^>]*>', page).group(0)
    assert 'data-follows="people"' in select
    found = owner_client.get(
        reverse("interaction_people", args=[big.cn.slug]), {"q": "chensi", "deal": big.cn_deal.pk}
    ).content.decode()
    assert 'data-label="陈四 · 工程师"' in found
    chen = big.cn.people.get(name="陈四")
    data = {
        "occurred_at": "2026-11-25",
        "occurred_time": "15:00",
        "kind": "visit",
        "deal": big.cn_deal.pk,
        "people": [chen.pk],
        "our_people": [big.owner.pk],
        "summary": "初次拜访",
        "next_step": "发资料",
        "make_action": "on",
        "action_person": chen.pk,
    }
    assert owner_client.post(reverse("interaction_new", args=[big.cn.slug]), data).status_code == 302
    assert Interaction.objects.filter(summary="初次拜访").exists()
    assert ActionItem.objects.get(text="发资料").person == chen


def test_the_survey_pages_search_too(owner_client, big):
    page = owner_client.get(reverse("surveys", args=[big.cn.slug])).content.decode()
    assert "field=people&amp;multiple=1&amp;active=1" in _picker(page, "id_people") and "陈四" not in page
    page = owner_client.get(reverse("interview", args=[big.cn.slug])).content.decode()
    assert "field=person&amp;multiple=0" in _picker(page, "id_person") and "陈四" not in page
