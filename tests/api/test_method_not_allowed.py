"""A method an API route does not take answered django-ninja's bare text/html "Method not allowed" (API trial,
sixth round): it is a 405 in the API's one error shape, in the asked language, naming the methods it takes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method, path", [("delete", "/api/accounts"), ("post", "/api/people/{pk}")])
def test_a_method_a_route_does_not_take_is_said_in_the_error_shape(owner_api, world, method, path):
    pk = world.cn_boss.pk
    response = owner_api.call(method, path.format(pk=pk), headers={"Accept-Language": "en"})
    assert response.status_code == 405 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["errors"] == [] and method.upper() in body["detail"]
    for allowed in response["Allow"].split(", "):
        assert allowed in body["detail"]


def test_the_methods_it_takes_are_listed_as_the_language_writes_a_list(owner_api, world):
    """The Chinese message listed them with the header's English comma: "只接受 GET, POST"."""
    response = owner_api.call(
        "post", f"/api/people/{world.cn_boss.pk}", headers={"Accept-Language": "zh-hans"}
    )
    methods = [m.strip() for m in response["Allow"].split(",")]
    assert len(methods) >= 2
    assert "、".join(methods) in response.json()["detail"] and ", " not in response.json()["detail"]
