"""Deleting a department or a deal changes the rows that named it each as an edit of its own — a new version and a
history row — as deleting a person always did: a stale copy of a person whose department went is refused, and the
account's changes say the department went in that edit (an integrator's trial found the version unchanged and the
change credited to whoever edited next)."""

from __future__ import annotations

import pytest

from battlemap.interactions.models import Interaction
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_departments_people_and_sub_departments_move_on(world, owner_api):
    unit = f.org_unit(account=world.cn, name="信息中心")
    child = f.org_unit(account=world.cn, name="运维组", parent=unit)
    person = f.person(account=world.cn, name="张强", org_unit=unit)
    assert owner_api.delete(f"/api/org-units/{unit.pk}").status_code == 204
    person.refresh_from_db()
    child.refresh_from_db()
    assert (person.org_unit_id, person.version) == (None, 2)
    assert (child.parent_id, child.version) == (None, 2)
    last = Person.history.filter(id=person.pk).order_by("-history_id").first()
    assert last.org_unit_id is None and last.prev_record.org_unit_id == unit.pk
    stale = owner_api.patch(f"/api/people/{person.pk}", {"title": "主任", "version": 1})
    assert stale.status_code == 409


def test_a_deals_interactions_move_on(world, owner_api):
    meeting = f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal)
    assert owner_api.delete(f"/api/deals/{world.cn_deal.pk}").status_code == 204
    meeting = Interaction.objects.get(pk=meeting.pk)
    assert meeting.deal_id is None and meeting.version == 2
