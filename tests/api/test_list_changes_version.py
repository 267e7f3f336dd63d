"""A list of people kept in rows of their own — a decision body's members, a process step's people responsible, an
interaction's participants, a person's dotted-line managers — is part of its record: changing only the list moves the
record's version and updated_at on once, a client holding the old version gets the 409 any stale edit gets, and
`updated_since` lists the record (a stale save had silently undone a colleague's new member: a reviewer's trial)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from battlemap.accounts.timeline import timeline
from battlemap.people.models import Person
from battlemap.people.services import person_update
from battlemap.process import services as process
from battlemap.process.models import DecisionBody
from tests import factories as f

from .conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world) -> list[Person]:
    return [
        world.cn_boss,
        Person.objects.get(account=world.cn, name="李明"),
        f.person(account=world.cn, name="赵静"),
    ]


def _list_only_edit_moves_the_version(
    api, path: str, field: str, first: list[int], second: list[int]
) -> None:
    read = api.get(path).json()
    saved = api.patch(path, {field: first, "version": read["version"]})
    assert saved.status_code == 200, saved.json()
    assert saved.json()["version"] == read["version"] + 1  # once, for the list
    assert saved.json()["updated_at"] > read["updated_at"]
    stale = api.patch(path, {field: second, "version": read["version"]}, headers={"Accept-Language": "en"})
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("This record was changed while you were editing it")
    assert "bob saved it at" in stale.json()["detail"]  # the edit it did not see, though no field changed
    assert api.get(path).json()[field] == sorted(first)  # the colleague's list stands
    same = api.patch(path, {field: first, "version": read["version"] + 1})
    assert same.json()["version"] == read["version"] + 1  # the same list again is no change


def test_a_bodys_members(world, people, owner_api):
    body = process.body_create(account=world.cn, name="党委会", kind="party_committee", members=people[:1])
    bob = _client_for(world.teammate)
    ids = [p.pk for p in people]
    _list_only_edit_moves_the_version(bob, f"/api/decision-bodies/{body.pk}", "members", ids[:2], ids[:1])
    stale = owner_api.patch(f"/api/decision-bodies/{body.pk}", {"members": ids[2:], "version": body.version})
    assert stale.status_code == 409


def test_a_steps_people_responsible(world, people):
    step = process.step_create(deal=world.cn_deal, kind="budget", people=people[:1])
    ids = [p.pk for p in people]
    bob = _client_for(world.teammate)
    _list_only_edit_moves_the_version(bob, f"/api/process-steps/{step.pk}", "people", ids[1:2], ids[2:])


def test_an_interactions_participants(world, people):
    meeting = f.interaction(account=world.cn, people=people[:1], deal=world.cn_deal)
    ids = [p.pk for p in people]
    bob = _client_for(world.teammate)
    _list_only_edit_moves_the_version(
        bob, f"/api/interactions/{meeting.pk}", "participants", ids[:2], ids[2:]
    )


def test_updated_since_lists_a_body_whose_members_alone_changed(world, people, owner_api):
    body = process.body_create(account=world.cn, name="党委会", kind="party_committee", members=people[:1])
    two_days_ago = timezone.now() - timedelta(days=2)
    DecisionBody.objects.filter(pk=body.pk).update(updated_at=two_days_ago)  # made before `since`
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    listed = f"/api/accounts/{world.cn.slug}/decision-bodies?updated_since={since}"
    assert owner_api.get(listed).json()["items"] == []
    process.body_update(body=body, version=body.version, members=people[:2])
    assert [b["id"] for b in owner_api.get(listed).json()["items"]] == [body.pk]
    assert owner_api.get(listed).json()["items"][0]["members"] == sorted(p.pk for p in people[:2])


def test_a_stale_person_form_does_not_undo_a_new_dotted_line(world, people, owner_client):
    """Two tabs on one person's page: A adds a dotted-line manager and saves; B, opened before, changes only the
    notes and sends the dotted lines it showed (none): refused, and A's dotted line stays."""
    li = people[1]
    seen = li.version
    person_update(person=li, version=seen, dotted_managers=[people[2]])  # tab A
    li.refresh_from_db()
    assert li.version == seen + 1
    tab_b = owner_client.post(
        reverse("person", args=[world.cn.slug, li.pk]),
        {"name": li.name, "title": li.title, "status": "active", "notes": "午饭聊过", "version": seen},
    )
    assert tab_b.status_code == 409
    assert list(li.dotted_lines.values_list("manager__name", flat=True)) == ["赵静"]
    li.refresh_from_db()
    assert li.notes == ""


def test_the_timeline_says_who_joined_without_an_empty_changed_line(world, people):
    body = process.body_create(account=world.cn, name="党委会", kind="party_committee", members=people[:1])
    process.body_update(body=body, version=body.version, members=people[:2])
    with translation.override("en"):
        edits = [(e.title, e.detail) for e in timeline(world.cn).entries if "党委会" in e.title]
    assert ("body member: 党委会 · 李明", "Created") in edits
    assert [detail for title, detail in edits if title == "decision body: 党委会"] == ["Created"]


def test_the_dotted_lines_own_route_moves_the_persons_version(world, people, owner_api):
    """A dotted line added or removed through `/api/people/{id}/dotted-lines` is an edit of the person, as on their
    form: a client holding the person's old version is refused instead of undoing the line."""
    person, manager = people[2], people[1]
    read = owner_api.get(f"/api/people/{person.pk}").json()
    added = owner_api.post(f"/api/people/{person.pk}/dotted-lines", {"manager": manager.pk})
    assert added.status_code == 201, added.json()
    after = owner_api.get(f"/api/people/{person.pk}").json()
    assert after["version"] == read["version"] + 1 and after["updated_at"] > read["updated_at"]
    stale = owner_api.patch(f"/api/people/{person.pk}", {"notes": "x", "version": read["version"]})
    assert stale.status_code == 409
    assert [line["manager"] for line in owner_api.get(f"/api/people/{person.pk}/dotted-lines").json()] == [
        manager.pk
    ]
    removed = owner_api.delete(f"/api/dotted-lines/{added.json()['id']}")
    assert removed.status_code == 204
    assert owner_api.get(f"/api/people/{person.pk}").json()["version"] == read["version"] + 2
