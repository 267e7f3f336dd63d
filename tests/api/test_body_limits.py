"""What a token holder sending a huge or very wrong body gets: a short answer, quickly. The error list stops
at 50 and says how many more there were; a body over BODY_MAX_MB is refused before it is read."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from battlemap.core.api import MAX_ERRORS

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-hans"}


def test_ten_thousand_unknown_keys_get_fifty_errors_and_the_count_of_the_rest(world, owner_api):
    body = {"name": "张三", **{f"k{i}": 1 for i in range(10_000)}}
    response = owner_api.post("/api/accounts/guodian/people", body, headers=EN)
    assert response.status_code == 422
    answer = response.json()
    assert len(answer["errors"]) == MAX_ERRORS == 50
    assert answer["more_errors"] == 10_000 - 50
    assert answer["detail"] == "Invalid input. Only the first 50 of 10000 problems are listed."
    assert len(response.content) < 10_000
    assert not world.cn.people.filter(name="张三").exists()


def test_an_outsider_sending_many_bad_keys_gets_404_before_the_body_is_validated(world, outsider_api):
    body = {f"k{i}": 1 for i in range(2_000)}
    response = outsider_api.post("/api/accounts/guodian/people", body, headers=ZH)
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。", "errors": []}
    # the same for a bad body or a good one, and for an account that does not exist
    assert outsider_api.post("/api/accounts/guodian/people", {"name": "张三"}).status_code == 404
    assert outsider_api.post("/api/accounts/no-such/people", body).status_code == 404
    assert not world.cn.people.filter(name="张三").exists()


def test_the_count_of_errors_left_out_is_said_in_chinese(world, owner_api):
    body = {f"k{i}": 1 for i in range(2_000)}
    response = owner_api.post("/api/accounts/guodian/people", body, headers=ZH)
    assert response.status_code == 422
    assert len(response.json()["errors"]) == 50
    assert response.json()["detail"] == "输入无效。共 2001 个问题，只列出了前 50 个。"


def test_a_few_errors_are_all_listed_as_before(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/people", {"name": "", "bogus": 1}, headers=EN)
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"] == "Invalid input."
    assert {e["field"] for e in answer["errors"]} == {"name", "bogus"}
    assert "more_errors" not in answer


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024)
def test_a_body_over_the_limit_is_refused_naming_the_limit(world, owner_api):
    body = {"name": "张三", "notes": "x" * (1024 * 1024)}
    assert len(json.dumps(body)) > 1024 * 1024
    response = owner_api.post("/api/accounts/guodian/people", body, headers=EN)
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "larger than 1 MB" in detail
    assert response.json()["errors"] == [{"field": "body", "message": detail}]
    assert not world.cn.people.filter(name="张三").exists()


def test_the_default_body_limit_is_five_mb_and_a_bulk_of_a_thousand_fits(world, owner_api, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    body = {"people": [{"name": f"人{i}", "title": "工程师", "notes": "备注" * 200} for i in range(1000)]}
    assert len(json.dumps(body)) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = owner_api.post("/api/accounts/guodian/people/bulk", body)
    assert response.status_code == 201, response.content[:300]
    assert response.json()["count"] == 1000


def test_a_body_of_too_many_fields_is_refused_as_it_is_read(world, owner_api):
    body = {"people": [{"name": f"人{i}", **{f"x{j}": 1 for j in range(60)}} for i in range(1000)]}
    response = owner_api.post("/api/accounts/guodian/people/bulk", body, headers=EN)
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "The body holds more than 50,000 fields: no request takes that many; send fewer items at once."
    )
    assert not world.cn.people.filter(name="人0").exists()


def test_a_body_that_is_not_json_says_so_in_the_language_asked_for(world, owner_api):
    client = owner_api.client
    auth = {"Authorization": f"Bearer {owner_api.token}", **ZH}
    response = client.post(
        "/api/accounts/guodian/people", data="{name:", content_type="application/json", headers=auth
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "body", "message": "请求体不是有效的 JSON。"}]
