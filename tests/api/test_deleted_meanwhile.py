"""A row a colleague deleted meanwhile: the API answers 410 naming its kind, who deleted it and when (as the web's 410
page does: `core.access.Gone`), to a caller who may see the account; an outsider still learns nothing (404) and
an anonymous caller is asked to log in (401)."""

from __future__ import annotations

import pytest

from tests import factories as f

from .conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def deleted_person(world):
    """赵敏, whom bob deleted through the API."""
    person = f.person(account=world.cn, name="赵敏")
    assert _client_for(world.teammate).delete(f"/api/people/{person.pk}").status_code == 204
    return person


def test_owner_gets_410_naming_what_was_deleted_by_whom_and_when(owner_api, deleted_person):
    answer = owner_api.patch(
        f"/api/people/{deleted_person.pk}",
        {"title": "采购经理", "version": 1},
        headers={"Accept-Language": "en"},
    )
    assert answer.status_code == 410
    body = answer.json()
    assert body["deleted"]["model"] == "person"
    assert body["deleted"]["id"] == deleted_person.pk
    assert body["deleted"]["name"] == "赵敏"
    assert body["deleted"]["by"] == "bob"
    assert body["deleted"]["at"].startswith(str(deleted_person.history.latest().history_date.date()))
    assert body["detail"].startswith("Person 赵敏 was deleted by bob at ")
    assert body["errors"] == []


def test_the_410_speaks_the_callers_language(owner_api, deleted_person):
    answer = owner_api.get(f"/api/people/{deleted_person.pk}", headers={"Accept-Language": "zh-hans"})
    assert answer.status_code == 410
    assert "赵敏" in answer.json()["detail"] and "被 bob 删除" in answer.json()["detail"]


def test_a_deal_deleted_meanwhile_is_said_a_deal(owner_api, world):
    deal = f.deal(account=world.cn, name="二期扩容")
    assert _client_for(world.teammate).delete(f"/api/deals/{deal.pk}").status_code == 204
    answer = owner_api.get(f"/api/deals/{deal.pk}")
    assert answer.status_code == 410
    assert answer.json()["deleted"]["model"] == "deal"
    assert answer.json()["deleted"]["name"] == "二期扩容"


def test_outsider_still_gets_404_and_learns_nothing(outsider_api, deleted_person):
    for answer in (
        outsider_api.get(f"/api/people/{deleted_person.pk}"),
        outsider_api.patch(f"/api/people/{deleted_person.pk}", {"title": "x", "version": 1}),
    ):
        assert answer.status_code == 404
        assert "deleted" not in answer.json() and "赵敏" not in answer.content.decode()


def test_anonymous_gets_401(anon_api, deleted_person):
    answer = anon_api.get(f"/api/people/{deleted_person.pk}")
    assert answer.status_code == 401
    assert "赵敏" not in answer.content.decode()
