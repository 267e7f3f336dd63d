"""A person's data export lists their history rows in the order they were written — the ties at one moment (an
import, a merge, `recorded(at=…)`) by history id, the one oldest-first order (core.history_stamp.OLDEST_FIRST) —
also across the records merged into them, not record by record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from battlemap.core.history_stamp import recorded
from battlemap.people import services
from battlemap.people.models import Person
from battlemap.people.personal_data import person_export
from battlemap.people.services.merge import person_merge
from tests import factories as f

pytestmark = pytest.mark.django_db


def _retitle(person: Person, title: str) -> None:
    person.refresh_from_db()
    services.person_update(person=person, version=person.version, title=title)


def test_rows_written_at_one_moment_keep_the_order_they_were_written_in():
    account = f.account(owner=f.user())
    survivor = f.person(account=account, name="王建国")
    duplicate = f.person(account=account, name="王建国 (2)")
    moment = timezone.now() - dt.timedelta(days=1)
    with recorded(at=moment, reason="import"):
        _retitle(duplicate, "CFO")  # written first: the record with the higher id
        _retitle(survivor, "CEO")
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    person_merge(
        survivor=survivor,
        duplicate=duplicate,
        survivor_version=survivor.version,
        duplicate_version=duplicate.version,
    )

    rows = person_export(person=survivor)["history"]

    at_the_moment = [row["title"] for row in rows if row["history_date"] == moment]
    assert at_the_moment == ["CFO", "CEO"]
