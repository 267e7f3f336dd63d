"""Reopening a won or lost deal says why, as closing one does: the reason is asked on the web, taken by the
API, kept in history and shown where the close's reason is (What changed, This week)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from battlemap.deals import services
from battlemap.deals.models import Deal

pytestmark = pytest.mark.django_db


def _lost(world) -> Deal:
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    return services.deal_close(
        deal=deal, version=deal.version, outcome="lost", reason="预算冻结", by=world.owner
    )


def test_reopening_without_a_reason_is_refused_naming_the_field(world):
    deal = _lost(world)
    with pytest.raises(ValidationError) as refused:
        services.deal_reopen(deal=deal, version=deal.version, reason="  ", by=world.owner)
    assert set(refused.value.message_dict) == {"reopen_reason"}
    assert Deal.objects.get(pk=deal.pk).status == "lost"


def test_the_reason_is_kept_until_the_next_close_and_history_keeps_both(world):
    deal = _lost(world)
    deal = services.deal_reopen(deal=deal, version=deal.version, reason="二期立项", by=world.owner)
    assert (deal.status, deal.close_reason, deal.reopen_reason) == ("open", "", "二期立项")
    deal = services.deal_close(deal=deal, version=deal.version, outcome="won", reason="签约", by=world.owner)
    assert deal.reopen_reason == ""
    reasons = list(
        Deal.history.filter(id=deal.pk).order_by("history_id").values_list("status", "reopen_reason")
    )
    assert reasons[-3:] == [("lost", ""), ("open", "二期立项"), ("won", "")]


def test_the_reopen_page_shows_the_close_and_warns_of_no_next_step(owner_client, world):
    _lost(world)
    page = owner_client.get(reverse("deal_reopen", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert "预算冻结" in page and 'name="reopen_reason"' in page
    assert 'id="reopen-next-step"' in page  # the deal has no open action item


def test_the_api_reopens_with_a_reason_that_what_changed_shows(world, owner_api):
    deal = _lost(world)
    response = owner_api.patch(
        f"/api/deals/{deal.pk}",
        {"status": "open", "lost_to": "", "reopen_reason": "客户换了负责人", "version": deal.version},
    )
    assert response.status_code == 200, response.content
    assert response.json()["reopen_reason"] == "客户换了负责人"
    changes = owner_api.get(f"/api/deals/{deal.pk}/what-changed?since=2000-01-01").json()
    assert [(m["change"], m["reason"]) for m in changes["status_changes"]] == [
        ("closed", "预算冻结"),
        ("reopened", "客户换了负责人"),
    ]


def test_a_status_changed_by_the_api_asks_the_same_reasons_as_the_pages(world, owner_api):
    """One rule for a change of status: the close and reopen pages and a PATCH of `status` alike."""
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    url = f"/api/deals/{deal.pk}"
    refused = owner_api.patch(url, {"status": "lost", "version": deal.version})
    assert refused.status_code == 422, refused.content
    assert "close_reason" in refused.content.decode()
    assert Deal.objects.get(pk=deal.pk).status == "open"

    closed = owner_api.patch(
        url, {"status": "lost", "close_reason": "预算冻结", "lost_to": "华为云", "version": deal.version}
    ).json()
    assert (closed["status"], closed["close_reason"], closed["lost_to"]) == ("lost", "预算冻结", "华为云")

    refused = owner_api.patch(url, {"status": "open", "version": closed["version"]})
    assert refused.status_code == 422 and "reopen_reason" in refused.content.decode()
    reopened = owner_api.patch(
        url, {"status": "open", "reopen_reason": "二期立项", "version": closed["version"]}
    ).json()
    assert (reopened["status"], reopened["close_reason"], reopened["lost_to"]) == ("open", "", "")

    # a won deal naming who won it was stored won with the winner dropped without a word: refused, naming it
    refused = owner_api.patch(
        url, {"status": "won", "close_reason": "签约", "lost_to": "华为云", "version": reopened["version"]}
    )
    assert refused.status_code == 422 and "lost_to" in refused.content.decode()
    won = owner_api.patch(
        url, {"status": "won", "close_reason": "签约", "version": reopened["version"]}
    ).json()
    assert (won["status"], won["lost_to"], won["reopen_reason"]) == ("won", "", "")
    refused = owner_api.patch(url, {"lost_to": "华为云", "version": won["version"]})
    assert refused.status_code == 422 and Deal.objects.get(pk=deal.pk).lost_to == ""


def test_reopening_opens_again_the_action_items_the_close_ticked_and_only_those(world, owner_client):
    """Closing may tick the open action items done; reopening opens those again (the page says which), while
    an item done before the close stays done. History names both."""
    from battlemap.deals.models import ActionItem
    from tests import factories as f

    done_before = f.action(deal=world.cn_deal, text="发送报价", done=True)
    open_one = f.action(deal=world.cn_deal, text="安排技术交流")
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal = services.deal_close(
        deal=deal, version=deal.version, outcome="lost", reason="预算冻结", close_actions=True, by=world.owner
    )
    assert ActionItem.objects.get(pk=open_one.pk).done
    page = owner_client.get(reverse("deal_reopen", args=[world.cn.slug, deal.pk])).content.decode()
    assert 'id="reopen-actions"' in page and "安排技术交流" in page and "发送报价" not in page
    services.deal_reopen(deal=deal, version=deal.version, reason="二期立项", by=world.owner)
    assert not ActionItem.objects.get(pk=open_one.pk).done
    assert ActionItem.objects.get(pk=done_before.pk).done
    reasons = list(ActionItem.history.filter(id=open_one.pk).values_list("history_change_reason", flat=True))
    assert any("closed_with_deal" in (r or "") for r in reasons)
    assert any("reopened_with_deal" in (r or "") for r in reasons)
