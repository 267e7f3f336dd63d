"""What a script sending a slightly wrong body sees: unknown fields are refused (not dropped with a 200 and a
new version), and the messages of a 422 are in the language asked for, field by field."""

from __future__ import annotations

import pytest
from ninja.params.models import BodyModel
from pydantic import BaseModel

from battlemap.api import api

pytestmark = pytest.mark.django_db

ZH = {"Accept-Language": "zh-hans"}
EN = {"Accept-Language": "en"}


def test_patch_with_an_unknown_field_is_refused_and_changes_nothing(objs, owner_api):
    person = objs.person
    response = owner_api.patch(
        f"/api/people/{person.id}", {"account": "x", "version": person.version}, headers=EN
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [
        {"field": "account", "message": "Unknown field: this request does not take it."}
    ]
    person.refresh_from_db()
    assert person.version == objs.person.version


def test_a_typo_in_a_create_is_refused_naming_the_field(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/people", {"name": "张三", "titel": "CFO"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["titel"]
    assert not world.cn.people.filter(name="张三").exists()


def test_field_messages_of_a_422_are_in_chinese_under_zh(world, owner_api):
    body = {"title": "x" * 300, "bogus": 1}
    zh = owner_api.post("/api/accounts/guodian/people", body, headers=ZH).json()
    en = owner_api.post("/api/accounts/guodian/people", body, headers=EN).json()
    zh_by_field = {e["field"]: e["message"] for e in zh["errors"]}
    en_by_field = {e["field"]: e["message"] for e in en["errors"]}
    assert set(zh_by_field) == {"name", "title", "bogus"} == set(en_by_field)
    assert en_by_field["name"] == "This field is required."
    assert zh_by_field["name"] == "这个字段是必填项。"
    assert "200" in zh_by_field["title"] and "字符" in zh_by_field["title"]
    assert "Field required" not in str(zh) and "at most" not in str(zh)
    assert zh["detail"] != en["detail"]


def test_wrong_types_and_dates_are_said_in_chinese(world, objs, owner_api):
    response = owner_api.patch(
        f"/api/people/{objs.person.id}", {"reports_to": "boss", "version": "one"}, headers=ZH
    )
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["reports_to"] == "请输入整数。" and messages["version"] == "请输入整数。"
    late = owner_api.post(
        "/api/accounts/guodian/interactions", {"occurred_at": "3000-01-01T10:00:00"}, headers=ZH
    ).json()
    assert [e["field"] for e in late["errors"]] == ["occurred_at"]
    assert "1900" in late["errors"][0]["message"] and "Give a date" not in str(late)


def _models(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models(arg)


def test_every_json_body_of_the_api_forbids_unknown_fields():
    seen, loose = set(), []
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for model in operation.models:
                    if not issubclass(model, BodyModel):
                        continue
                    stack = [info.annotation for info in model.model_fields.values()]
                    while stack:
                        for schema in _models(stack.pop()):
                            if schema in seen:
                                continue
                            seen.add(schema)
                            if schema.model_config.get("extra") != "forbid":
                                loose.append(f"{path}: {schema.__name__}")
                            stack.extend(info.annotation for info in schema.model_fields.values())
    assert seen, "no JSON bodies found"
    assert not loose, loose
