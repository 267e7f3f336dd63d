"""What the web's deal form edits, the API reads and writes: the compelling event and its date were on the Edit deal
page, in the map format and in the analysis (a process that cannot finish by the event), but a PATCH of them was
"Unknown field" and a GET did not show them (a reviewer's trial)."""

from __future__ import annotations

import pytest

from battlemap.deals.forms import DealForm
from battlemap.deals.models import Deal
from battlemap.deals.schemas import DealIn, DealOut

pytestmark = pytest.mark.django_db


def test_every_field_of_the_deal_form_is_in_the_api():
    edited = set(DealForm.base_fields)
    assert edited <= set(DealIn.model_fields) and edited <= set(DealOut.model_fields)


def test_the_compelling_event_is_written_and_read_through_the_api(world, owner_api):
    path = f"/api/deals/{world.cn_deal.pk}"
    deal = owner_api.get(path).json()
    assert deal["compelling_event"] == "" and deal["compelling_event_on"] is None
    patched = owner_api.patch(
        path,
        {
            "compelling_event": "新版等保合规检查",
            "compelling_event_on": "2027年3月31日",
            "version": deal["version"],
        },
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["compelling_event_on"] == "2027-03-31"
    stored = Deal.objects.get(pk=world.cn_deal.pk)
    assert (stored.compelling_event, stored.compelling_event_on.isoformat()) == (
        "新版等保合规检查",
        "2027-03-31",
    )
    bad = owner_api.patch(path, {"compelling_event_on": "2027-02-30", "version": patched.json()["version"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "compelling_event_on"


def test_a_new_deal_named_as_one_of_the_account_is_asked_as_on_the_web(world, owner_api):
    """Two POSTs of one deal opened it twice, while the web's new-deal form shows the deal of that name (a
    reviewer's trial): a 422 naming `name` and that deal, unless `another_deal`; another account's deal is no
    question."""
    url = f"/api/accounts/{world.cn.slug}/deals"
    first = owner_api.post(url, {"name": "Smart Water 二期"})
    assert first.status_code == 201
    again = owner_api.post(url, {"name": "ＳＭＡＲＴ water  二期"}, headers={"Accept-Language": "en"})
    assert again.status_code == 422
    [error] = again.json()["errors"]
    assert error["field"] == "name" and f"(id {first.json()['id']})" in error["message"]
    assert "another_deal: true" in error["message"]
    assert Deal.objects.filter(account=world.cn, name__icontains="water").count() == 1
    assert owner_api.post(url, {"name": "Smart Water 二期", "another_deal": True}).status_code == 201
    assert (
        owner_api.post(f"/api/accounts/{world.en.slug}/deals", {"name": "Smart Water 二期"}).status_code
        == 201
    )
