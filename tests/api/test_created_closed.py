"""The API's create follows the rules its PATCH and the web follow (new-user trial, 2026-12-03): a deal opened
won or lost needs the reason (it was stored closed without one, and counted in win/loss), only a lost deal names
who won it, and an action item or a note of spaces alone is empty — refused where it is required (it showed as
an empty row in the deal room)."""

from __future__ import annotations

from datetime import date

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


def test_a_closed_deal_keeps_a_reason_an_open_one_has_none_and_zero_width_is_no_reason(world, owner_api):
    # second trial: the reason could be blanked once closed, a U+200B was a reason, an open deal held one
    url = "/api/accounts/guodian/deals"
    for status in ("won", "lost"):
        refused = owner_api.post(url, {"name": "四期", "status": status, "close_reason": "\u200b\u3000"})
        assert refused.status_code == 422 and "close_reason" in refused.content.decode()
    won = owner_api.post(url, {"name": "四期", "status": "won", "close_reason": "技术方案领先"}).json()
    blanked = owner_api.patch(
        f"/api/deals/{won['id']}", {"close_reason": "\u200b", "version": won["version"]}
    )
    assert blanked.status_code == 422 and Deal.objects.get(pk=won["id"]).close_reason == "技术方案领先"
    refused = owner_api.patch(
        f"/api/deals/{won['id']}", {"status": "open", "reopen_reason": "\u200b", "version": won["version"]}
    )
    assert refused.status_code == 422 and "reopen_reason" in refused.content.decode()

    for field in ("close_reason", "reopen_reason"):
        refused = owner_api.post(url, {"name": "五期", field: "xx"})
        assert refused.status_code == 422 and field in refused.content.decode()
    deal = world.cn_deal
    refused = owner_api.patch(f"/api/deals/{deal.pk}", {"close_reason": "价格", "version": deal.version})
    assert refused.status_code == 422 and Deal.objects.get(pk=deal.pk).close_reason == ""


def test_a_handover_note_of_zero_width_characters_is_no_note(world, owner_api):
    refused = owner_api.post(
        "/api/accounts/guodian/handover", {"to": world.teammate.username, "note": "\u200b"}
    )
    assert refused.status_code == 422 and "note" in refused.content.decode()
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


def test_a_meeting_logged_after_a_person_left_cannot_name_them(world, owner_api):
    # second trial: the API logged a meeting of 2026-12-01 with 陈静, who left on 2026-06-30; the web offers
    # only people still there
    from tests import factories as f

    gone = f.person(account=world.cn, name="陈静", status="left", left_on=date(2026, 6, 30))
    url = "/api/accounts/guodian/interactions"
    body = {"occurred_at": "2026-12-01T10:00:00+08:00", "kind": "meeting", "summary": "与陈静会面"}
    refused = owner_api.post(url, {**body, "participants": [gone.pk]}, headers={"Accept-Language": "en"})
    assert refused.status_code == 422 and "had left the company before this day" in refused.content.decode()
    before = owner_api.post(
        url, {**body, "occurred_at": "2026-06-01T10:00:00+08:00", "participants": [gone.pk]}
    )
    assert before.status_code == 201, before.content  # a meeting before she left is hers
