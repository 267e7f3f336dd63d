"""What the API does within a request is bounded: an export of an account past EXPORT_IN_REQUEST_MAX_PEOPLE
(or _INTERACTIONS) is refused before anything is drawn, naming the limit and the route that does it in a
worker; under the bounds the answer is the file, as before. The bounds are set small here, so the tests stay
fast."""

from __future__ import annotations

import pytest

from battlemap.audit.models import AuditEntry
from battlemap.io import api as io_api
from battlemap.io.export import CONTENT_TYPES, FORMATS
from tests import factories as f

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def _never(*args, **kwargs):
    pytest.fail("nothing may be drawn or read past the bound")


# --- exports ------------------------------------------------------------------------------------------


def test_an_export_past_the_bound_names_the_limit_and_the_worker_route_and_draws_nothing(
    world, owner_api, settings, monkeypatch
):
    people = world.cn.people.count()
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = people - 1
    monkeypatch.setattr(io_api, "export_account", _never)
    for fmt in FORMATS:
        response = owner_api.get(f"/api/accounts/guodian/export/{fmt}", headers=EN)
        assert response.status_code == 422, (fmt, response.content)
        assert response["Content-Type"].startswith("application/json")
        detail = response.json()["detail"]
        assert f"has {people} people, more than the {people - 1}" in detail
        assert "EXPORT_IN_REQUEST_MAX_PEOPLE" in detail
        assert "POST /api/accounts/guodian/exports" in detail
    assert not AuditEntry.objects.filter(account=world.cn, action="export").exists()  # nothing was exported


def test_an_export_past_the_interactions_bound_is_refused_too(world, owner_api, settings, monkeypatch):
    f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal)
    f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal)
    settings.EXPORT_IN_REQUEST_MAX_INTERACTIONS = 1
    monkeypatch.setattr(io_api, "export_account", _never)
    response = owner_api.get("/api/accounts/guodian/export/pdf", headers=EN)
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert "has 2 interactions, more than the 1" in detail and "EXPORT_IN_REQUEST_MAX_INTERACTIONS" in detail
    assert "POST /api/accounts/guodian/exports" in detail
    monkeypatch.undo()
    settings.EXPORT_IN_REQUEST_MAX_INTERACTIONS = 2
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 200


def test_over_the_bound_the_worker_route_gives_the_file(world, owner_api, settings):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = 1
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 422
    started = owner_api.post("/api/accounts/guodian/exports", {"format": "json"})
    assert started.status_code == 202, started.content
    # the tests' tasks run inside the request (django-tasks' immediate backend): done at once
    state = owner_api.get(f"/api/accounts/guodian/exports/{started.json()['id']}").json()
    assert state["status"] == "done"
    response = owner_api.get(state["file_url"])
    assert response.status_code == 200 and "王建国" in response.content.decode()


def test_an_export_at_the_bound_still_comes_within_the_request(world, owner_api, settings):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = world.cn.people.count()
    for fmt in ("json", "xlsx"):
        response = owner_api.get(f"/api/accounts/guodian/export/{fmt}")
        assert response.status_code == 200, (fmt, response.content)
        assert response["Content-Type"] == CONTENT_TYPES[fmt]
        assert "attachment" in response["Content-Disposition"]


def test_the_bound_counts_only_the_account_asked_for_and_outsiders_still_get_404(
    world, owner_api, outsider_api, anon_api, settings
):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = 1
    assert outsider_api.get("/api/accounts/guodian/export/pdf").status_code == 404  # the gate first
    assert anon_api.get("/api/accounts/guodian/export/pdf").status_code == 401
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = max(world.cn.people.count(), world.en.people.count())
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 200
