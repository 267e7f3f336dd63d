"""A new person the user rejected takes their reporting lines and decision-maker suggestions with them (a new
user's trial, issue 15): rejecting 邓凯 left "邓凯 reports to 赵磊 90%" pending, whose Accept said "Accept the
suggested person 邓凯 first" — a person already rejected — and accept-all skipped it on every run; the same for
lines to them as the manager. Rejecting withdraws them at once, and a later run (a re-upload) makes none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import suggestions_refresh
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(read):
    """Acme (conftest `read`) with an open deal: decision makers are suggested too."""
    account, _org = read
    f.deal(account=account, name="Platform")
    suggestions_refresh(result=account_inference(account))
    return account


def _pending_about(account, email):
    pending = Suggestion.objects.filter(
        account=account, state="pending", kind__in=("reports_to", "decision_maker")
    )
    return list(pending.filter(email=email)) + list(pending.filter(kind="reports_to", value=email))


def _a_manager_with_lines(account):
    """A new person with a pending line of their own and one of a report to them."""
    for person in Suggestion.objects.filter(account=account, kind="person", state="pending").order_by("pk"):
        own = Suggestion.objects.filter(account=account, kind="reports_to", email=person.email).exists()
        theirs = Suggestion.objects.filter(account=account, kind="reports_to", value=person.email).exists()
        if own and theirs:
            return person
    raise AssertionError("the organisation has a new middle manager with suggested lines")


def test_rejecting_a_new_person_withdraws_the_lines_that_wait_for_them(acme, world, owner_client):
    account = acme
    person = _a_manager_with_lines(account)
    assert _pending_about(account, person.email)
    answer = _client_for(world.owner).post(
        f"/api/accounts/{account.slug}/mail/suggestions/{person.pk}/reject", {}
    )
    assert answer.status_code == 200 and answer.json()["state"] == "rejected"
    assert _pending_about(account, person.email) == []
    listed = _client_for(world.owner).get(f"/api/accounts/{account.slug}/mail/suggestions?limit=200").json()
    assert not [
        s for s in listed["items"] if person.email in (s["email"], s["value"]) and s["kind"] != "person"
    ]
    page = owner_client.get(reverse("mail", args=[account.slug]), headers={"Accept-Language": "en"})
    assert f"Accept the suggested person {person.name} first" not in page.content.decode()
    # the same archive read again (a re-upload, a refresh) does not bring them back
    suggestions_refresh(result=account_inference(account))
    assert _pending_about(account, person.email) == []
    assert Suggestion.objects.get(pk=person.pk).state == "rejected"


def test_added_by_hand_after_all_their_lines_come_back(acme, world):
    account = acme
    person = _a_manager_with_lines(account)
    _client_for(world.owner).post(f"/api/accounts/{account.slug}/mail/suggestions/{person.pk}/reject", {})
    f.person(account=account, name=person.name, email=person.email)
    suggestions_refresh(result=account_inference(account))
    assert _pending_about(account, person.email)


def test_the_migration_withdraws_the_lines_a_rejection_left_before(acme):
    """Rejected before the fix (the state set alone): their lines stayed pending until the next refresh; the
    migration withdraws them, history keeping each, and leaves a rejected person on the map after all alone."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    name = "0006_withdraw_lines_waiting_for_rejected_people"
    apps = (
        MigrationLoader(connection).project_state(("intel", name)).apps
    )  # the models as a migration has them
    account = acme
    person = _a_manager_with_lines(account)
    Suggestion.objects.filter(pk=person.pk).update(state="rejected")  # as a rejection did before the fix
    waiting = _pending_about(account, person.email)
    assert waiting
    migration = importlib.import_module(f"battlemap.mail.migrations.{name}")
    migration.withdraw(apps, None)
    assert _pending_about(account, person.email) == []
    gone = Suggestion.history.filter(id__in=[s.pk for s in waiting], history_type="-")
    assert sorted(gone.values_list("id", flat=True)) == sorted(s.pk for s in waiting)
    others = Suggestion.objects.filter(account=account, state="pending").count()
    migration.withdraw(apps, None)  # run again: nothing else goes
    assert Suggestion.objects.filter(account=account, state="pending").count() == others
