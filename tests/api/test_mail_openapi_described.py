"""The OpenAPI page describes the mail suggestion routes as a new API user meets them. Accept, reject, the list
and undo said only their one-line summary: nothing of the 422 on `state` (decided already; a line waiting for
its new person), the 404 of an unknown id, who may call them; `state` had no description; and accept-above named
only "waits for a new person" when, on a small mailbox, every suggestion is left pending as a guess."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ROUTES = "/api/accounts/{slug}/mail/suggestions"


def _op(spec: dict, path: str) -> dict:
    return next(iter(spec["paths"][ROUTES + path].values()))


def test_each_suggestion_route_says_its_answers(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/{suggestion_id}/accept", "/{suggestion_id}/reject"):
        said = _op(spec, path).get("description", "")
        assert "422 on `state`" in said and "decided already" in said
        assert "404" in said and "Editors only" in said
    assert "accept that one first" in _op(spec, "/{suggestion_id}/accept")["description"]
    assert "evidence" in _op(spec, "").get("description", "")
    state = next(p for p in _op(spec, "")["parameters"] if p["name"] == "state")
    assert state.get("description")
    assert "422 on `batch`" in _op(spec, "/undo").get("description", "")
    assert "a guess" in _op(spec, "/accept-above")["description"]
