"""A multipart upload with a field the route does not take was answered as if it were not there: `dry-run=false`
(a hyphen for the underscore) ran a dry run and said 200, `deals=12` imported the people and dropped their
buying roles (API trial, sixth round). Such a field is refused naming it, as in every JSON body; so is a
parameter in the address the upload does not take (`?dry_run=true` ran the import for real)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db

CSV = "姓名,职位\n赵六,采购经理\n".encode()


@pytest.mark.parametrize("field, value", [("dry-run", "false"), ("deals", "12"), ("encodng", "gbk")])
def test_an_unknown_field_of_the_people_import_is_refused_naming_it(owner_api, world, field, value):
    response = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/import",
        {"file": SimpleUploadedFile("p.csv", CSV), "dry_run": "false", field: value},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not Person.objects.filter(name="赵六").exists()


@pytest.mark.parametrize("route", ["mail/ingest", "mail/ingests"])
def test_an_unknown_field_of_a_mail_upload_is_refused_naming_it(owner_api, world, route):
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    response = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/{route}",
        {"files": SimpleUploadedFile("c.ics", calendar), "our_domain": "ours.example"},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["our_domain"]


@pytest.mark.parametrize("query", ["dry_run=true", "dryrun=1", "lang=en&deal=3"])
def test_a_parameter_in_the_address_the_upload_does_not_take_is_refused_naming_it(owner_api, world, query):
    response = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/import?{query}",
        {"file": SimpleUploadedFile("p.csv", CSV), "dry_run": "false"},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 422, response.content
    named = [e["field"] for e in response.json()["errors"]]
    assert named == [p.split("=")[0] for p in query.split("&") if not p.startswith("lang=")]
    assert not Person.objects.filter(name="赵六").exists()


@pytest.mark.parametrize("route", ["mail/ingest", "mail/ingests"])
def test_a_mail_upload_takes_no_parameter_in_the_address(owner_api, world, route):
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    response = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/{route}?dry_run=false",
        {"files": SimpleUploadedFile("c.ics", calendar)},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["dry_run"]


def test_the_known_fields_still_work(owner_api, world):
    response = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/import?lang=en",
        {"file": SimpleUploadedFile("p.csv", CSV), "dry_run": "false", "lang": "en"},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 200, response.content
    assert Person.objects.filter(name="赵六").exists()
