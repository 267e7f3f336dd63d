"""A merge never leaves a person with a dotted line to their own solid-line manager, which the person rules refuse
(the merged person could then not be saved: 422 on reports_to, and the exported map would not import): that
dotted line goes, and the history says so under the merge."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.people.models import DottedLine, Person
from battlemap.people.selectors import person_history
from tests import factories as f

pytestmark = pytest.mark.django_db


def _merge(client, world, survivor: Person, duplicate: Person) -> None:
    response = client.post(
        reverse("people_merge", args=[world.cn.slug]), {"survivor": survivor.pk, "duplicate": duplicate.pk}
    )
    assert response.status_code == 302


def _saves_from_its_page(client, world, person: Person) -> None:
    person.refresh_from_db()
    page = reverse("person", args=[world.cn.slug, person.pk])
    form = {"name": person.name, "title": "主任", "status": "active", "version": person.version}
    form["reports_to"] = person.reports_to_id or ""
    form["dotted_managers"] = list(person.dotted_lines.values_list("manager_id", flat=True))
    assert client.post(page, form).status_code == 302
    person.refresh_from_db()
    assert person.title == "主任"


@pytest.mark.parametrize("whose", ["survivor", "duplicate"])
def test_the_dotted_line_to_the_kept_manager_goes(owner_client, world, whose):
    """A reports to the boss and B has a dotted line to them; or A's empty manager is filled from B's and A
    has the dotted line."""
    boss, other = world.cn_boss, f.person(account=world.cn, name="周总监")
    a = f.person(account=world.cn, name="李明（一）", reports_to=boss if whose == "duplicate" else None)
    b = f.person(account=world.cn, name="李明（二）", reports_to=boss if whose == "survivor" else None)
    DottedLine.objects.create(person=b if whose == "duplicate" else a, manager=boss)
    DottedLine.objects.create(person=b, manager=other)  # a line to someone else moves as before
    _merge(owner_client, world, a, b)
    a.refresh_from_db()
    assert a.reports_to == boss
    assert list(a.dotted_lines.values_list("manager__name", flat=True)) == ["周总监"]
    with translation.override("en"):
        history = person_history(person=a)
    said = [e for e in history if e.kind == "deleted" and e.what == "dotted-line manager"]
    if whose == "survivor":  # the survivor's own line, dropped by the merge
        assert said and said[0].reason == "another record of the same person was merged into this one"
    _saves_from_its_page(owner_client, world, a)


def test_their_reports_keep_no_dotted_line_to_their_new_manager(owner_client, world):
    a = f.person(account=world.cn, name="李明（一）")
    b = f.person(account=world.cn, name="李明（二）")
    reports_to_b = f.person(account=world.cn, name="张三", reports_to=b)
    DottedLine.objects.create(person=reports_to_b, manager=a)
    reports_to_a = f.person(account=world.cn, name="王五", reports_to=a)
    DottedLine.objects.create(person=reports_to_a, manager=b)
    _merge(owner_client, world, a, b)
    for report in (reports_to_b, reports_to_a):
        report.refresh_from_db()
        assert report.reports_to == a and not report.dotted_lines.exists()
        _saves_from_its_page(owner_client, world, report)
