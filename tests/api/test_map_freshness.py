"""The map and analysis answers (and the web's analysis cache) follow every change to what they read."""

from __future__ import annotations

import datetime as dt
import re

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from battlemap.competition.services import competitor_note_set
from battlemap.io.mapformat import export_map
from battlemap.maps import account_analysis
from battlemap.maps.cache import fingerprinted_models
from battlemap.process.services import body_create, body_role_create, body_update, step_create

# What the map names without being part of it: a user by their username (coverage, action owners, our
# participants). A renamed user is not a change of the map's fingerprint.
NOT_THE_MAP = {"auth_user"}
_TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def _tables_read(run) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        run()
    return {t for q in queries.captured_queries for t in _TABLE.findall(q["sql"])}


def test_every_model_the_map_and_its_analysis_read_is_in_the_fingerprint(world, objs):
    body = body_create(account=world.cn, name="党委会", kind="party_committee", members=[world.cn_boss])
    body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    step_create(deal=world.cn_deal, kind="budget", status="planned", people=[world.cn_boss])
    competitor_note_set(deal=world.cn_deal, name="华为云", version=0, strengths="渠道")
    cache.clear()
    tables = _tables_read(lambda: export_map(world.cn))
    tables |= _tables_read(lambda: account_analysis(account=world.cn, lang="zh"))
    by_table = {m._meta.db_table: m for m in apps.get_models()}
    models = fingerprinted_models()
    # the history tables are read for the fingerprints themselves
    fingerprinted = {m._meta.db_table for m in models} | {m.history.model._meta.db_table for m in models}
    missing = sorted(t for t in tables if t in by_table and t not in fingerprinted | NOT_THE_MAP)
    assert missing == []
    assert {"competition_competitornote", "process_bodyrole", "process_processstep"} <= tables


def _changed(owner_api, path: str, etag: str) -> bool:
    response = owner_api.get(path, headers={"If-None-Match": etag})
    return response.status_code == 200 and response["ETag"] != etag


def test_edits_to_bodies_steps_and_competitor_notes_are_seen_at_once(world, objs, owner_api):
    body = body_create(account=world.cn, name="党委会", kind="party_committee", members=[world.cn_boss])
    role = body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    note = competitor_note_set(deal=world.cn_deal, name="华为云", version=0, strengths="渠道")
    path = "/api/accounts/guodian/map"

    etag = owner_api.get(path)["ETag"]
    body_update(body=body, version=body.version, name="集团党委会")
    assert _changed(owner_api, path, etag)
    assert owner_api.get(path).json()["decision_bodies"][0]["name"] == "集团党委会"

    etag = owner_api.get(path)["ETag"]
    role.refresh_from_db()
    from battlemap.process.services import body_role_update

    body_role_update(role=role, version=role.version, note="拍板")
    assert _changed(owner_api, path, etag)

    etag = owner_api.get(path)["ETag"]
    competitor_note_set(deal=world.cn_deal, name="华为云", version=note.version, strengths="价格低")
    assert _changed(owner_api, path, etag)
    notes = owner_api.get(path).json()["deals"][0]["competition"]
    assert notes[0]["strengths"] == "价格低"


def test_the_analysis_etag_names_the_day_in_every_language(world, owner_api, monkeypatch):
    from battlemap.accounts import api_map

    path = "/api/accounts/guodian/analysis?lang=zh"
    today = owner_api.get(path)["ETag"]
    assert owner_api.get(path, headers={"If-None-Match": today}).status_code == 304
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr(api_map.timezone, "localdate", lambda *a: tomorrow)
    # a new day is a new analysis (stale relationships, freshness): not a 304
    response = owner_api.get(path, headers={"If-None-Match": today})
    assert response.status_code == 200 and response["ETag"] != today


def test_a_result_cached_by_other_code_is_not_read_after_an_upgrade(world, monkeypatch):
    # a health breakdown cached before `shown` points existed showed blanks after the upgrade: the database
    # cache outlives a restart, so the cached results are keyed by the code that made them
    from battlemap.maps import analysis as maps_analysis
    from battlemap.maps import cache as maps_cache

    cache.clear()
    before = account_analysis(account=world.cn, lang="en")
    real = maps_analysis.engine.analysis_json
    monkeypatch.setattr(maps_analysis.engine, "analysis_json", lambda *a, **k: {**real(*a, **k), "new": 1})
    assert "new" not in account_analysis(account=world.cn, lang="en")  # same code: the cached result
    monkeypatch.setattr(maps_cache, "code_stamp", lambda: "upgraded")
    after = account_analysis(account=world.cn, lang="en")
    assert after["new"] == 1 and after["deals"] == before["deals"]
