"""A decision body and an outside factor are kept once on their account: a second one of the same name (a body) or
description (a factor) is refused, naming the first by its id, on the API and on the web alike (an integrator's
trial: a nightly CRM sync that posted 采购委员会 and 信创政策 again made a second of each every night; the bodies page
then listed two 采购委员会 and the circle drew 信创政策 twice)."""

from __future__ import annotations

import re

import pytest

from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_load
from battlemap.process.models import DecisionBody
from tests import factories as f

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def _refused(response, field: str, first_id: int) -> None:
    assert response.status_code == 422, response.content
    (error,) = response.json()["errors"]
    assert error["field"] == field and f"(id {first_id})" in error["message"], error


def test_posting_a_body_again_names_the_first_and_adds_nothing(world, owner_api):
    first = owner_api.post("/api/accounts/guodian/decision-bodies", {"name": "采购委员会"})
    assert first.status_code == 201
    for again in ("采购委员会", " 采购 委员会 "):  # as names match everywhere (io.matching.match_name)
        response = owner_api.post("/api/accounts/guodian/decision-bodies", {"name": again}, headers=EN)
        _refused(response, "name", first.json()["id"])
    assert list(world.cn.decision_bodies.values_list("name", flat=True)) == ["采购委员会"]
    other = owner_api.post("/api/accounts/guodian/decision-bodies", {"name": "党委会"}).json()
    renamed = owner_api.patch(
        f"/api/decision-bodies/{other['id']}", {"name": "采购委员会", "version": 1}, headers=EN
    )
    _refused(renamed, "name", first.json()["id"])
    as_read = owner_api.get(
        f"/api/decision-bodies/{other['id']}"
    ).json()  # GET, then PUT it back: no namesake
    assert owner_api.put(f"/api/decision-bodies/{other['id']}", as_read).status_code == 200


def test_posting_a_factor_again_names_the_first_and_adds_nothing(world, owner_api):
    url = "/api/accounts/guodian/external-factors"
    first = owner_api.post(url, {"kind": "policy", "description": "信创政策", "effect": 1})
    assert first.status_code == 201
    for kind in ("policy", "market_trend"):  # its description identifies it, whatever its kind
        response = owner_api.post(url, {"kind": kind, "description": "信创政策 ", "effect": 1}, headers=EN)
        _refused(response, "description", first.json()["id"])
    assert list(world.cn.external_factors.values_list("description", flat=True)) == ["信创政策"]
    f.factor(account=world.en, description="信创政策")  # another account's is no namesake
    as_read = owner_api.get(f"/api/external-factors/{first.json()['id']}").json()
    assert (
        owner_api.put(f"/api/external-factors/{as_read['id']}", {**as_read, "effect": 2}).status_code == 200
    )


def test_the_web_refuses_the_same_duplicates(world, owner_client):
    f.factor(account=world.cn, kind="policy", description="信创政策")
    body = DecisionBody.objects.create(account=world.cn, name="采购委员会")
    added = owner_client.post(
        "/accounts/guodian/bodies/new/",
        {"name": "采购委员会", "kind": "other_body", "decision_rule": "majority"},
    )
    assert added.status_code == 422 and f"id {body.pk}" in added.content.decode()
    factor = owner_client.post(
        "/accounts/guodian/factors/add/", {"kind": "policy", "description": "信创政策", "effect": "1"}
    )
    assert factor.status_code == 422
    assert world.cn.decision_bodies.count() == 1 and world.cn.external_factors.count() == 1


def test_two_stored_before_the_rule_can_each_be_saved_and_a_map_file_keeps_both(world, owner_api):
    twins = [f.factor(account=world.cn, kind="policy", description="信创政策") for _ in range(2)]
    for _ in range(2):
        DecisionBody.objects.create(account=world.cn, name="采购委员会")
    for twin in twins:
        as_read = owner_api.get(f"/api/external-factors/{twin.pk}").json()
        assert owner_api.put(f"/api/external-factors/{twin.pk}", as_read).status_code == 200
    loaded = map_load(data=export_map(world.cn), owner=world.owner, slug="guodian-copy").account
    assert loaded.external_factors.filter(description="信创政策").count() == 2
    assert loaded.decision_bodies.filter(name="采购委员会").count() == 2


def test_a_long_namesake_is_quoted_by_its_start_and_its_id(world, owner_api, owner_client):
    # an outside factor's description runs to paragraphs: the 422 quoted all 600 characters of the first
    long = "客户内部预算冻结：" + "财务部要求所有新项目重新审批，" * 40
    first = f.factor(account=world.cn, kind="policy", description=long)
    response = owner_api.post(
        "/api/accounts/guodian/external-factors", {"kind": "policy", "description": long}, headers=EN
    )
    _refused(response, "description", first.pk)
    (error,) = response.json()["errors"]
    quoted = "客户内部预算冻结：财务部要求所有新项目重新审批，财务部要求所有新项目重新审批，…"
    assert error["message"].startswith(
        f"{quoted} (id {first.pk}) is an outside factor of this account already"
    )
    assert len(error["message"]) < 160
    page = owner_client.post(
        "/accounts/guodian/factors/add/", {"kind": "policy", "description": long, "effect": "1"}
    )
    assert page.status_code == 422
    (said,) = re.findall(r'id="id_description_error"><li>(.*?)</li>', page.content.decode())
    assert (
        said == f"本客户已有这一外部因素：{quoted}（id {first.pk}）。请修改那一条，或换一种说法描述这一条。"
    )
