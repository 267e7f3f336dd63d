"""One write path: the web and the API apply the same rules through the same services, and a stale edit
reads the same (translated) everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.core.services import STALE_EDIT
from battlemap.interactions.models import Interaction

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _stale_zh() -> str:
    with translation.override("zh-hans"):
        message = str(STALE_EDIT)
    with translation.override("en"):
        assert message != str(STALE_EDIT)  # really translated, not the English source
    return message


# --- the interaction rule: at least one of the customer's people took part --------------------------


def test_api_refuses_an_interaction_without_a_customer_participant(world, owner_api):
    before = Interaction.objects.count()
    response = owner_api.post(
        f"/api/accounts/{world.cn.slug}/interactions", {"occurred_at": "2026-11-20T10:00:00", "kind": "call"}
    )
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["participants"]
    assert Interaction.objects.count() == before  # nothing stored


def test_api_refuses_taking_away_every_participant(world, objs, owner_api):
    path = f"/api/interactions/{objs.interaction.id}"
    version = owner_api.get(path).json()["version"]
    response = owner_api.patch(path, {"participants": [], "version": version})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["participants"]
    assert objs.interaction.participants.exists()


def test_web_refuses_an_interaction_without_a_customer_participant_naming_the_field(owner_client, world):
    before = Interaction.objects.count()
    response = owner_client.post(
        reverse("interaction_new", args=[world.cn.slug]),
        {"occurred_at": "2026-11-20", "occurred_time": "10:00", "kind": "call"},
    )
    assert response.status_code == 422
    assert "people" in response.context["form"].errors
    assert Interaction.objects.count() == before


# --- a stale edit: 409 and the same translated message on the web and in the API --------------------


def test_org_chart_drag_answers_a_stale_edit_in_chinese(owner_client, world):
    li = world.cn.people.get(name="李明")
    seen = li.version
    li.title = "CIO"
    li.save()  # someone else edits meanwhile
    owner_client.cookies["django_language"] = "zh-hans"
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]),
        {"person": li.pk, "manager": "", "version": seen},
        **ZH,
    )
    assert response.status_code == 409
    said = response.json()["errors"]["version"]
    assert said[0].startswith(_stale_zh()) and said[0].endswith(
        "修改了职务：信息中心主任 → CIO。"
    )  # what changed


def test_portrait_edit_answers_a_stale_edit_in_chinese(owner_client, world):
    seen = world.cn.version
    world.cn.notes = "changed elsewhere"
    world.cn.save()
    owner_client.cookies["django_language"] = "zh-hans"
    response = owner_client.post(
        reverse("account_portrait_edit", args=[world.cn.slug]),
        {"strategic_goals": "x", "version": seen},
        HTTP_HX_REQUEST="true",
        **ZH,
    )
    assert response.status_code == 409
    assert _stale_zh() in response.content.decode()
    world.cn.refresh_from_db()
    assert world.cn.strategic_goals == ""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_stale_edit_reads_the_same_on_the_web_and_in_the_api(owner_client, world, owner_api, language):
    with translation.override(language):
        expected = str(STALE_EDIT)
    person = world.cn.people.get(name="李明")
    seen = person.version
    person.title = "CIO"
    person.save()  # someone else edits meanwhile
    owner_client.cookies["django_language"] = language
    web = owner_client.post(
        reverse("person", args=[world.cn.slug, person.pk]),
        {"name": "李明", "title": "主任助理", "status": "active", "version": seen},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    api = owner_api.patch(
        f"/api/people/{person.pk}",
        {"title": "主任助理", "version": seen},
        headers={"Accept-Language": language},
    )
    assert web.status_code == 409 and api.status_code == 409
    assert expected in web.content.decode()
    body = api.json()
    assert body["detail"].startswith(expected)
    assert body["errors"] == [{"field": "version", "message": body["detail"]}]
    meanwhile = body["detail"][len(expected) :].strip()  # what changed since, named the same on both
    assert "CIO" in meanwhile and meanwhile in web.content.decode()
    person.refresh_from_db()
    assert person.title == "CIO"


def test_api_errors_speak_the_language_asked_for(world, owner_api):
    body = {"occurred_at": "2026-11-20T10:00:00", "kind": "call"}
    url = f"/api/accounts/{world.cn.slug}/interactions"
    zh = owner_api.post(url, body, headers={"Accept-Language": "zh-hans"}).json()
    en = owner_api.post(url, body, headers={"Accept-Language": "en"}).json()
    assert en["detail"] == "Invalid input."
    assert zh["detail"] == "输入无效。"
    missing = owner_api.get("/api/people/999999", headers={"Accept-Language": "zh-hans"})
    assert missing.status_code == 404 and missing.json()["detail"] == "未找到。"
