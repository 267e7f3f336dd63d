"""The meeting capture's "met for the first time" box refuses a name already on the map, as the person form
and the API do (one rule: people.selectors.people_like through people.services.check_not_on_map): typing
`champ` when "Champ" is on the account named Champ instead of adding a second person to the meeting and the
deal (a new user's trial). Ticking "another person with this name" adds them on purpose; ticking Champ among
the participants records the meeting with them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.deals.models import StakeholderRole
from battlemap.interactions.capture import MET_ALREADY_ON_MAP, meeting_capture
from battlemap.interactions.models import Interaction
from battlemap.people import forms as people_forms
from battlemap.people.models import Person
from battlemap.punctuation import with_id
from battlemap.users.models import Profile
from tests import factories as f
from tests.web_deals.test_capture import _capture

pytestmark = pytest.mark.django_db


def _meeting(world, **more) -> dict:
    """The capture form of tests/web_deals/test_capture.py, its next step left out."""
    return _capture(
        world, kind="meeting", summary="演示", next_step="", make_action="", new_influence="3", **more
    )


def _page_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html)[1]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("typed", ["champ", "ＣＨＡＭＰ", "Champ", " champ "])
def test_a_name_already_on_the_map_is_refused_naming_who(owner_client, world, lang, typed):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": lang})
    champ = f.person(account=world.cn, name="Champ", title="IT lead")
    url = reverse("interaction_new", args=[world.cn.slug]) + f"?deal={world.cn_deal.pk}"

    response = owner_client.post(url, _meeting(world, new_name=typed))

    assert response.status_code == 422
    html = response.content.decode()
    lang = _page_lang(html)
    with translation.override(lang):
        expected = str(MET_ALREADY_ON_MAP) % {"people": with_id(lang, "Champ", champ.pk)}
    field = html.split('id="field-new_name"')[1].split("</div>")[0]
    assert expected in field  # on the field, naming who is there
    assert 'name="new_another_person"' in html  # the way to add another of that name on purpose
    assert Person.objects.filter(account=world.cn, name__iexact="champ").count() == 1
    assert not Person.objects.filter(account=world.cn, name="ＣＨＡＭＰ").exists()
    assert not Interaction.objects.filter(account=world.cn, summary="演示").exists()  # all or nothing


def test_the_box_is_offered_only_after_the_refusal(owner_client, world):
    html = owner_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    assert 'name="new_another_person"' not in html


def test_ticking_another_person_adds_a_second_of_that_name(owner_client, world):
    f.person(account=world.cn, name="Champ")
    url = reverse("interaction_new", args=[world.cn.slug])

    response = owner_client.post(url, _meeting(world, new_name="champ", new_another_person="on"))

    assert response.status_code == 302
    second = Person.objects.get(account=world.cn, name="champ")
    meeting = Interaction.objects.get(account=world.cn, summary="演示")
    assert set(meeting.participants.values_list("person_id", flat=True)) == {world.cn_boss.pk, second.pk}
    assert StakeholderRole.objects.filter(deal=world.cn_deal, person=second, influence=3).exists()


def test_ticking_the_person_on_the_map_records_the_meeting_with_them(owner_client, world):
    champ = f.person(account=world.cn, name="Champ")
    url = reverse("interaction_new", args=[world.cn.slug])
    data = _meeting(world, people=[world.cn_boss.pk, champ.pk])
    data.pop("new_influence")

    assert owner_client.post(url, data).status_code == 302

    meeting = Interaction.objects.get(account=world.cn, summary="演示")
    assert champ.pk in set(meeting.participants.values_list("person_id", flat=True))
    assert Person.objects.filter(account=world.cn, name__iexact="champ").count() == 1


def test_a_namesake_on_another_account_is_no_duplicate(owner_client, world):
    f.person(account=world.en, name="Champ")
    url = reverse("interaction_new", args=[world.cn.slug])

    assert owner_client.post(url, _meeting(world, new_name="Champ")).status_code == 302
    assert Person.objects.filter(account=world.cn, name="Champ").exists()


def test_the_capture_service_refuses_it_for_every_caller(world):
    # the rule is meeting_capture's, not the form's: a caller that skips the form gets it too
    champ = f.person(account=world.cn, name="Champ")
    with translation.override("en"), pytest.raises(Exception) as refused:
        meeting_capture(
            account=world.cn,
            by=world.owner,
            occurred_at=Interaction._meta.get_field("occurred_at").to_python("2026-11-25T15:00"),
            participants=[world.cn_boss],
            new_person={"name": "CHAMP"},
        )
    assert f"Champ (id {champ.pk})" in " ".join(refused.value.message_dict["new_name"])
    assert Person.objects.filter(account=world.cn, name__iexact="champ").count() == 1


def test_on_a_big_account_the_person_on_the_map_is_listed_to_tick(owner_client, world, monkeypatch):
    # a big account lists only who is ticked and the deal's stakeholders: the namesake joins the list
    monkeypatch.setattr(people_forms, "PICKER_LIMIT", 1)
    champ = f.person(account=world.cn, name="Champ")
    url = reverse("interaction_new", args=[world.cn.slug])
    assert f'name="attitude_{champ.pk}"' not in owner_client.get(url).content.decode()

    response = owner_client.post(url, _meeting(world, new_name="champ"))

    assert response.status_code == 422
    chosen = response.content.decode().split('id="participants-chosen"')[1].split("</tbody>")[0]
    assert f'value="{champ.pk}"' in chosen and f'name="attitude_{champ.pk}"' in chosen
