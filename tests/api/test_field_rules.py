"""The API's field rules as a client meets them: null in a PATCH, the version of a DELETE, If-Match against
the version field, and a deal's decision-factor weights — one rule with the web form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import Deal

pytestmark = pytest.mark.django_db


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


# --- null ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, field",
    [
        ("/api/deals/{deal}", "our_win"),
        ("/api/deals/{deal}", "lost_to"),
        ("/api/deals/{deal}", "competitors"),
        ("/api/accounts/guodian", "notes"),
        ("/api/accounts/guodian", "industry"),
        ("/api/action-items/{action}", "done"),
        ("/api/action-items/{action}", "text"),
        ("/api/interactions/{interaction}", "summary"),
        ("/api/influence-links/{link}", "note"),
        ("/api/roles/{role}", "plan"),
    ],
)
def test_null_for_a_field_that_takes_none_is_a_422_naming_it(world, objs, owner_api, path, field):
    path = path.format(
        deal=world.cn_deal.id,
        action=objs.action.id,
        interaction=objs.interaction.id,
        link=objs.link.id,
        role=objs.role.id,
    )
    before = owner_api.get(path).json()
    response = owner_api.patch(path, {field: None, "version": before["version"]})
    assert response.status_code == 422 and _fields(response) == [field]
    assert "null" in response.json()["errors"][0]["message"]
    assert owner_api.get(path).json() == before


def test_null_empties_a_field_that_takes_it(world, owner_api):
    deal = owner_api.get(f"/api/deals/{world.cn_deal.id}").json()
    owner_api.patch(f"/api/deals/{world.cn_deal.id}", {"amount": 100, "version": deal["version"]})
    cleared = owner_api.patch(
        f"/api/deals/{world.cn_deal.id}", {"amount": None, "version": deal["version"] + 1}
    )
    assert cleared.status_code == 200 and cleared.json()["amount"] is None


def test_the_null_message_speaks_chinese(world, owner_api):
    response = owner_api.patch(
        "/api/accounts/guodian",
        {"notes": None, "version": world.cn.version},
        headers={"Accept-Language": "zh-hans"},
    )
    message = response.json()["errors"][0]["message"]
    assert "null" in message and "字段" in message


# --- DELETE and its version ------------------------------------------------------------------------


def test_a_delete_with_a_stale_if_match_is_a_409_and_deletes_nothing(world, objs, owner_api):
    path = f"/api/people/{objs.person.id}"
    etag = owner_api.get(path)["ETag"]
    owner_api.patch(path, {"title": "CIO"}, headers={"If-Match": etag})
    stale = owner_api.delete(path, headers={"If-Match": etag})
    assert stale.status_code == 409 and _fields(stale) == ["version"]
    assert owner_api.get(path).status_code == 200
    assert owner_api.delete(path, headers={"If-Match": owner_api.get(path)["ETag"]}).status_code == 204
    assert owner_api.get(path).status_code == 410  # deleted: said so, by whom and when


def test_a_delete_with_a_stale_version_in_the_query_is_a_409(world, owner_api):
    path = f"/api/deals/{world.cn_deal.id}"
    version = owner_api.get(path).json()["version"]
    assert owner_api.delete(f"{path}?version={version + 1}").status_code == 409
    assert Deal.objects.filter(pk=world.cn_deal.pk).exists()
    assert owner_api.delete(f"{path}?version={version}").status_code == 204
    assert not Deal.objects.filter(pk=world.cn_deal.pk).exists()


def test_a_delete_without_a_version_still_deletes(world, objs, owner_api):
    assert owner_api.delete(f"/api/org-units/{objs.unit.id}").status_code == 204


def test_a_stale_delete_of_an_account_keeps_it(world, owner_api):
    stale = owner_api.delete("/api/accounts/guodian", headers={"If-Match": f'"{world.cn.version + 1}"'})
    assert stale.status_code == 409
    assert owner_api.get("/api/accounts/guodian").status_code == 200


def test_if_match_and_a_version_field_that_disagree_are_refused(world, objs, owner_api):
    path = f"/api/people/{objs.person.id}"
    version = owner_api.get(path).json()["version"]
    response = owner_api.patch(
        path, {"title": "CIO", "version": version}, headers={"If-Match": f'"{version + 1}"'}
    )
    assert response.status_code == 422 and _fields(response) == ["If-Match"]
    objs.person.refresh_from_db()
    assert objs.person.title != "CIO"
    agree = owner_api.patch(path, {"title": "CIO", "version": version}, headers={"If-Match": f'"{version}"'})
    assert agree.status_code == 200


# --- decision-factor weights -----------------------------------------------------------------------


@pytest.mark.parametrize("weight", [500.5, 101, 12.5, -1])
def test_the_api_refuses_a_weight_the_web_form_cannot_take(world, owner_api, weight):
    deal = world.cn_deal
    response = owner_api.patch(
        f"/api/deals/{deal.id}", {"decision_factors": {"price": weight}, "version": deal.version}
    )
    assert response.status_code == 422 and _fields(response) == ["decision_factors.price"]


def test_a_weight_the_api_writes_is_one_the_web_form_saves_again(world, owner_api, owner_client):
    deal = world.cn_deal
    written = owner_api.patch(
        f"/api/deals/{deal.id}", {"decision_factors": {"price": 100, "brand": 30.0}, "version": deal.version}
    )
    assert written.status_code == 200
    deal.refresh_from_db()
    assert deal.decision_factors == {"price": 100, "brand": 30}
    form = owner_client.get(reverse("deal_edit", args=[world.cn.slug, deal.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [], {})}
    saved = owner_client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), data)
    assert saved.status_code == 302, saved.context["form"].errors
    deal.refresh_from_db()
    assert deal.decision_factors == {"price": 100, "brand": 30}


def test_the_model_refuses_a_weight_past_the_rule_on_every_road(world):
    from django.core.exceptions import ValidationError

    from battlemap.deals.services import deal_update

    deal = world.cn_deal
    with pytest.raises(ValidationError) as refused:
        deal_update(deal=deal, version=deal.version, decision_factors={"price": 500.5})
    assert "100" in str(refused.value.message_dict["decision_factors"])
