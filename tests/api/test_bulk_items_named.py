"""The people bulk of the API is all or nothing: an item refused for the e-mail or the name of an earlier item
names that item (`people.0`), never the id the earlier item had before the whole request was rolled back."""

from __future__ import annotations

from django.utils import translation

from battlemap.people.models import Person


def _bulk(api, people, lang="en"):
    return api.post(
        "/api/accounts/guodian/people/bulk", {"people": people}, headers={"Accept-Language": lang}
    )


def test_an_email_given_twice_in_one_bulk_names_the_earlier_item_not_a_rolled_back_id(world, owner_api):
    before = set(Person.objects.values_list("pk", flat=True))
    people = [{"name": "Bulk A", "email": "same@x.example"}, {"name": "Bulk B", "email": "Same@X.example"}]
    response = _bulk(owner_api, people)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "people.1.email"
    assert error["message"].startswith("people.0 (Bulk A) of this request has the e-mail same@x.example too")
    assert "id " not in error["message"]
    assert set(Person.objects.values_list("pk", flat=True)) == before  # rolled back: no id to name
    [zh] = _bulk(owner_api, people, "zh-hans").json()["errors"]
    assert (
        zh["message"].startswith("本次请求中的 people.0（Bulk A）也使用了邮箱 same@x.example")
        and "id" not in zh["message"]
    )


def test_a_name_given_twice_in_one_bulk_names_the_earlier_item(world, owner_api):
    response = _bulk(owner_api, [{"name": "新人"}, {"name": "Li"}, {"name": "新 人"}])
    [error] = response.json()["errors"]
    assert error["field"] == "people.2.name"
    assert error["message"].startswith("people.0 of this request has this name too.")
    assert "another_person" in error["message"] and "id " not in error["message"]
    # with the flag the namesake is added, and a person of the map is still named by their id
    assert _bulk(owner_api, [{"name": "新人"}, {"name": "新人", "another_person": True}]).status_code == 201
    [on_map] = _bulk(owner_api, [{"name": "新人"}]).json()["errors"]
    ids = sorted(Person.objects.filter(name="新人").values_list("pk", flat=True))
    assert on_map["message"].startswith(f"Already on the map: 新人 (id {ids[0]}), 新人 (id {ids[1]}).")


def test_an_email_of_a_person_on_the_map_still_names_them_by_id(world, owner_api):
    Person.objects.filter(pk=world.cn_boss.pk).update(email="wang@guodian.cn")
    response = _bulk(owner_api, [{"name": "甲"}, {"name": "乙", "email": "wang@guodian.cn"}], "zh-hans")
    [error] = response.json()["errors"]
    assert error["field"] == "people.1.email"
    assert f"王建国（id {world.cn_boss.pk}）" in error["message"]
    with translation.override("en"):
        assert (
            _bulk(owner_api, [{"name": "丙", "email": "wang@guodian.cn"}])
            .json()["errors"][0]["message"]
            .startswith(f"王建国 (id {world.cn_boss.pk}) already has the e-mail wang@guodian.cn")
        )
