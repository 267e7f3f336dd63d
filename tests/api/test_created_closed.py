"""The API's create follows the rules its PATCH and the web follow (new-user trial, 2026-12-03): a deal opened
won or lost needs the reason (it was stored closed without one, and counted in win/loss), only a lost deal names
who won it, and an action item or a note of spaces alone is empty — refused where it is required (it showed as
an empty row in the deal room)."""

from __future__ import annotations

from battlemap.deals.models import ActionItem, Deal


def test_a_deal_opened_won_or_lost_needs_its_reason(world, owner_api):
    url = "/api/accounts/guodian/deals"
    refused = owner_api.post(url, {"name": "二期", "status": "won"})
    assert refused.status_code == 422 and "close_reason" in refused.content.decode()
    refused = owner_api.post(
        url, {"name": "二期", "status": "won", "close_reason": "签约", "lost_to": "华为云"}
    )
    assert refused.status_code == 422 and "lost_to" in refused.content.decode()
    assert not Deal.objects.filter(name="二期").exists()

    lost = owner_api.post(
        url, {"name": "二期", "status": "lost", "close_reason": "价格", "lost_to": "华为云"}
    )
    assert lost.status_code == 201, lost.content
    assert (lost.json()["status"], lost.json()["lost_to"]) == ("lost", "华为云")


def test_an_action_item_of_spaces_is_refused_and_a_note_of_spaces_is_empty(world, owner_api):
    url = f"/api/deals/{world.cn_deal.pk}/action-items"
    for blank in ("   ", "\u3000\n\t", "\u200b"):
        refused = owner_api.post(url, {"text": blank})
        assert refused.status_code == 422 and "text" in refused.content.decode(), blank
    assert not ActionItem.objects.exists()
    made = owner_api.post(url, {"text": "  约王总\n  汇报方案  "})
    assert made.status_code == 201 and made.json()["text"] == "  约王总\n  汇报方案  "  # lines kept as typed

    deal = owner_api.post("/api/accounts/guodian/deals", {"name": "三期", "our_win": "   "})
    assert deal.status_code == 201 and deal.json()["our_win"] == ""
