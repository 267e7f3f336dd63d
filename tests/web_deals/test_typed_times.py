"""A timed interaction's date and time is typed in the forms' day box and a time box beside it (text, HH:MM on
the 24-hour clock), not the browser's date-and-time box, which an English browser laid out as mm/dd/yyyy,
hh:mm AM/PM in the Chinese UI. The two are one moment in the installation's time zone; saved untouched, an
interaction keeps the moment it had, seconds included."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from battlemap.interactions.models import Interaction
from tests import factories as f
from tests.web_deals.conftest import input_box

pytestmark = pytest.mark.django_db


def _value(box: str) -> str:
    return re.search(r'value="([^"]*)"', box).group(1)


def _form(world, met: Interaction, day: str, at: str) -> dict:
    return {
        "occurred_at": day,
        "occurred_time": at,
        "kind": met.kind,
        "deal": "",
        "people": [world.cn_boss.pk],
        "summary": met.summary,
        "outcome": "",
        "next_step": "",
        "version": met.version,
    }


def _new(world, day: str, at: str) -> dict:
    return {"occurred_at": day, "occurred_time": at, "kind": "meeting", "people": [world.cn_boss.pk]}


def test_the_form_shows_a_day_box_and_a_time_box(zh_client, world):
    html = zh_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    day, at = input_box(html, "occurred_at"), input_box(html, "occurred_time")
    assert 'type="text"' in day and 'placeholder="YYYY-MM-DD"' in day
    assert 'type="text"' in at and 'placeholder="HH:MM"' in at
    assert re.fullmatch(r"\d{2}:\d{2}", _value(at))  # now, on the 24-hour clock
    assert "datetime-local" not in html
    assert ">时间<" in html  # the time box's label, in Chinese


@pytest.mark.parametrize(
    ("day", "at", "saved"),
    [
        ("2026/11/20", "9:30", (9, 30)),
        ("2026年11月20日", "09:30", (9, 30)),
        ("2026.11.20", "１４：３０", (14, 30)),  # full-width, as a Chinese input method types it
        ("2026-11-20", "下午2:30", (14, 30)),
        ("2026-11-20", "23:05", (23, 5)),
        # the hour words a Chinese user types (io.dates.time_of_day, as the imports read them)
        ("2026-11-20", "14点30", (14, 30)),
        ("2026-11-20", "14点30分", (14, 30)),
        ("2026-11-20", "14时30分", (14, 30)),
        ("2026-11-20", "下午2点", (14, 0)),
        ("2026-11-20", "下午2点半", (14, 30)),
        ("2026-11-20", "上午9点", (9, 0)),
        ("2026-11-20", "晚上8点15", (20, 15)),
    ],
)
def test_a_day_and_time_typed_are_one_moment_of_the_installations_zone(zh_client, world, day, at, saved):
    response = zh_client.post(reverse("interaction_new", args=[world.cn.slug]), _new(world, day, at))
    assert response.status_code == 302, response.context and response.context["form"].errors
    moment = Interaction.objects.get(account=world.cn).occurred_at
    assert moment == datetime(2026, 11, 20, *saved, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("at", ["25:00", "0930", "half past nine", "14点61", "下午2点半半"])
def test_a_time_not_read_is_refused_beside_the_time_box_naming_it(zh_client, world, at):
    response = zh_client.post(reverse("interaction_new", args=[world.cn.slug]), _new(world, "2026-11-20", at))
    assert response.status_code == 422
    beside = re.search(
        r'<div class="field has-error" id="field-occurred_time">.*?</div>', response.content.decode(), re.S
    )
    assert beside is not None
    assert f'value="{at}"' in beside.group(0)  # kept as typed
    assert f"{at} 不是一天中的时间" in beside.group(0), beside.group(0)
    assert not Interaction.objects.filter(account=world.cn).exists()


def test_a_time_left_empty_is_asked_for(zh_client, world):
    response = zh_client.post(reverse("interaction_new", args=[world.cn.slug]), _new(world, "2026-11-20", ""))
    assert response.status_code == 422
    assert 'id="field-occurred_time"' in response.content.decode()
    assert not Interaction.objects.filter(account=world.cn).exists()


@pytest.fixture
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"  # late evening there is the next day in UTC
    return ZoneInfo("America/New_York")


def test_saved_untouched_an_interaction_keeps_its_moment(zh_client, world, new_york):
    at = datetime(2026, 11, 20, 22, 30, 45, tzinfo=new_york)  # seconds, as a mail's moment has them
    met = f.interaction(account=world.cn, people=[world.cn_boss], occurred_at=at, summary="晚间电话")
    url = reverse("interaction_edit", args=[world.cn.slug, met.pk])
    html = zh_client.get(url).content.decode()
    day, time_of_day = _value(input_box(html, "occurred_at")), _value(input_box(html, "occurred_time"))
    assert (day, time_of_day) == ("2026-11-20", "22:30")  # as the user there reads it
    assert zh_client.post(url, _form(world, met, day, time_of_day)).status_code == 302
    met.refresh_from_db()
    assert met.occurred_at == at


def test_a_time_changed_is_the_installations_time(zh_client, world, new_york):
    at = datetime(2026, 11, 20, 22, 30, 45, tzinfo=new_york)
    met = f.interaction(account=world.cn, people=[world.cn_boss], occurred_at=at, summary="晚间电话")
    url = reverse("interaction_edit", args=[world.cn.slug, met.pk])
    assert zh_client.post(url, _form(world, met, "2026-11-20", "23:15")).status_code == 302
    met.refresh_from_db()
    assert met.occurred_at == datetime(2026, 11, 20, 23, 15, tzinfo=new_york)
    assert met.occurred_at == datetime(2026, 11, 21, 4, 15, tzinfo=ZoneInfo("UTC"))
