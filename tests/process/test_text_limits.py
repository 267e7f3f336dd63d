"""One limit for a multi-line text (notes, documents, plans), kept by the model and read by the web
forms and the API alike: what the web form accepts, a GET then an unchanged PUT through the API
accepts too, and the other way round (tester's finding: 21,028 characters of notes saved on the web,
then refused by the API)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from battlemap.core.text import TEXT_MAX
from battlemap.people.services import person_create
from battlemap.process import services
from battlemap.process.models import BodyRole, DecisionBody
from battlemap.process.schemas import DecisionBodyIn
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


def _body_form(notes: str) -> dict:
    return {"name": "党委会", "kind": "party_committee", "decision_rule": "majority", "notes": notes}


def test_the_web_form_refuses_notes_the_api_would_refuse_naming_the_field(owner_client, world):
    url = reverse("body_new", args=[world.cn.slug])
    response = owner_client.post(url, _body_form("长" * 21_028))
    assert response.status_code in (200, 422)
    assert response.context["form"].errors["notes"]
    assert not DecisionBody.objects.filter(account=world.cn).exists()


def test_notes_saved_on_the_web_come_back_unchanged_through_the_api(owner_client, world):
    owner_client.post(reverse("body_new", args=[world.cn.slug]), _body_form("长" * TEXT_MAX))
    body = DecisionBody.objects.get(account=world.cn, name="党委会")
    api = _client_for(world.owner)
    read = api.get(f"/api/decision-bodies/{body.id}").json()
    put = {name: read[name] for name in DecisionBodyIn.model_fields} | {"version": read["version"]}
    response = api.put(f"/api/decision-bodies/{body.id}", put)
    assert response.status_code == 200, response.json()
    assert len(response.json()["notes"]) == TEXT_MAX


def test_a_long_note_written_through_the_api_can_be_saved_again_on_the_web(owner_client, world):
    body = services.body_create(account=world.cn, name="党委会")
    api = _client_for(world.owner)
    note = "前置研究" * 1_500  # 6,000 characters: more than the web form took before
    assert (
        api.post(f"/api/deals/{world.cn_deal.id}/body-roles", {"body": body.id, "note": note}).status_code
        == 201
    )
    role = BodyRole.objects.get(deal=world.cn_deal, body=body)
    url = reverse("deal_body_role", args=[world.cn.slug, world.cn_deal.pk])
    owner_client.post(url, {"body": body.pk, "roles": ["influencer"], "note": note, "version": role.version})
    role.refresh_from_db()
    assert role.roles == ["influencer"]


def test_every_road_in_is_held_to_the_models_limit(world):
    with pytest.raises(ValidationError) as refused:
        services.body_create(account=world.cn, name="党委会", notes="长" * (TEXT_MAX + 1))
    assert "notes" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        person_create(account=world.cn, name="赵六", notes="长" * (TEXT_MAX + 1))
    assert "notes" in refused.value.message_dict


def test_a_bulk_write_is_held_to_the_same_limit_naming_the_row(world):
    from battlemap.core.bulk import check_columns
    from battlemap.people.models import Person

    rows = [
        Person(account=world.cn, name="赵六"),
        Person(account=world.cn, name="钱七", notes="长" * (TEXT_MAX + 1)),
    ]
    with pytest.raises(ValidationError) as refused:
        check_columns(Person, rows)
    (message,) = refused.value.message_dict["notes"]
    assert "2" in message and str(TEXT_MAX) in message
    check_columns(Person, rows[:1] + [Person(account=world.cn, name="钱七", notes="长" * TEXT_MAX)])
