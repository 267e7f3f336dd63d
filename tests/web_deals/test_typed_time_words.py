"""The hour words a rep types in the meeting form's time box, in Chinese numerals (下午两点, 三点半, 十点一刻,
晚上八点十五) and the English forms (2pm, 2:30 p.m., noon, midnight, 14h30), read by the one grammar the imports read
a time with (`io.dates`): each was refused as "not a time of day" (the Chinese numerals, 2pm, noon, 14h30)."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from battlemap.interactions.models import Interaction
from battlemap.io import dates

pytestmark = pytest.mark.django_db

WORDS = [
    ("下午两点", (14, 0)),
    ("三点半", (3, 30)),
    ("上午十点", (10, 0)),
    ("十点一刻", (10, 15)),
    ("下午三点三刻", (15, 45)),
    ("晚上八点十五", (20, 15)),
    ("两点四十五分", (2, 45)),
    ("十二点", (12, 0)),
    ("中午十二点半", (12, 30)),
    ("八点零五", (8, 5)),
    ("二十三点", (23, 0)),
    ("2pm", (14, 0)),
    ("2 pm", (14, 0)),
    ("12am", (0, 0)),
    ("2:30 p.m.", (14, 30)),
    ("noon", (12, 0)),
    ("midnight", (0, 0)),
    ("Noon", (12, 0)),  # as a sentence begins it: it was refused
    ("MIDNIGHT", (0, 0)),
    ("14h30", (14, 30)),
]


def _new(world, at: str) -> dict:
    return {"occurred_at": "2026-11-20", "occurred_time": at, "kind": "meeting", "people": [world.cn_boss.pk]}


@pytest.mark.parametrize(("at", "saved"), WORDS)
def test_an_hour_in_words_is_the_time_saved(zh_client, world, at, saved):
    response = zh_client.post(reverse("interaction_new", args=[world.cn.slug]), _new(world, at))
    assert response.status_code == 302, response.context and response.context["form"].errors
    moment = Interaction.objects.get(account=world.cn).occurred_at
    assert moment == datetime(2026, 11, 20, *saved, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("at", ["十十点", "五五五点", "二十五点", "八点六十", "13pm", "noon pm", "下午noon"])
def test_a_number_no_clock_has_is_still_refused(zh_client, world, at):
    response = zh_client.post(reverse("interaction_new", args=[world.cn.slug]), _new(world, at))
    assert response.status_code == 422
    assert f"{at} 不是一天中的时间" in response.content.decode()
    assert not Interaction.objects.filter(account=world.cn).exists()


def test_a_file_date_with_an_hour_in_words_is_read_so_too():
    assert dates.parse("2026年3月2日下午两点") == dt.datetime(2026, 3, 2, 14, 0)
    assert dates.parse("2026-03-02 2pm") == dt.datetime(2026, 3, 2, 14, 0)
    assert dates.parse("Mar 2, 2026 noon") == dt.datetime(2026, 3, 2, 12, 0)
    assert dates.parse("02.03.2026 14h30") == dt.datetime(2026, 3, 2, 14, 30)
