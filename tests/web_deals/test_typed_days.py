"""Every day a user types on a form is the forms' day box (core.dates.DayInput / DayFormField), not the
browser's date box: a step's planned and actual dates, a decision body's next meeting, the review's day, an
all-day interaction's day, the meeting capture's action due day, the interview's day and a person's leaving
day. The browser's box laid the day out by the browser's language (mm/dd/yyyy in the Chinese UI of an English
browser); the day box reads 2026.11.30 and 2026年11月30日 as the other forms do and names the field when it
cannot read the day."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import ActionItem
from battlemap.interactions.models import Interaction
from battlemap.process import services as process
from battlemap.process.models import DecisionBody, ProcessStep
from battlemap.reviews.models import Review
from battlemap.surveys.models import Interview
from tests import factories as f
from tests.surveys.helpers import interview_post
from tests.web_deals.conftest import input_box

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 30)


@dataclass
class Typed:
    name: str
    url: Callable[[Any], str]
    data: Callable[[Any, str], dict]  # the form as posted with the day typed
    field: str
    saved: Callable[[Any], Any]  # the day stored
    page: Callable[[Any], str] | None = None  # where the form is shown, when not at its url


def _step(w) -> ProcessStep:
    return ProcessStep.objects.filter(deal=w.cn_deal).first() or process.step_create(
        deal=w.cn_deal, kind="budget"
    )


def _all_day(w) -> Interaction:
    found = Interaction.objects.filter(account=w.cn, all_day=True).first()
    at = timezone.make_aware(datetime(2026, 11, 20, 9, 0))
    return found or f.interaction(
        account=w.cn, people=[w.cn_boss], occurred_at=at, all_day=True, summary="峰会"
    )


def _boss(w):
    return w.cn_boss.__class__.objects.get(pk=w.cn_boss.pk)


FORMS = [
    Typed(
        "body_next_meeting",
        lambda w: reverse("body_new", args=[w.cn.slug]),
        lambda w, day: {
            "name": "总经理办公会",
            "kind": "executive_meeting",
            "decision_rule": "chair_decides",
            "next_meeting": day,
        },
        "next_meeting",
        lambda w: DecisionBody.objects.get(account=w.cn, name="总经理办公会").next_meeting,
    ),
    Typed(
        "step_planned",
        lambda w: reverse("deal_step_new", args=[w.cn.slug, w.cn_deal.pk]),
        lambda w, day: {"kind": "tender_notice", "name": "", "planned_on": day},
        "planned_on",
        lambda w: ProcessStep.objects.get(deal=w.cn_deal, kind="tender_notice").planned_on,
        lambda w: reverse("deal", args=[w.cn.slug, w.cn_deal.pk]),  # the deal room's process card
    ),
    Typed(
        "step_actual",
        lambda w: reverse("deal_step", args=[w.cn.slug, w.cn_deal.pk, _step(w).pk]),
        lambda w, day: {"kind": "budget", "status": "done", "done_on": day, "version": _step(w).version},
        "done_on",
        lambda w: _step(w).done_on,
    ),
    Typed(
        "reviewed_on",
        lambda w: reverse("account_reviews", args=[w.cn.slug]),
        lambda w, day: {"reviewed_on": day},
        "reviewed_on",
        lambda w: Review.objects.get(account=w.cn).reviewed_on,
    ),
    Typed(
        "all_day_interaction",
        lambda w: reverse("interaction_edit", args=[w.cn.slug, _all_day(w).pk]),
        lambda w, day: {
            "occurred_at": day,
            "kind": "meeting",
            "people": [w.cn_boss.pk],
            "summary": "峰会",
            "version": _all_day(w).version,
        },
        "occurred_at",
        lambda w: timezone.localtime(_all_day(w).occurred_at).date(),
    ),
    Typed(
        "capture_action_due",
        lambda w: reverse("interaction_new", args=[w.cn.slug]),
        lambda w, day: {
            "occurred_at": "2026-11-25",
            "occurred_time": "15:00",
            "kind": "meeting",
            "deal": w.cn_deal.pk,
            "people": [w.cn_boss.pk],
            "summary": "汇报方案",
            "next_step": "送报价",
            "make_action": "on",
            "action_owner": w.owner.pk,
            "action_due": day,
        },
        "action_due",
        lambda w: ActionItem.objects.get(deal=w.cn_deal, text="送报价").due,
    ),
    Typed(
        "interview",
        lambda w: reverse("interview", args=[w.cn.slug]),
        lambda w, day: interview_post(w, occurred_on=day),
        "occurred_on",
        lambda w: timezone.localtime(Interview.objects.get(account=w.cn).interaction.occurred_at).date(),
    ),
    Typed(
        "left_on",
        lambda w: reverse("person", args=[w.cn.slug, w.cn_boss.pk]),
        lambda w, day: {"name": _boss(w).name, "status": "left", "left_on": day, "version": _boss(w).version},
        "left_on",
        lambda w: _boss(w).left_on,
    ),
]
IDS = [t.name for t in FORMS]


@pytest.mark.parametrize("typed", FORMS, ids=IDS)
def test_the_form_shows_the_day_box_not_the_browsers_date_box(zh_client, world, typed):
    if typed.name == "left_on":  # shown beside the status (deals/edit.js); the box is on the page
        world.cn_boss.__class__.objects.filter(pk=world.cn_boss.pk).update(status="left", left_on=DAY)
    box = input_box(zh_client.get((typed.page or typed.url)(world)).content.decode(), typed.field)
    assert 'type="text"' in box and 'placeholder="YYYY-MM-DD"' in box, box
    assert 'type="date"' not in box


@pytest.mark.parametrize("typed", FORMS, ids=IDS)
@pytest.mark.parametrize("written", ["2026.11.30", "２０２６年１１月３０日"])
def test_a_day_typed_as_chinese_writes_it_is_saved(zh_client, world, typed, written):
    response = zh_client.post(typed.url(world), typed.data(world, written))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert typed.saved(world) == DAY


@pytest.mark.parametrize("typed", FORMS, ids=IDS)
def test_a_day_the_calendar_lacks_is_refused_beside_its_field(zh_client, world, typed):
    response = zh_client.post(typed.url(world), typed.data(world, "2026-02-30"))
    assert response.status_code == 422
    html = response.content.decode()
    beside = re.search(rf'<input[^>]*name="{typed.field}".*?</div>', html, re.S).group(0)
    assert 'value="2026-02-30"' in beside  # kept as typed
    assert "“2026-02-30”不是有效日期：该月（2026-02）只有 28 天。" in beside, (
        beside
    )  # the day box's own reason, not "输入一个有效的日期"


def test_the_captures_due_day_typed_without_its_year_is_the_next_one_and_said(zh_client, world):
    """As the deal room's action item (deals.forms.ActionItemForm): 12月20日 is the next 20 December."""
    data = FORMS[5].data(world, "12月20日")
    response = zh_client.post(FORMS[5].url(world), data, follow=True)
    due = ActionItem.objects.get(deal=world.cn_deal, text="送报价").due
    assert due >= timezone.localdate() and (due.month, due.day) == (12, 20)
    assert f"截止日期“12月20日”按下一个这样的日子记为 {due.isoformat()}" in response.content.decode()
