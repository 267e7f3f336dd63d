"""A won or lost deal keeps its stage, by one rule of the deals service (`_stage_rule`) for the deal room and the
API alike: a reviewer moved the demo's won deal back to evaluation with a PATCH (200, a new stage change) that the
room refuses. Reopening in the same request moves it, as Reopen then a move does in the room."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals import services
from battlemap.deals.models import Deal, StageChange

pytestmark = pytest.mark.django_db


CLOSED_STAYS = "商机已关闭：请先重新打开再推进阶段。"  # the world's users read Chinese


def _won(world) -> Deal:
    deal = Deal.objects.get(pk=world.cn_deal.pk)  # at evaluation
    return services.deal_close(deal=deal, version=deal.version, outcome="won", reason="签约", by=world.owner)


def _moves(deal: Deal) -> list[str]:
    return list(StageChange.objects.filter(deal=deal).order_by("id").values_list("stage", flat=True))


def _errors(response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_the_api_refuses_to_move_a_won_deals_stage_naming_it(world, owner_api):
    deal = _won(world)
    moves = _moves(deal)
    url = f"/api/deals/{deal.pk}"
    refused = owner_api.patch(url, {"stage": "post_purchase", "version": deal.version})
    assert refused.status_code == 422, refused.content
    assert _errors(refused) == {"stage": CLOSED_STAYS}
    # changing its outcome does not open it either
    refused = owner_api.patch(
        url, {"status": "lost", "close_reason": "预算冻结", "stage": "post_purchase", "version": deal.version}
    )
    assert refused.status_code == 422 and set(_errors(refused)) == {"stage"}
    stored = Deal.objects.get(pk=deal.pk)
    assert (stored.status, stored.stage, stored.version) == ("won", "evaluation", deal.version)
    assert _moves(deal) == moves


def test_a_put_of_a_won_deal_as_read_is_no_move_and_saves(world, owner_api):
    deal = _won(world)
    url = f"/api/deals/{deal.pk}"
    body = owner_api.get(url).json()
    saved = owner_api.put(url, {**body, "our_win": "标杆案例"})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["status"], saved.json()["stage"], saved.json()["our_win"]) == (
        "won",
        "evaluation",
        "标杆案例",
    )


def test_reopening_in_the_same_request_moves_the_stage_as_reopen_then_move_would(world, owner_api):
    deal = _won(world)
    url = f"/api/deals/{deal.pk}"
    change = {"status": "open", "stage": "need_recognition", "version": deal.version}
    refused = owner_api.patch(url, change)  # a reopening says why, stage or not
    assert refused.status_code == 422 and set(_errors(refused)) == {"reopen_reason"}
    assert Deal.objects.get(pk=deal.pk).stage == "evaluation"

    reopened = owner_api.patch(url, {**change, "reopen_reason": "二期立项"})
    assert reopened.status_code == 200, reopened.content
    assert (reopened.json()["status"], reopened.json()["stage"]) == ("open", "need_recognition")
    assert _moves(deal)[-1] == "need_recognition"


def test_the_room_refuses_the_move_of_a_won_deal_and_says_why(world, owner_client):
    """A closed deal's room has no stage form; a move posted anyway (the close's version) is refused where the
    form would be."""
    deal = _won(world)
    response = owner_client.post(
        reverse("deal_stage", args=[world.cn.slug, deal.pk]),
        {"stage": "post_purchase", "note": "", "version": deal.version},
    )
    page = response.content.decode()
    assert response.status_code == 422 and 'id="stage-refused"' in page and CLOSED_STAYS in page
    assert Deal.objects.get(pk=deal.pk).stage == "evaluation"
