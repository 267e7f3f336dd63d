"""Two history rows of one record at one moment (an import, an undo or a bulk delete writes several rows in one
go) are one record as of a later day: the latest row, ties broken by the row written last (a seller's as-of map
listed 王建国 twice and This week answered 500 — the influence calculation failed on the doubled person)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from battlemap.maps import build_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss_written_twice_at_once(world):
    """王建国 added, then retitled, both rows (and every other record's) recorded at one moment ten days ago."""
    world.cn_boss.title = "董事长"
    world.cn_boss.save()
    then = timezone.now() - timedelta(days=10)
    for model in apps.get_models():
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            model.history.update(history_date=then)
    assert world.cn_boss.history.filter(history_date=then).count() == 2
    return world


def test_the_map_as_it_was_has_the_person_once_as_last_written(boss_written_twice_at_once):
    world = boss_written_twice_at_once
    yesterday = timezone.localdate() - timedelta(days=1)
    people = [p for p in build_snapshot(account=world.cn, as_of=yesterday).people if p.name == "王建国"]
    assert [p.title for p in people] == ["董事长"]


def test_the_pages_and_the_api_answer_with_the_person_once(
    boss_written_twice_at_once, owner_client, owner_api
):
    world = boss_written_twice_at_once
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    answer = owner_api.get(f"/api/accounts/guodian/history?as_of={yesterday}")
    assert answer.status_code == 200
    assert [p["title"] for p in answer.json()["people"] if p["name"] == "王建国"] == ["董事长"]
    page = owner_client.get(reverse("account_as_of", args=[world.cn.slug]) + f"?on={yesterday}")
    assert page.status_code == 200
    assert "董事长" in page.content.decode() and "总经理" not in page.content.decode()
    assert owner_client.get(reverse("home")).status_code == 200  # This week: the changes since a week ago
