"""An all-day event (from a calendar: `Interaction.all_day`, stored at 09:00 of its day) is edited as a
day: the form showed 09:00, a time nobody gave; saved unchanged it stays the all-day event it was."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.interactions.models import Interaction
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_day(world):
    at = timezone.make_aware(datetime(2026, 11, 20, 9, 0))
    return f.interaction(
        account=world.cn, people=[world.cn_boss], occurred_at=at, all_day=True, summary="行业峰会"
    )


def _form(world, event, day: str) -> dict:
    return {
        "occurred_at": day,
        "kind": event.kind,
        "deal": "",
        "people": [world.cn_boss.pk],
        "summary": event.summary,
        "outcome": "",
        "next_step": "",
        "version": event.version,
    }


def test_the_edit_form_shows_the_day_of_an_all_day_event_without_a_time(owner_client, world, all_day):
    html = owner_client.get(reverse("interaction_edit", args=[world.cn.slug, all_day.pk])).content.decode()
    field = re.search(r'<input[^>]*name="occurred_at"[^>]*>', html).group(0)
    # the forms' day box (core.dates.DayInput), not the browser's date box laid out by its language
    assert 'type="text"' in field and 'placeholder="YYYY-MM-DD"' in field and 'type="date"' not in field
    assert 'value="2026-11-20"' in field and "09:00" not in field
    assert "全天" in html  # said beside the field
    assert 'name="occurred_time"' not in html  # no time box: the day alone


def test_saved_unchanged_it_stays_all_day_on_its_day(owner_client, world, all_day):
    before = all_day.occurred_at
    url = reverse("interaction_edit", args=[world.cn.slug, all_day.pk])
    assert owner_client.post(url, _form(world, all_day, "2026-11-20")).status_code == 302
    all_day.refresh_from_db()
    assert all_day.all_day and all_day.occurred_at == before


def test_moved_to_another_day_it_stays_all_day(owner_client, world, all_day):
    url = reverse("interaction_edit", args=[world.cn.slug, all_day.pk])
    assert owner_client.post(url, _form(world, all_day, "2026-11-23")).status_code == 302
    all_day.refresh_from_db()
    assert all_day.all_day and timezone.localtime(all_day.occurred_at).date().isoformat() == "2026-11-23"


def test_the_timeline_shows_the_day_without_a_time(owner_client, world, all_day):
    html = owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    assert '<time datetime="2026-11-20">2026-11-20</time>' in html and "2026-11-20 09:00" not in html


def test_a_timed_meeting_keeps_its_time(owner_client, world):
    met = f.interaction(account=world.cn, people=[world.cn_boss], summary="拜访")
    html = owner_client.get(reverse("interaction_edit", args=[world.cn.slug, met.pk])).content.decode()
    # the day box and the time box beside it (interactions.forms.TimeInput), not the browser's date-time box
    time_box = re.search(r'<input[^>]*name="occurred_time"[^>]*>', html).group(0)
    assert 'type="text"' in time_box and 'placeholder="HH:MM"' in time_box
    assert 'type="datetime-local"' not in html
    assert Interaction.objects.get(pk=met.pk).all_day is False
