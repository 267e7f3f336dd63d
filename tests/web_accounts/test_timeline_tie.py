"""The account's timeline, newest first, lists two edits of one record at one moment (an import's, an undo's or a
back-dated write: a role's attitude changed and the role removed in one go) in the order they were written, the later
above (`core.history_stamp.LATEST_FIRST`, the order every "last row" read and the changes feed take): the database
gave them in any order, and the page showed the role deleted below the change that came before the deletion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.core.history_stamp import recorded
from battlemap.deals.services.roles import stakeholder_role_delete, stakeholder_role_update

pytestmark = pytest.mark.django_db


def test_the_deletion_is_above_the_change_it_followed_at_one_moment(owner_client, world):
    role = world.cn_deal.roles.get(person=world.cn_boss)
    with recorded(at=timezone.now() + timedelta(minutes=1)):  # changed, then deleted, in one write
        role = stakeholder_role_update(role=role, version=role.version, attitude="supporter")
        stakeholder_role_delete(role=role)
    page = owner_client.get(reverse("account_timeline", args=[world.cn.slug]), HTTP_ACCEPT_LANGUAGE="en")
    entries = [e for e in page.context["entries"] if e.title.startswith("stakeholder role")]
    assert [e.detail.split(":")[0] for e in entries] == ["Deleted", "changed", "Created"]
    html = page.content.decode()
    assert html.index("Deleted") < html.index("neutral → supporter")
