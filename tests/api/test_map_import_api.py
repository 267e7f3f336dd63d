"""A CRM integrator moves an account through the API alone: `GET /api/accounts/{slug}/map` exports it and
`POST /api/maps` loads the file as a new account of theirs — the web's *Import a map*: the same checks
(accounts.map_file, each refusal naming `file`, `slug` or `team` before anything is queued), the same job
(io.mapformat.jobs, run here on the database queue by the worker's own code, tests/ops/test_jobs.py), the one
loader. The job is its sender's alone; a read-only token may not start one."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

from battlemap.accounts.models import Account
from battlemap.audit.models import AuditEntry
from battlemap.deals.models import Coverage
from battlemap.users.services import token_create
from tests import factories as f
from tests.api.conftest import Api, _client_for
from tests.ops.test_jobs import DB_QUEUE, _run_queued

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def _headers(api) -> dict:
    return {**EN, **({"Authorization": f"Bearer {api.token}"} if api.token else {})}


def _send(api, data: bytes, **form):
    return api.client.post(
        "/api/maps", {"file": SimpleUploadedFile("map.json", data), **form}, headers=_headers(api)
    )


def _poll(api, url: str):
    return api.client.get(url, headers=_headers(api))


def _exported(api, slug: str) -> dict:
    response = api.get(f"/api/accounts/{slug}/map")
    assert response.status_code == 200, response.content
    return response.json()


def _id_pairs(original, copy, pairs: set) -> set:
    """(original id, copy id) of every item of the map, walking both exports side by side."""
    if isinstance(original, dict) and isinstance(copy, dict):
        if "id" in original and "id" in copy:
            pairs.add((original["id"], copy["id"]))
        for key in original.keys() & copy.keys():
            _id_pairs(original[key], copy[key], pairs)
    elif isinstance(original, list) and isinstance(copy, list):
        for a, b in zip(original, copy, strict=False):
            _id_pairs(a, b, pairs)
    return pairs


def _ids_aside(original, copy, pairs: set, where: str = "") -> list[str]:
    """Where the two exports differ, but for the ids of their items (and references to them, renumbered):
    what a user reads — names, titles, roles, attitudes, who reports to whom — must be the same."""
    if isinstance(original, dict) and isinstance(copy, dict):
        if original.keys() != copy.keys():
            return [f"{where}: keys {sorted(original.keys() ^ copy.keys())}"]
        return [d for key in original for d in _ids_aside(original[key], copy[key], pairs, f"{where}.{key}")]
    if isinstance(original, list) and isinstance(copy, list):
        if len(original) != len(copy):
            return [f"{where}: {len(original)} items, then {len(copy)}"]
        return [
            d
            for i, (a, b) in enumerate(zip(original, copy, strict=True))
            for d in _ids_aside(a, b, pairs, f"{where}.{i}")
        ]
    same = original == copy or (isinstance(original, int) and (original, copy) in pairs)
    return [] if same else [f"{where}: {original!r}, then {copy!r}"]


def test_the_owner_exports_a_map_and_loads_it_back_as_a_new_account(world, owner_api):
    original = _exported(owner_api, "guodian")
    with override_settings(TASKS=DB_QUEUE):
        started = _send(owner_api, json.dumps(original, ensure_ascii=False).encode(), slug="guodian-copy")
        assert started.status_code == 202, started.content
        job = started.json()
        assert job["status"] == "queued" and job["account"] is None
        assert job["status_url"] == f"/api/maps/imports/{job['id']}"
        assert started["Location"] == f"http://testserver{job['status_url']}"
        waiting = _poll(owner_api, job["status_url"]).json()
        assert waiting["status"] == "queued" and "No background worker is running" in waiting["notice"]
        assert not Account.all_objects.filter(slug="guodian-copy").exists()
        _run_queued()
        done = _poll(owner_api, job["status_url"]).json()
    assert done["status"] == "done" and done["done"] == done["total"] > 1
    assert (done["account"], done["account_url"]) == ("guodian-copy", "/api/accounts/guodian-copy")
    assert done["left_out"] is None and done["problems"] == []
    copy = Account.objects.get(slug="guodian-copy")
    assert (
        copy.owner == world.owner and copy.team == world.team
    )  # no team sent: her only team, as POST /accounts
    again = _exported(owner_api, "guodian-copy")
    assert again["account"].pop("slug") == "guodian-copy"
    original["account"].pop("slug")
    assert _ids_aside(original, again, _id_pairs(original, again, set())) == []
    (entry,) = AuditEntry.objects.filter(account=copy, action="import")
    assert (entry.actor, entry.what, entry.via) == (world.owner, "map_file", "api")


def test_what_of_the_map_is_left_out_is_said_in_the_asked_language(world, owner_api):
    Coverage.objects.create(stakeholder=world.cn_deal.roles.get(person=world.cn_boss), user=world.teammate)
    data = json.dumps(_exported(owner_api, "guodian")).encode()
    job = _send(owner_api, data, slug="mine-alone", team="").json()  # empty: no team, so bob may not see it
    assert Account.objects.get(slug="mine-alone").team is None
    english = _poll(owner_api, f"{job['status_url']}?lang=en").json()["left_out"]
    chinese = _poll(owner_api, f"{job['status_url']}?lang=zh").json()["left_out"]
    assert english.startswith("Not kept from the map") and "bob" in english
    assert "bob" in chinese and chinese != english
    assert not Coverage.objects.filter(stakeholder__deal__account__slug="mine-alone").exists()


def test_a_map_failing_in_the_worker_fails_its_job_saying_why_and_writes_nothing(world, owner_api):
    data = _exported(owner_api, "guodian")
    data["people"][1]["reports_to"] = 99  # found only by the loader
    job = _send(owner_api, json.dumps(data).encode(), slug="broken").json()
    failed = _poll(owner_api, job["status_url"]).json()
    assert failed["status"] == "failed" and failed["account"] is None
    named = data["people"][1]["id"]  # the map's own id of the person (the database's: another on PostgreSQL)
    assert f"people {named}.reports_to: no person with id 99" in failed["problems"][0]
    assert not Account.all_objects.filter(slug="broken").exists()


def test_only_the_sender_reads_the_job(world, owner_api, outsider_api, manager_api, client):
    url = _send(owner_api, json.dumps(_exported(owner_api, "guodian")).encode(), slug="copy").json()[
        "status_url"
    ]
    teammate = _client_for(world.teammate)
    for other in (outsider_api, manager_api, teammate):
        refused = _poll(other, url)
        assert refused.status_code == 404 and refused.json()["errors"] == []
    assert _poll(owner_api, "/api/maps/imports/0123abcd").status_code == 404
    assert _poll(owner_api, "/api/maps/imports/..%2Fx").status_code == 404
    assert _poll(owner_api, url).json()["status"] == "done"


def test_a_read_only_token_is_refused_and_anonymous_gets_401(world, owner_api, anon_api, client):
    data = json.dumps(_exported(owner_api, "guodian")).encode()
    bi = Api(client, token_create(user=world.owner, name="BI", read_only=True).secret)
    refused = _send(bi, data, slug="by-bi")
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    anonymous = _send(anon_api, data, slug="by-nobody")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Bearer")
    url = _send(owner_api, data, slug="copy").json()["status_url"]
    assert _poll(anon_api, url).status_code == 401
    assert not Account.all_objects.filter(slug__in=["by-bi", "by-nobody"]).exists()


MAP_PEOPLE_BOUND = {"MAP_IMPORT_MAX_PEOPLE": 1}
BAD_INPUT = [  # (case, bytes of the file or None for the exported map, form, settings, field, words of the refusal)
    ("not json", b"\xff\xfe not json", {}, {}, "file", "JSON"),
    ("another version", b'{"format_version": 99}', {}, {}, "file", "format_version"),
    ("past a limit", None, {"slug": "fresh"}, MAP_PEOPLE_BOUND, "file", "MAP_IMPORT_MAX_PEOPLE"),
    ("past the upload limit", None, {"slug": "fresh"}, {"UPLOAD_MAX_BYTES": 100}, "file", "UPLOAD_MAX_MB"),
    ("the file's slug taken", None, {}, {}, "slug", "guodian"),
    ("a slug taken", None, {"slug": "northwind"}, {}, "slug", "northwind"),
    ("a bad slug", None, {"slug": "bad slug!"}, {}, "slug", ""),
    ("a team not hers", None, {"slug": "fresh", "team": "TEAM"}, {}, "team", "Not one of your teams"),
    ("no such team", None, {"slug": "fresh", "team": "999999"}, {}, "team", "Not one of your teams"),
    ("an unknown field", None, {"as": "fresh"}, {}, "as", ""),
]


@pytest.mark.parametrize("case, raw, form, bounds, field, words", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_naming_the_field_before_anything_is_queued(
    world, owner_api, case, raw, form, bounds, field, words
):
    data = raw if raw is not None else json.dumps(_exported(owner_api, "guodian")).encode()
    if form.get("team") == "TEAM":
        form = {**form, "team": str(f.team("west").pk)}  # a team alice is not on
    with override_settings(TASKS=DB_QUEUE, **bounds):
        refused = _send(owner_api, data, **form)
    assert refused.status_code == 422, refused.content
    (error,) = refused.json()["errors"]
    assert error["field"] == field and words in error["message"]
    assert not DBTaskResult.objects.exists()  # nothing queued
    assert Account.all_objects.count() == 3  # the world's
