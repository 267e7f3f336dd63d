"""GET, change a field, PUT the whole object back: the fields only a GET shows (id, timestamps, the account or deal
it hangs on, an account's owner) come back as read and are ignored; another value is refused naming the field,
and nothing is written (an integrator's trial had to strip id, created_at and updated_at before every PUT)."""

from __future__ import annotations

import pytest

from battlemap.deals.models import Deal
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/api/people/{person}", "title", "首席信息官"),
        ("/api/deals/{deal}", "name", "智慧电厂二期"),
        ("/api/accounts/guodian", "industry", "能源"),
    ],
)
def test_what_a_get_gives_goes_back_with_one_change(world, owner_api, path, field, value):
    url = path.format(person=world.cn_boss.pk, deal=world.cn_deal.pk)
    read = owner_api.get(url).json()
    assert {"id", "created_at", "updated_at"} <= set(read)
    response = owner_api.put(url, {**read, field: value, "created_at": "2001-01-01T00:00:00Z"})
    assert response.status_code == 200, response.content
    after = response.json()
    assert after[field] == value and after["version"] == read["version"] + 1
    assert after["created_at"] == read["created_at"]  # the server's own stamp


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", 999999), ("account", "northwind"), ("account", None)],
)
def test_a_field_only_a_get_shows_is_not_changed_by_a_put(world, owner_api, field, value):
    url = f"/api/people/{world.cn_boss.pk}"
    read = owner_api.get(url).json()
    body = {**read, "title": "董事长", field: value}
    response = owner_api.put(url, body, headers={"Accept-Language": "en"})
    person = Person.objects.get(pk=world.cn_boss.pk)
    if value is None:  # not sent back: nothing to compare
        assert response.status_code == 200 and person.title == "董事长"
        return
    assert response.status_code == 422
    assert field in response.content.decode() and "not changed here" in response.content.decode()
    assert person.title == read["title"] and person.account_id == world.cn.pk  # nothing written


def test_a_deals_account_and_an_accounts_owner_are_refused_alike(world, owner_api):
    deal = owner_api.get(f"/api/deals/{world.cn_deal.pk}").json()
    moved = owner_api.put(f"/api/deals/{world.cn_deal.pk}", {**deal, "account": "northwind", "name": "x"})
    assert moved.status_code == 422 and Deal.objects.get(pk=world.cn_deal.pk).name == deal["name"]
    account = owner_api.get("/api/accounts/guodian").json()
    given = owner_api.put("/api/accounts/guodian", {**account, "owner": "carol"})
    assert given.status_code == 422 and "owner" in given.content.decode()


@pytest.mark.parametrize(
    ("collection", "body", "item"),
    [
        ("/api/accounts", {"name": "华能新能源", "slug": "huaneng-new"}, "/api/accounts/huaneng-new"),
        ("/api/accounts/guodian/people", {"name": "周明"}, "/api/people/{id}"),
        ("/api/accounts/guodian/deals", {"name": "储能项目"}, "/api/deals/{id}"),
    ],
)
def test_a_201_says_where_the_new_object_is(world, owner_api, collection, body, item):
    """An integrator's trial: a 201 gave no Location, so a client built the address itself."""
    created = owner_api.post(collection, body)
    assert created.status_code == 201, created.content
    address = item.format(id=created.json().get("id"))
    assert created["Location"] == f"http://testserver{address}"
    assert created["ETag"] == f'"{created.json()["version"]}"'
    again = owner_api.get(created["Location"].removeprefix("http://testserver"))
    assert again.status_code == 200 and again.json() == created.json()
