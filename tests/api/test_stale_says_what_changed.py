"""A stale update's 409 names the edits made since the version sent: who, when, each field old → new, in
`detail` (the web's words, in the asked language) and field by field in `changed`."""

from __future__ import annotations

import pytest

from battlemap.people.models import Person

from .conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "bob changed title: 信息中心主任 → CIO at "), ("zh-hans", "bob 于 ")],
)
def test_a_stale_patch_says_who_changed_what_and_when(owner_api, world, lang, said):
    li = Person.objects.get(name="李明")
    seen = li.version
    bob = _client_for(world.teammate)
    assert bob.patch(f"/api/people/{li.pk}", {"title": "CIO", "version": seen}).status_code == 200
    answer = owner_api.patch(
        f"/api/people/{li.pk}", {"title": "主任助理", "version": seen}, headers={"Accept-Language": lang}
    )
    assert answer.status_code == 409
    body = answer.json()
    assert said in body["detail"]
    if lang == "zh-hans":
        assert "修改了职务：信息中心主任 → CIO。" in body["detail"]
    assert body["errors"][0]["field"] == "version"
    [edit] = body["changed"]
    assert edit["by"] == "bob"
    assert edit["at"].startswith(str(Person.history.filter(id=li.pk).latest().history_date.date()))
    assert edit["fields"] == [
        {"field": "title", "label": "title" if lang == "en" else "职务", "old": "信息中心主任", "new": "CIO"}
    ]
    assert Person.objects.get(pk=li.pk).title == "CIO"


def test_the_outsider_still_gets_404_not_the_edits(outsider_api, world):
    li = Person.objects.get(name="李明")
    seen = li.version
    assert (
        _client_for(world.teammate)
        .patch(f"/api/people/{li.pk}", {"title": "CIO", "version": seen})
        .status_code
        == 200
    )
    answer = outsider_api.patch(f"/api/people/{li.pk}", {"title": "x", "version": seen})
    assert answer.status_code == 404 and "changed" not in answer.json()


def test_the_409_names_who_by_username_as_the_api_names_users(owner_api, world):
    """`changed[].by` is the username (as the 410's `deleted.by`): a script matches it to a user, and two
    colleagues of one display name stay apart. `detail` says the name the pages show."""
    world.teammate.first_name, world.teammate.last_name = "Bob", "Li"
    world.teammate.save()
    li = Person.objects.get(name="李明")
    seen = li.version
    bob = _client_for(world.teammate)
    assert bob.patch(f"/api/people/{li.pk}", {"title": "CIO", "version": seen}).status_code == 200
    body = owner_api.patch(f"/api/people/{li.pk}", {"title": "x", "version": seen}).json()
    assert [edit["by"] for edit in body["changed"]] == ["bob"]
    assert "Bob Li" in body["detail"] or "Li Bob" in body["detail"]
