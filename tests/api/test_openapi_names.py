"""The OpenAPI schema documents the body each route takes: django-ninja keys its components by class name,
so two schema classes of one name would leave one route documented with the other's body (the people
POST once read as training's `{person, roles, attitude, influence}` and the documented body got 422)."""

from __future__ import annotations

import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from battlemap.api import api

pytestmark = pytest.mark.django_db


def _models_in(annotation, found: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                _models_in(field.annotation, found)
        return
    for arg in typing.get_args(annotation):
        _models_in(arg, found)


def _schema_classes() -> set[type]:
    """Every schema class a route reads or answers with, and the classes inside them."""
    found: set[type] = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _models_in(model, found)
                for model in operation.response_models.values():
                    _models_in(model, found)
    return found


def test_no_two_schema_classes_share_a_component_name(client):
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _schema_classes():
        by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert set(components) <= set(by_name)  # the walk sees every class the schema documents
    shared = {name: sorted(by_name[name]) for name in components if len(by_name[name]) > 1}
    assert shared == {}, "rename one of each: the schema documents only one of them"


def test_the_people_post_is_documented_with_the_body_it_takes(client):
    spec = client.get("/api/openapi.json").json()
    body = spec["paths"]["/api/accounts/{slug}/people"]["post"]["requestBody"]["content"]["application/json"]
    name = body["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = spec["components"]["schemas"][name]["properties"]
    assert {"name", "title", "another_person"} <= set(properties)
    assert "person" not in properties


def test_the_documented_people_body_is_accepted(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/people", {"name": "孙丽", "title": "采购经理"})
    assert response.status_code == 201, response.content
