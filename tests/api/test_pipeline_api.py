"""The pipeline and the handover over the API: the same numbers and rules as the web."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def deals(world):
    f.deal(account=world.cn, name="储能项目", amount=Decimal("1200000"), currency="CNY", stage="evaluation")
    f.deal(account=world.en, name="Fleet", amount=Decimal("50000"), currency="USD", stage="evaluation")
    f.deal(account=world.other, name="Mallory deal", amount=Decimal("777"))


def test_the_pipeline_totals_equal_the_listed_deals(world, deals, owner_api):
    body = owner_api.get("/api/pipeline?owner=all").json()
    names = {d["name"] for d in body["deals"]}
    assert names == {"物联网平台", "储能项目", "Fleet"} and body["count"] == 3
    assert body["total"]["count"] == 3
    assert {k: Decimal(v) for k, v in body["total"]["amounts"].items()} == {
        "CNY": Decimal("1200000"),
        "USD": Decimal("50000"),
    }
    assert sum(t["count"] for t in body["totals"]) == 3
    deal = next(d for d in body["deals"] if d["id"] == world.cn_deal.pk)
    assert len(deal["trend"]) == 8 and deal["trend"][-1] == deal["health"]
    assert deal["quality"]["band"] == "red" and "decision_maker_not_met" in deal["quality"]["missing"]


def test_a_deals_amount_is_the_same_json_number_as_its_own_route_gives(world, deals, owner_api):
    """The pipeline gave "1200000.00", a string, where GET /api/deals/{id} gives 1200000.0: one field, two types."""
    listed = next(
        d for d in owner_api.get("/api/pipeline?owner=all").json()["deals"] if d["name"] == "储能项目"
    )
    own = owner_api.get(f"/api/deals/{listed['id']}").json()
    assert listed["amount"] == own["amount"] == 1200000
    assert type(listed["amount"]) is type(own["amount"]) is float


def test_a_manager_gets_his_reps_deals_by_default(world, deals, manager_api):
    body = manager_api.get("/api/pipeline").json()
    assert body["owner"] == "reps" and {d["owner"] for d in body["deals"]} == {"alice"}
    assert "Mallory deal" not in {d["name"] for d in body["deals"]}


def test_the_outsider_sees_only_his_own(world, deals, outsider_api):
    assert [d["name"] for d in outsider_api.get("/api/pipeline").json()["deals"]] == ["Mallory deal"]


def test_a_teammate_may_not_hand_the_account_over(world):
    api = _client_for(world.teammate)
    response = api.post("/api/accounts/guodian/handover", {"to": "bob", "note": "mine now"})
    assert response.status_code == 403
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


def test_the_owner_hands_over_with_a_note(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/handover", {"to": "bob", "note": "moving north"})
    assert response.status_code == 200 and response.json()["owner"] == "bob"
    bad = owner_api.post("/api/accounts/guodian/handover", {"to": "alice", "note": ""})
    assert bad.status_code == 422 and "note" in [e["field"] for e in bad.json()["errors"]]


def test_a_handover_with_the_version_read_before_another_change_is_a_409(world, owner_api):
    read = owner_api.get("/api/accounts/guodian").json()["version"]
    owner_api.patch("/api/accounts/guodian", {"industry": "Power", "version": read})
    stale = owner_api.post("/api/accounts/guodian/handover", {"to": "bob", "note": "moving", "version": read})
    assert stale.status_code == 409
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


def test_the_pipeline_pages_like_every_list_and_totals_stay_whole(world, deals, owner_api):
    # a tester's finding: limit and offset were ignored
    every = owner_api.get("/api/pipeline?owner=all&sort=deal").json()
    first = owner_api.get("/api/pipeline?owner=all&sort=deal&limit=2").json()
    rest = owner_api.get("/api/pipeline?owner=all&sort=deal&limit=2&offset=2").json()
    assert [d["name"] for d in first["deals"] + rest["deals"]] == [d["name"] for d in every["deals"]]
    assert len(first["deals"]) == 2 and len(rest["deals"]) == 1
    assert first["count"] == rest["count"] == 3 and first["total"] == every["total"]
    bad = owner_api.get("/api/pipeline?limit=0&offset=-1")
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"limit", "offset"}


def test_an_unknown_team_filter_is_refused_naming_team(world, deals, owner_api, outsider_api):
    # a tester's finding: team=nonexistent answered an empty list, as if the team had no deals
    assert owner_api.get("/api/pipeline?owner=all&team=east").json()["count"] == 3
    for api, team in [(owner_api, "nonexistent"), (outsider_api, "east")]:  # another's team: as unknown
        response = api.get(f"/api/pipeline?team={team}", headers={"Accept-Language": "en"})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "team", "message": "No such team among yours or those of the accounts you see."}
        ]


def test_the_pipeline_owner_filter_is_checked_as_the_team_filter_is(owner_api, world):
    """`/api/pipeline?owner=nosuchuser` answered 200 and an empty pipeline while a bad `team` was a 422 (API trial,
    sixth round): a misspelt owner is said too."""
    refused = owner_api.get("/api/pipeline?owner=nosuchuser")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "owner"
    for owner in ("alice", "all", "reps"):
        assert owner_api.get(f"/api/pipeline?owner={owner}").status_code == 200


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter a quarter as YYYY-Qn, e.g. 2027-Q1."),
        ("zh-hans", "请按“年份-Q季度”填写季度，如 2027-Q1。"),
    ],
)
def test_a_quarter_in_another_form_is_refused_saying_the_form(world, owner_api, language, message):
    """`?quarter=2027Q1` answered "Enter a valid value." without the form it wants (in the token user's language)."""
    from battlemap.users.models import Profile

    Profile.objects.update_or_create(user=world.owner, defaults={"language": language})
    response = owner_api.get("/api/pipeline?quarter=2027Q1")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "quarter", "message": message}]
