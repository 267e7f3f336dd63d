"""A damaged or hostile workbook — its sheet's XML cut short, entities declared in a DTD ("billion laughs",
an external entity) — is bad input naming `file`, on the API (422) and in the web preview (400), never a
500: python-calamine raised its XmlError from the sheet, uncaught."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.trust import hostile

pytestmark = pytest.mark.django_db

CASES = {
    "truncated_xml.xlsx": (hostile.truncated_sheet, 'the XML of sheet "Sheet" is damaged or cut short'),
    "laughs.xlsx": (hostile.entity_expansion, "declares XML entities (a DTD)"),
    "xxe.xlsx": (hostile.external_entity, "declares XML entities (a DTD)"),
    "unused_dtd.xlsx": (hostile.unused_entity, "declares XML entities (a DTD)"),
    "random.xlsx": (lambda: bytes(range(256)) * 40, "it is not a zip archive"),
}


@pytest.mark.parametrize("name", CASES)
def test_the_api_answers_422_on_file_saying_why(world, owner_api, name):
    build, why = CASES[name]
    upload = SimpleUploadedFile(name, build())
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"}
    response = owner_api.client.post("/api/accounts/guodian/import", {"file": upload}, headers=headers)
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "file"
    assert (
        error["message"].startswith("The file is not a readable XLSX workbook: ") and why in error["message"]
    )
    assert not world.cn.people.filter(name="王五").exists()


@pytest.mark.parametrize("name", CASES)
def test_the_web_preview_refuses_it_saying_why(owner_client, world, name):
    build, why = CASES[name]
    upload = SimpleUploadedFile(name, build())
    response = owner_client.post("/accounts/guodian/io/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a readable XLSX workbook" in page and why.replace('"', "&quot;") in page


def test_the_reason_reads_in_chinese_too(world, owner_api):
    upload = SimpleUploadedFile("xxe.xlsx", hostile.external_entity())
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "zh-hans"}
    response = owner_api.client.post("/api/accounts/guodian/import", {"file": upload}, headers=headers)
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert "不是可读取的 XLSX 工作簿" in message and "DTD" in message
