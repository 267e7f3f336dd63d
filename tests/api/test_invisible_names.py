"""A zero-width space or joiner pasted inside a name is removed when the name is stored, so "张\u200d伟" was saved
as a second 张伟 beside the first while "张 伟" was refused: the duplicate check reads the name as it will be
stored, on the web and in the API (API trial, sixth round)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


# a control character at either end (a spreadsheet's paste) is dropped on storing too: "Laura Chen\x07" was stored
# as a second Laura Chen (a reviewer's trial)
@pytest.mark.parametrize(
    "typed", ["张\u200d伟", "张\u200b伟", "\ufeff张伟", "张\u2060伟", "张伟\x07", "\x01张伟", "张伟\x7f"]
)
def test_an_invisible_character_in_the_name_is_no_other_person(owner_client, world, owner_api, typed):
    f.person(account=world.cn, name="张伟")
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]), {"name": typed, "status": "active"}
    )
    assert response.status_code == 422
    api = owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": typed})
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == "name"
    assert Person.objects.filter(account=world.cn, name="张伟").count() == 1


def test_an_external_id_is_one_person_s_on_an_account(owner_api, world):
    """Two people with the CRM id SF-1 were both accepted, and re-importing the CRM's file then updated one of
    them at random (API trial, sixth round): the second is refused naming `external_id` and who has it."""
    url = f"/api/accounts/{world.cn.slug}/people"
    first = owner_api.post(url, {"name": "L7", "external_id": "SF-1"})
    assert first.status_code == 201
    second = owner_api.post(url, {"name": "L8", "external_id": "SF-1"})
    assert second.status_code == 422
    [error] = second.json()["errors"]
    assert error["field"] == "external_id" and "L7" in error["message"]
    other = owner_api.post(url, {"name": "L8", "external_id": "SF-2"}).json()
    moved = owner_api.patch(
        f"/api/people/{other['id']}", {"external_id": "SF-1", "version": other["version"]}
    )
    assert moved.status_code == 422
    # another account's record may carry the same CRM id
    assert (
        owner_api.post(
            f"/api/accounts/{world.en.slug}/people", {"name": "L9", "external_id": "SF-1"}
        ).status_code
        == 201
    )


def test_a_rename_to_another_person_s_name_is_asked_as_a_new_person_is(owner_api, owner_client, world):
    """A PATCH or PUT renamed 王小芳 to 张伟 while 张伟 was on the map, and 张伟 stood twice in the deal room's
    pickers (fresh review, sixth round): refused naming `name` unless `another_person`, on the web too."""
    f.person(account=world.cn, name="张伟")
    wang = owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": "王小芳"}).json()
    for typed in ("张伟", "张\u200b伟"):
        refused = owner_api.patch(f"/api/people/{wang['id']}", {"name": typed, "version": wang["version"]})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "name"
    put = owner_api.put(f"/api/people/{wang['id']}", {**wang, "name": "张伟"})
    assert put.status_code == 422 and [e["field"] for e in put.json()["errors"]] == ["name"]
    response = owner_client.post(
        reverse("person", args=[world.cn.slug, wang["id"]]),
        {"name": "张伟", "status": "active", "version": wang["version"]},
    )
    assert response.status_code == 422 and 'id="already-on-map"' in response.content.decode()
    assert Person.objects.filter(account=world.cn, name="张伟").count() == 1
    # keeping one's own name, however spelt, is no question; saying it is another person is heard
    same = owner_api.patch(f"/api/people/{wang['id']}", {"name": "王 小芳", "version": wang["version"]})
    assert same.status_code == 200
    other = owner_api.patch(
        f"/api/people/{wang['id']}",
        {"name": "张伟", "another_person": True, "version": same.json()["version"]},
    )
    assert other.status_code == 200 and Person.objects.filter(account=world.cn, name="张伟").count() == 2


def test_an_external_id_is_compared_as_the_import_matches_ids(owner_api, world):
    """ "SF\u200b-001" beside "SF-001", and a Salesforce id's 18-character form beside its 15 (one id to the import),
    were two ids (fresh review, sixth round)."""
    url = f"/api/accounts/{world.cn.slug}/people"
    assert owner_api.post(url, {"name": "L1", "external_id": "SF-001"}).status_code == 201
    assert owner_api.post(url, {"name": "L2", "external_id": "SF\u200b-001"}).status_code == 422
    assert owner_api.post(url, {"name": "L3", "external_id": "003A000001AbCdE"}).status_code == 201
    eighteen = owner_api.post(url, {"name": "L4", "external_id": "003A000001AbCdEIAV"})
    assert eighteen.status_code == 422 and eighteen.json()["errors"][0]["field"] == "external_id"
