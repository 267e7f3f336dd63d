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


# a refusal of each kind (a route's own rule, a date, a whole number, an unknown parameter): field -> English start
REFUSED_IN_ENGLISH = {
    "/api/pipeline?quarter=2027Q1": ("quarter", "Enter a quarter as YYYY-Qn, e.g. 2027-Q1."),
    "/api/accounts/guodian/analysis?as_of=bogus": ("as_of", "Give the day as 2026-12-31"),
    "/api/accounts/guodian/people?limit=abc": ("limit", "Enter a whole number."),
    "/api/deals?staus=won": ("staus", "Unknown field: this request does not take it."),
}


@pytest.mark.parametrize("path", REFUSED_IN_ENGLISH)
def test_lang_in_the_query_gives_the_errors_of_every_route_in_that_language(world, owner_api, path):
    """`?lang=en` answers as `Accept-Language: en` does, on every route — before, a Chinese reader's
    `/api/pipeline?quarter=…&lang=en` was refused in Chinese, only the header changed it."""
    field, english = REFUSED_IN_ENGLISH[path]
    chinese = {"Accept-Language": "zh-hans"}
    errors = _errors(owner_api.get(f"{path}&lang=en", headers=chinese))
    assert errors[field].startswith(english)
    assert "lang" not in errors  # a route whose answer has no words takes `lang` too
    assert owner_api.get(f"{path}&lang=en", headers=chinese).json()["detail"] == "Invalid input."
    assert (
        _errors(owner_api.get(f"{path}&lang=zh", headers={"Accept-Language": "en"}))[field] != errors[field]
    )


def test_a_route_without_words_takes_lang_and_refuses_a_language_it_does_not_speak(world, owner_api):
    assert owner_api.get("/api/pipeline?lang=en").status_code == 200
    errors = _errors(owner_api.get("/api/pipeline?lang=fr", headers={"Accept-Language": "en"}))
    assert errors == {"lang": "Select one of: zh (also zh-hans, zh-CN), en."}


def test_a_401_is_in_the_language_of_lang_too(world):
    from django.test import Client

    response = Client().get("/api/pipeline?lang=en", headers={"Accept-Language": "zh-hans"})
    assert response.status_code == 401
    assert response.json()["detail"] == "Send a valid token: Authorization: Bearer …"
