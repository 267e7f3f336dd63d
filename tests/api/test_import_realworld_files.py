"""The import API reports what the preview shows for real files (tests/fixtures/realworld_own): the rows
of a mixed-encoding CSV read in the legacy encoding, the empty sheets passed over."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

OWN = Path(__file__).resolve().parent.parent / "fixtures" / "realworld_own"


def test_the_api_dry_run_names_the_rows_read_in_gbk_and_the_empty_sheets(world, owner_api):
    headers = {"Authorization": f"Bearer {owner_api.token}"}
    for name, key, value in (
        ("m1_mixed_utf8_gbk.csv", "legacy_rows", [3, 4]),
        ("m8_empty_first_sheet.xlsx", "empty_sheets", ["Sheet1"]),
    ):
        body = {"file": SimpleUploadedFile(name, (OWN / name).read_bytes())}
        response = owner_api.client.post(f"/api/accounts/{world.cn.slug}/import", body, headers=headers)
        assert response.status_code == 200, response.content
        assert response.json()[key] == value


def test_the_api_gives_the_warnings_by_row(world, owner_api):
    from battlemap.accounts.models import OrgUnit
    from tests import factories as f

    f.person(
        account=world.cn, name="马骁", org_unit=OrgUnit.objects.create(account=world.cn, name="战略投资部")
    )
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"}
    data = "姓名,部门\n马骁,数字化部\n".encode()
    body = {"file": SimpleUploadedFile("people.csv", data), "dry_run": "true"}
    response = owner_api.client.post(f"/api/accounts/{world.cn.slug}/import", body, headers=headers)
    assert response.status_code == 200, response.content
    assert response.json()["warnings"][0].startswith("row 2, Name: a person of this name already exists")
