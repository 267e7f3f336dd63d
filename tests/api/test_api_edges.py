"""A tester's findings: an unknown /api/ path answered the web's HTML 404 page, not the API's error shape;
`?lang=zh` was refused while the CLI's --lang takes zh|en."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE"])
def test_an_unknown_api_path_is_404_in_the_error_shape(method, owner_api, anon_api):
    for api in (owner_api, anon_api):
        for path in ("/api/nothing-here", "/api/accounts/guodian/nothing/1", "/api/"):
            response = api.call(method, path, headers={"Accept-Language": "en"})
            assert response.status_code == 404, (method, path)
            assert response["Content-Type"].startswith("application/json")
            assert response.json() == {"detail": "Not found.", "errors": []}
    assert owner_api.get("/api/openapi.json").status_code == 200  # the API's own paths still answer
    assert owner_api.get("/api/docs").status_code == 200


def test_an_unknown_api_path_answers_in_the_language_asked_for(anon_api):
    response = anon_api.get("/api/nothing-here", headers={"Accept-Language": "zh-hans"})
    assert response.status_code == 404 and response.json()["detail"] == "未找到。"


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh-Hans", "zh-hans", "ZH"])
def test_lang_zh_is_chinese_for_the_api(lang, world, owner_api):
    response = owner_api.get(f"/api/accounts/guodian/analysis?lang={lang}")
    assert response.status_code == 200, response.content
    assert response.json()["lang"] == "zh-hans"
    english = owner_api.get("/api/accounts/guodian/analysis?lang=en-US")
    assert english.status_code == 200 and english.json()["lang"] == "en"
    export = owner_api.post("/api/accounts/guodian/exports", {"format": "json", "lang": lang})
    assert export.status_code == 202, export.content


def test_a_language_the_api_does_not_speak_is_refused_naming_lang(world, owner_api):
    response = owner_api.get("/api/accounts/guodian/analysis?lang=fr")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["lang"]


def test_a_count_in_an_error_takes_its_singular(world, owner_api):
    """ "at least 1 character", not "at least 1 characters"; the Chinese has no plural to get wrong."""
    response = owner_api.post("/api/accounts/guodian/deals", {"name": ""}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["name"] == "Ensure this value has at least 1 character."
    many = owner_api.post(
        "/api/accounts/guodian/deals",
        {"name": "二期", "competitors": ["x"] * 51},
        headers={"Accept-Language": "en"},
    )
    assert {e["message"] for e in many.json()["errors"]} == {"Give at most 50 items."}
