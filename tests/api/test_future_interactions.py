"""An interaction records a contact that happened: one dated after today (TIME_ZONE; the rest of today is
allowed) is refused on its date field — on the API, the meeting capture, the edit form and a map import —
instead of being stored and then silently ignored as "met" and "last contact" (a new user's typo, 2030 for
2026, left the person "never met"). A calendar keeps meetings scheduled ahead (mail ingest's own rule)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.interactions.models import Interaction
from battlemap.interactions.services import IN_THE_FUTURE
from battlemap.io.mapformat.load import MapImportError, map_load
from battlemap.users.models import Profile
from tests import factories as f
from tests.web_deals.test_capture import _capture

pytestmark = pytest.mark.django_db


def _said(lang: str, day: str) -> str:
    with translation.override(lang):
        return str(IN_THE_FUTURE) % {"date": day}


def _error(response) -> tuple[str, str]:
    [error] = response.json()["errors"]
    return error["field"], error["message"]


def test_the_api_refuses_an_interaction_dated_in_the_future(world, owner_api):
    sent = {"occurred_at": "2030-01-01T10:00:00", "participants": [world.cn_boss.pk], "summary": "typo"}

    response = owner_api.post("/api/accounts/guodian/interactions", sent)

    assert response.status_code == 422
    field, message = _error(response)
    assert field == "occurred_at"
    assert message == _said(response["Content-Language"], "2030-01-01")
    assert not Interaction.objects.filter(summary="typo").exists()


def test_the_api_accepts_the_rest_of_today(world, owner_api):
    tonight = datetime.combine(timezone.localdate(), time(23, 59)).isoformat()
    sent = {"occurred_at": tonight, "participants": [world.cn_boss.pk]}
    assert owner_api.post("/api/accounts/guodian/interactions", sent).status_code == 201


def test_the_api_refuses_moving_an_interaction_into_the_future(world, owner_api):
    met = f.interaction(account=world.cn, people=[world.cn_boss])
    tomorrow = timezone.localdate() + timedelta(days=1)
    moved = owner_api.patch(
        f"/api/interactions/{met.pk}",
        {"version": met.version, "occurred_at": f"{tomorrow.isoformat()}T09:00:00"},
    )
    assert moved.status_code == 422 and _error(moved)[0] == "occurred_at"
    met.refresh_from_db()
    assert timezone.localdate(met.occurred_at) < tomorrow


def test_a_calendar_keeps_a_meeting_scheduled_ahead(world, owner_api):
    sent = {
        "occurred_at": (timezone.localdate() + timedelta(days=7)).isoformat() + "T10:00:00",
        "source": "calendar",
        "source_ref": "uid-1@example.cn",
        "participants": [world.cn_boss.pk],
    }
    assert owner_api.post("/api/accounts/guodian/interactions", sent).status_code == 201


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_meeting_capture_refuses_a_future_date_on_its_date_field(owner_client, world, lang):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": lang})
    url = reverse("interaction_new", args=[world.cn.slug])
    # nothing is written: not the person met for the first time either
    data = _capture(world, occurred_at="2031-05-05", occurred_time="10:00", summary="typo", new_name="赵丽")

    response = owner_client.post(url, data)

    assert response.status_code == 422
    html = response.content.decode()
    page_lang = re.search(r'<html lang="([^"]+)"', html)[1]
    field = html.split('id="field-occurred_at"')[1].split("</div>")[0]
    assert _said(page_lang, "2031-05-05") in field
    assert not Interaction.objects.filter(summary="typo").exists()
    assert not world.cn.people.filter(name="赵丽").exists()


def test_the_edit_form_refuses_moving_a_meeting_into_the_future(owner_client, world):
    met = f.interaction(account=world.cn, people=[world.cn_boss], summary="kick-off")
    url = reverse("interaction_edit", args=[world.cn.slug, met.pk])
    data = {
        "occurred_at": "2031-05-05",
        "occurred_time": "10:00",
        "kind": "meeting",
        "people": [world.cn_boss.pk],
        "summary": "kick-off",
        "version": met.version,
    }
    response = owner_client.post(url, data)
    assert response.status_code == 422
    assert "2031-05-05" in response.content.decode().split('id="field-occurred_at"')[1].split("</div>")[0]


def _map(interaction: dict) -> dict:
    return {
        "format_version": 1,
        "account": {"slug": "fresh", "name": "Map fresh", "lifecycle": "prospect", "portrait": {}},
        "org_units": [],
        "people": [{"id": 1, "name": "人1", "reports_to": None, "org_unit": None}],
        "influence_links": [],
        "external_factors": [],
        "decision_bodies": [],
        "deals": [],
        "interactions": [{"id": 7, "kind": "meeting", "participants": [1], **interaction}],
    }


def test_a_map_import_refuses_a_logged_interaction_dated_in_the_future(world):
    with translation.override("en"):
        with pytest.raises(MapImportError) as refused:
            map_load(data=_map({"date": "2030-01-01T10:00:00+08:00"}), owner=world.owner)
        assert "2030-01-01 is in the future" in str(refused.value)  # said when read, in the reader's language
    assert not Account.all_objects.filter(slug="fresh").exists()  # nothing is written


def test_a_map_import_keeps_a_calendar_meeting_scheduled_ahead(world):
    ahead = (timezone.localdate() + timedelta(days=7)).isoformat() + "T10:00:00+08:00"
    loaded = map_load(
        data=_map({"date": ahead, "source": "calendar", "source_ref": "uid-1@example.cn"}), owner=world.owner
    )
    assert loaded is not None
    assert Interaction.objects.filter(source_ref="uid-1@example.cn").exists()


def test_an_interview_dated_in_the_future_is_refused_on_its_day(owner_client, world):
    data = {
        "person": world.cn_boss.pk,
        "deal": world.cn_deal.pk,
        "role": "decision_maker",
        "stage": "evaluation",
        "occurred_on": "2031-05-05",
        "q_goals_business": "集团要求三年内设备在线率 95%",
    }
    response = owner_client.post(reverse("interview", args=["guodian"]), data)
    assert response.status_code == 422
    html = response.content.decode()
    field = html.split('name="occurred_on"')[1].split("</div>")[0]
    assert "2031-05-05" in field.split("errorlist")[1]  # the refusal, after the date field
    assert not Interaction.objects.filter(kind="interview").exists()
