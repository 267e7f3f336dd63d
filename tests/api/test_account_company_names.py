"""The API reads and writes the names an account is also written as (`company_names`, as the web's "Also written
as"): one company once, a name too long refused naming the field."""

from __future__ import annotations

import pytest

from battlemap.accounts.models import Account

pytestmark = pytest.mark.django_db


def _names(account) -> list[str]:
    return Account.objects.get(pk=account.pk).company_names


def test_the_api_reads_and_writes_the_names(world, owner_api):
    body = owner_api.get(f"/api/accounts/{world.cn.slug}").json()
    assert body["company_names"] == []
    patched = owner_api.patch(
        f"/api/accounts/{world.cn.slug}",
        {"company_names": ["华东能投", " 华东能投 "], "version": body["version"]},
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["company_names"] == ["华东能投"] == _names(world.cn)
    refused = owner_api.patch(
        f"/api/accounts/{world.cn.slug}",
        {"company_names": ["华" * 201], "version": patched.json()["version"]},
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"].startswith("company_names")
