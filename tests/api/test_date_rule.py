"""One rule for every date a user types (core.dates: years 1900–2999): a deal's expected close and
compelling event, an action's due date, a process step's dates … "0001-01-01" and "9999-12-31" are
refused naming the field, on the web and in the API, as interactions always were."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from battlemap.deals.models import ActionItem, Deal
from battlemap.process.models import ProcessStep


def _field_error(html: str, field: str) -> str:
    block = re.search(rf'class="[^"]*has-error[^"]*" id="field-{field}">(.*?)</div>', html, re.S)
    assert block, f"no error on {field}"
    return block.group(1)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_deal_form_refuses_a_far_off_expected_close(owner_client, world, day):
    url = reverse("deal_new", args=[world.cn.slug])
    body = {"name": "二期", "currency": "CNY", "stage": "need_recognition", "expected_close": day}
    response = owner_client.post(url, body)
    assert response.status_code == 422
    assert "1900" in _field_error(response.content.decode(), "expected_close")
    assert not Deal.objects.filter(name="二期").exists()
    response = owner_client.post(url, {**body, "expected_close": "2027-06-30"})  # the owner's real date works
    assert response.status_code == 302
    assert Deal.objects.get(name="二期").expected_close == date(2027, 6, 30)


def test_action_due_and_step_dates_follow_the_same_rule(owner_client, world):
    deal = world.cn_deal
    response = owner_client.post(
        reverse("deal_action_new", args=[world.cn.slug, deal.pk]), {"text": "约王总", "due": "0001-01-01"}
    )
    assert response.status_code == 422 and "1900" in _field_error(response.content.decode(), "due")
    assert not ActionItem.objects.filter(text="约王总").exists()
    response = owner_client.post(
        reverse("deal_step_new", args=[world.cn.slug, deal.pk]),
        {"kind": "tender_notice", "planned_on": "9999-12-31"},
    )
    assert response.status_code == 422 and "2999" in _field_error(response.content.decode(), "planned_on")
    assert not ProcessStep.objects.filter(deal=deal).exists()


def test_the_api_refuses_far_off_deal_dates_naming_the_field(world, owner_api):
    created = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "expected_close": "9999-12-31"})
    assert created.status_code == 422
    assert [e["field"] for e in created.json()["errors"]] == ["expected_close"]
    assert "1900" in created.json()["errors"][0]["message"]
    deal = world.cn_deal
    patched = owner_api.patch(
        f"/api/deals/{deal.pk}", {"version": deal.version, "compelling_event_on": "0001-01-01"}
    )
    assert patched.status_code == 422
    assert [e["field"] for e in patched.json()["errors"]] == ["compelling_event_on"]
    ok = owner_api.patch(f"/api/deals/{deal.pk}", {"version": deal.version, "expected_close": "2027-01-31"})
    assert ok.status_code == 200 and ok.json()["expected_close"] == "2027-01-31"


def test_an_expected_close_implausibly_far_off_is_refused_on_the_api_naming_the_field(world, owner_api):
    # 1900-01-01 passes the year rule of every date, yet no deal closes then: an export's empty date or a slip
    too_late = date.today().replace(year=date.today().year + 11, day=1).isoformat()
    for day in ("1900-01-01", "1999-12-31", too_late):
        created = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "expected_close": day})
        assert created.status_code == 422, day
        (error,) = created.json()["errors"]
        assert error["field"] == "expected_close" and "2000-01-01" in error["message"], error
    assert not Deal.objects.filter(name="二期").exists()
    deal = world.cn_deal
    patched = owner_api.patch(
        f"/api/deals/{deal.pk}", {"version": deal.version, "expected_close": "1900-01-01"}
    )
    assert patched.status_code == 422 and patched.json()["errors"][0]["field"] == "expected_close"
    for day in ("2000-01-01", date.today().replace(year=date.today().year + 9).isoformat()):
        ok = owner_api.post("/api/accounts/guodian/deals", {"name": f"期 {day}", "expected_close": day})
        assert ok.status_code == 201, ok.json()


def test_the_deal_form_and_the_map_import_refuse_an_expected_close_of_1900(owner_client, world):
    from battlemap.io.mapformat.load import MapImportError, map_import
    from tests.io.maps import sample_map

    url = reverse("deal_new", args=[world.cn.slug])
    body = {"name": "二期", "currency": "CNY", "stage": "need_recognition", "expected_close": "1900-01-01"}
    response = owner_client.post(url, body)
    assert response.status_code == 422
    assert "2000-01-01" in _field_error(response.content.decode(), "expected_close")
    data = sample_map()
    data["deals"][0]["expected_close"] = "1900-01-01"
    with pytest.raises(MapImportError, match="expected_close") as refused:
        map_import(data=data, owner=world.owner, slug="old-close")
    assert "2000-01-01" in str(refused.value)


def test_a_deal_stored_with_an_old_expected_close_still_moves_and_closes(world):
    from battlemap.deals.services import deal_move_stage

    Deal.objects.filter(pk=world.cn_deal.pk).update(expected_close=date(1900, 1, 1))  # stored before the rule
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal_move_stage(deal=deal, stage="purchase_decision", version=deal.version, by=world.owner)
    assert Deal.objects.get(pk=deal.pk).stage == "purchase_decision"
