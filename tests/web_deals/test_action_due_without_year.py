"""A seller typed an action item's due day as people write it in a chat, "12月20日" or "12/20", and was refused
("Give the day as 2026-12-31 …"). A due day is a day to come: it is now the next such day, and said so with the
day taken (core.dates.next_day_without_year)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.messages import INFO
from django.urls import reverse
from django.utils import timezone

from battlemap.core.dates import next_day_without_year
from battlemap.deals.models import ActionItem

pytestmark = pytest.mark.django_db


def _said(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level == INFO]


def _next(month: int, day: int) -> date:
    today = timezone.localdate()
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


@pytest.mark.parametrize("typed", ["12月20日", "12月20", "12/20", "12-20", "１２月２０日"])
def test_a_due_day_without_its_year_is_the_next_such_day_and_said(owner_client, world, typed):
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    response = owner_client.post(url, {"text": "送样机", "due": typed}, follow=True)
    taken = _next(12, 20)
    assert ActionItem.objects.get(text="送样机").due == taken
    assert [m for m in _said(response) if taken.isoformat() in m and "年份" in m], _said(response)


def test_editing_reads_it_too_and_a_day_with_its_year_is_not_remarked_on(owner_client, world):
    item = ActionItem.objects.create(deal=world.cn_deal, text="发方案", owner=world.owner)
    url = reverse("deal_action_edit", args=[world.cn.slug, world.cn_deal.pk, item.pk])
    response = owner_client.post(url, {"text": "发方案", "due": "3/1", "version": 1}, follow=True)
    item.refresh_from_db()
    assert item.due == _next(3, 1) and _said(response)
    later = (timezone.localdate() + timedelta(days=9)).isoformat()
    response = owner_client.post(url, {"text": "发方案", "due": later, "version": 2}, follow=True)
    item.refresh_from_db()
    assert item.due.isoformat() == later and not _said(response)


@pytest.mark.parametrize("typed", ["13/01", "20/12", "2/30", "12月"])
def test_a_day_without_a_year_that_names_no_day_is_refused_naming_the_field(owner_client, world, typed):
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    response = owner_client.post(url, {"text": "送样机", "due": typed})
    assert response.status_code == 422
    assert "due" in response.context["action_form"].errors
    assert not ActionItem.objects.filter(text="送样机").exists()


def test_the_next_such_day_counts_today_and_skips_to_a_year_that_has_it():
    today = date(2026, 12, 5)
    assert next_day_without_year("12月5日", today=today) == today
    assert next_day_without_year("12/4", today=today) == date(2027, 12, 4)
    assert next_day_without_year("2/29", today=today) == date(2028, 2, 29)
    assert next_day_without_year("2026-12-20", today=today) is None  # read_day's: it has its year


# typed → what zh-hans and English say beside the field (February: a leap year's 29). The Chinese puts the
# day typed in quotes and the month in brackets, no space inside Chinese words, whether the month is 二月 or
# read_day's 2026-02: it read "2月30日 不是有效日期：二月 只有 29 天。"
NO_SUCH_DAY = [
    ("4/31", "“4/31”不是有效日期：该月（四月）只有 30 天。", "4/31 is not a day: April has 30 days."),
    (
        "2月30日",
        "“2月30日”不是有效日期：该月（二月）只有 29 天。",
        "2月30日 is not a day: February has 29 days.",
    ),
    ("13/01", "“13/01”不是有效日期：月份应为 01 到 12。", "13/01 is not a day: a month is 01 to 12."),
]


@pytest.mark.parametrize(("typed", "zh", "en"), NO_SUCH_DAY)
def test_a_day_no_year_has_is_said_so_not_as_a_typing_slip(owner_client, world, typed, zh, en):
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    said = {}
    for lang, expected in (("zh-hans", zh), ("en", en)):
        owner_client.cookies["django_language"] = lang
        response = owner_client.post(url, {"text": "送样机", "due": typed})
        assert response.status_code == 422
        said[lang] = " ".join(response.context["action_form"].errors["due"])
        assert expected in said[lang], said
    assert "2026-12-31" not in said["en"]
