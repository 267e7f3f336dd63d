"""A day written in a form the app reads but missing from the calendar (2026-02-29, 2026-02-30, 2026-13-01)
is said to be no day — "2026-02-30 is not a day: 2026-02 has 28 days." — as the map's as-of page says it,
naming the field, on the API (a deal's expected close, an action's due date, what changed `since`) and in
the web's deal form; never "Give the day as 2026-12-31", which reads as a typing slip. One rule:
core.dates.read_day."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.core.dates import DAY_EXPECTED, NOT_A_DAY, NOT_A_MONTH

pytestmark = pytest.mark.django_db

LANGS = ["en", "zh-hans"]


def _said(lang: str, message, **params) -> str:
    with translation.override(lang):
        return str(message) % params if params else str(message)


def _errors(response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("sent", "day", "month", "last"),
    [("2026-02-29", "2026-02-29", "2026-02", 28), ("2026/2/30", "2026-02-30", "2026-02", 28),
     ("2028年4月31日", "2028-04-31", "2028-04", 30)],
)  # fmt: skip
def test_an_impossible_expected_close_or_due_is_no_day(world, owner_api, lang, sent, day, month, last):
    expected = _said(lang, NOT_A_DAY, day=day, month=month, last=last)
    header = {"Accept-Language": lang}
    made = owner_api.post(
        "/api/accounts/guodian/deals", {"name": "二期", "expected_close": sent}, headers=header
    )
    assert made.status_code == 422 and _errors(made) == {"expected_close": expected}, made.json()
    item = owner_api.post(
        f"/api/deals/{world.cn_deal.pk}/action-items", {"text": "约王总", "due": sent}, headers=header
    )
    assert item.status_code == 422 and _errors(item) == {"due": expected}, item.json()


@pytest.mark.parametrize("lang", LANGS)
def test_an_impossible_since_is_no_day(world, owner_api, lang):
    answer = owner_api.get(
        f"/api/deals/{world.cn_deal.pk}/what-changed?since=2026-02-30", headers={"Accept-Language": lang}
    )
    expected = _said(lang, NOT_A_DAY, day="2026-02-30", month="2026-02", last=28)
    assert answer.status_code == 422 and _errors(answer) == {"since": expected}, answer.json()


@pytest.mark.parametrize("lang", LANGS)
def test_a_thirteenth_month_is_no_day_and_a_slip_is_still_a_slip(world, owner_api, lang):
    header = {"Accept-Language": lang}
    month = owner_api.post(
        "/api/accounts/guodian/deals", {"name": "二期", "expected_close": "2026-13-01"}, headers=header
    )
    assert _errors(month) == {"expected_close": _said(lang, NOT_A_MONTH, day="2026-13-01")}
    slip = owner_api.post(
        "/api/accounts/guodian/deals", {"name": "二期", "expected_close": "31/12/2026"}, headers=header
    )
    assert _errors(slip) == {"expected_close": _said(lang, DAY_EXPECTED)}


@pytest.mark.parametrize("lang", LANGS)
def test_the_deal_form_says_an_impossible_day_is_no_day(owner_client, world, lang):
    owner_client.cookies["django_language"] = lang
    body = {"name": "二期", "currency": "CNY", "stage": "need_recognition", "expected_close": "2026-02-30"}
    response = owner_client.post(reverse("deal_new", args=[world.cn.slug]), body)
    assert response.status_code == 422
    page_lang = response.wsgi_request.LANGUAGE_CODE
    expected = _said(page_lang, NOT_A_DAY, day="2026-02-30", month="2026-02", last=28)
    assert response.context["form"].errors["expected_close"] == [expected]


@pytest.mark.parametrize("lang", LANGS)
def test_an_impossible_day_in_a_date_and_time_is_no_day(world, owner_api, lang):
    """An interaction's date and time, and the interactions' `since`, say the day is none (not "Input should
    be a valid datetime"); a slip in the time stays pydantic's own message."""
    header = {"Accept-Language": lang}
    expected = _said(lang, NOT_A_DAY, day="2026-02-30", month="2026-02", last=28)
    sent = {"occurred_at": "2026-02-30T10:00", "participants": [world.cn_boss.pk], "summary": "kick-off"}
    made = owner_api.post("/api/accounts/guodian/interactions", sent, headers=header)
    assert made.status_code == 422 and _errors(made) == {"occurred_at": expected}, made.json()
    listed = owner_api.get("/api/accounts/guodian/interactions?since=2026-02-30T00:00:00", headers=header)
    assert listed.status_code == 422 and _errors(listed) == {"since": expected}, listed.json()
    slip = owner_api.post(
        "/api/accounts/guodian/interactions", {**sent, "occurred_at": "2026-02-03T25:00"}, headers=header
    )
    assert slip.status_code == 422 and _errors(slip)["occurred_at"] != expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_meeting_form_says_an_impossible_day_is_no_day(owner_client, world, lang):
    owner_client.cookies["django_language"] = lang
    body = {"occurred_at": "2026-02-30", "occurred_time": "10:00", "kind": "meeting", "summary": "kick-off"}
    response = owner_client.post(reverse("interaction_new", args=[world.cn.slug]), body)
    assert response.status_code == 422
    page_lang = response.wsgi_request.LANGUAGE_CODE
    expected = _said(page_lang, NOT_A_DAY, day="2026-02-30", month="2026-02", last=28)
    assert response.context["form"].errors["occurred_at"] == [expected]
