"""What a client reads in a 422 is in the language it asked for and names what it may send: no pydantic
English left on a Chinese answer, and `lang` lists the values the docs give (zh, en), not the stored codes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_name_with_a_broken_character_is_refused_in_chinese(world, owner_api):
    response = owner_api.post(
        "/api/accounts/guodian/people", {"name": "\ud800"}, headers={"Accept-Language": "zh-hans"}
    )
    errors = _errors(response)
    assert response.json()["detail"] == "输入无效。"
    assert errors["name"] == "请输入文本：其中有一个无法读取的损坏字符。"


def test_a_name_with_a_broken_character_is_refused_in_english(world, owner_api):
    errors = _errors(
        owner_api.post(
            "/api/accounts/guodian/people", {"name": "王\ud800"}, headers={"Accept-Language": "en"}
        )
    )
    assert errors["name"] == "Enter text: this holds a broken character that cannot be read."


@pytest.mark.parametrize(
    "path",
    [
        "/api/accounts/guodian/analysis?lang=fr",
        "/api/accounts/guodian/what-changed?lang=fr",
        "/api/accounts/guodian/export/json?lang=fr",
        "/api/training/scenarios?lang=fr",
    ],
)
def test_an_unknown_lang_lists_the_values_a_client_may_send(world, owner_api, path):
    english = _errors(owner_api.get(path, headers={"Accept-Language": "en"}))
    assert english == {"lang": "Select one of: zh (also zh-hans, zh-CN), en."}
    chinese = _errors(owner_api.get(path, headers={"Accept-Language": "zh-hans"}))
    assert chinese == {"lang": "请选择以下之一：zh（也可写 zh-hans、zh-CN）、en。"}


def test_an_unknown_lang_in_a_body_lists_them_too(world, owner_api):
    response = owner_api.post(
        "/api/accounts/guodian/exports", {"format": "json", "lang": "fr"}, headers={"Accept-Language": "en"}
    )
    assert _errors(response) == {"lang": "Select one of: zh (also zh-hans, zh-CN), en."}


def test_the_values_the_docs_give_are_taken(world, owner_api):
    for lang in ("zh", "zh-hans", "zh-CN", "en"):
        assert owner_api.get(f"/api/accounts/guodian/analysis?lang={lang}").status_code == 200, lang
    assert owner_api.get("/api/training/scenarios?lang=zh-CN").status_code == 200
