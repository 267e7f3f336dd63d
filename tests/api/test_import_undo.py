"""POST /accounts/{slug}/imports/{import_id}/undo: the owner undoes an import whole, an outsider gets 404,
anonymous 401, a refusal 409 naming the person changed since (docs/import.md#undo)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.io.mapformat import export_map
from battlemap.people.models import Person
from battlemap.people.services import person_update

pytestmark = pytest.mark.django_db

CSV = "姓名,职位,部门,上级\n张伟,采购经理,采购部,王建国\n刘洋,工程师,采购部,张伟\n李明,副总经理,,\n".encode()


def _headers(api) -> dict:
    return {"Authorization": f"Bearer {api.token}"} if api.token else {}


def _imported(api) -> str:
    body = {"file": SimpleUploadedFile("people.csv", CSV, content_type="text/csv"), "dry_run": "false"}
    response = api.client.post("/api/accounts/guodian/import", body, headers=_headers(api))
    assert response.status_code == 200, response.content
    return response.json()["import_id"]


def _undo(api, import_id: str, **headers):
    return api.client.post(
        f"/api/accounts/guodian/imports/{import_id}/undo", headers={**_headers(api), **headers}
    )


def test_the_owner_undoes_an_import_whole(world, owner_api):
    before = export_map(world.cn)
    import_id = _imported(owner_api)
    response = _undo(owner_api, import_id)
    assert response.status_code == 200, response.content
    assert response.json() == {
        "filename": "people.csv", "people_removed": 2, "people_restored": 1, "units_removed": 1,
        "roles_removed": 0, "roles_restored": 0,
    }  # fmt: skip
    assert export_map(world.cn) == before


def test_a_dry_run_has_no_import_id(world, owner_api):
    body = {"file": SimpleUploadedFile("people.csv", CSV, content_type="text/csv")}
    response = owner_api.client.post("/api/accounts/guodian/import", body, headers=_headers(owner_api))
    assert response.json()["import_id"] is None


def test_a_refusal_is_409_naming_the_person_in_both_languages(world, owner_api):
    import_id = _imported(owner_api)
    zhang = Person.objects.get(account=world.cn, name="张伟")
    person_update(person=zhang, version=zhang.version, title="采购总监")
    en = _undo(owner_api, import_id, **{"Accept-Language": "en"})
    assert (
        en.status_code == 409 and "张伟" in en.json()["detail"] and "cannot be undone" in en.json()["detail"]
    )
    zh = _undo(owner_api, import_id, **{"Accept-Language": "zh-hans"})
    assert zh.status_code == 409 and "张伟" in zh.json()["detail"] and "无法撤销" in zh.json()["detail"]
    assert Person.objects.get(pk=zhang.pk).title == "采购总监"


def test_an_outsider_gets_404_and_anonymous_401(world, owner_api, outsider_api, anon_api):
    import_id = _imported(owner_api)
    assert _undo(outsider_api, import_id).status_code == 404
    assert _undo(anon_api, import_id).status_code == 401
    assert Person.objects.filter(account=world.cn, name="张伟").exists()


def test_an_unknown_import_is_404(world, owner_api):
    assert _undo(owner_api, "20200101000000000000").status_code == 404
