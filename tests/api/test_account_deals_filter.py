"""An account's deals are the path's account's: `/api/accounts/{slug}/deals` takes no `account` filter (an
integrator's trial: `?account=` another slug answered 200 with no deals, as if the account had none;
`/api/deals?account=` is the filter across accounts)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_account_filter_on_an_accounts_deals_is_refused_by_name(world, owner_api):
    response = owner_api.get(
        "/api/accounts/guodian/deals?account=northwind", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["account"]
    listed = owner_api.get("/api/accounts/guodian/deals?status=open").json()
    assert [d["name"] for d in listed["items"]] == ["物联网平台"]


def test_the_filter_across_accounts_still_takes_an_account(world, owner_api):
    listed = owner_api.get("/api/deals?account=guodian").json()
    assert [d["name"] for d in listed["items"]] == ["物联网平台"]
    assert owner_api.get("/api/deals?account=northwind").json()["count"] == 0
