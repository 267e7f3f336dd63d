"""Every answer of the API is JSON in UTF-8, as its Content-Type says: Chinese is written as itself. An operator
reading a refusal with curl got "\\u8bf7\\u6c42\\u4f53\\u8d85\\u8fc7 5 MB…" (the 413 of a body over BODY_MAX_MB), and so
on every answer: the routes' renderer and the answers Django's handlers make (404, 405, 413) alike."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ZH = {"Accept-Language": "zh-hans"}


def _text(response) -> str:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    text = response.content.decode("utf-8")
    assert "\\u" not in text, text[:200]
    return text


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024)
def test_the_413_of_a_body_over_the_limit_reads_as_chinese(world, owner_api):
    response = owner_api.post(
        "/api/accounts/guodian/people", {"name": "张三", "notes": "x" * (1024 * 1024)}, headers=ZH
    )
    assert response.status_code == 413
    assert "请求体超过 1 MB" in _text(response)


def test_every_answer_writes_chinese_as_itself(world, owner_api, outsider_api, client):
    f_name = world.cn.people.create(name="王建国", title="总经理").name
    listed = owner_api.get("/api/accounts/guodian/people", headers=ZH)
    assert listed.status_code == 200 and f_name in _text(listed)
    refused = owner_api.post("/api/accounts/guodian/people", {"name": ""}, headers=ZH)
    assert refused.status_code == 422 and "输入无效" in _text(refused)
    assert "未找到" in _text(outsider_api.get("/api/accounts/guodian/people", headers=ZH))
    assert "未找到" in _text(owner_api.get("/api/no-such-route", headers=ZH))  # the catch-all's 404
    wrong_method = owner_api.put("/api/accounts", {}, headers=ZH)  # Django's 405, in the API's shape
    assert wrong_method.status_code == 405 and "PUT" in _text(wrong_method)
    assert "令牌" in _text(client.get("/api/accounts", headers=ZH))  # 401
