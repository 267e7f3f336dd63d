"""A handover is news: What changed (the page, its API route and the review export's table) lists the account's owner
change, and the new owner's This week lists the account handed to them. A director's trial: the handover was only on
the account's timeline; the changes page said "0 no change", the new owner's week said nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.changes import what_changed
from battlemap.accounts.services.handover import account_handover
from battlemap.users.services import token_create, user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db

NOTE = "Alice moves to the north region"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_what_changed_lists_the_handover_with_when_and_by_whom(client, world):
    world.owner.first_name, world.teammate.first_name = "Alice", "Bob"
    world.owner.save()
    world.teammate.save()
    client.force_login(world.owner)  # on the web: who handed it over is recorded
    handover = client.post(
        reverse("account_handover", args=[world.cn.slug]), {"to": world.teammate.pk, "note": NOTE}
    )
    assert handover.status_code == 302
    yesterday = timezone.localdate() - timedelta(days=1)
    [change] = what_changed(account=world.cn, since=yesterday)["owner_changes"]
    assert (change["before"], change["after"], change["before_name"], change["after_name"], change["by"]) == (
        "alice",
        "bob",
        "Alice",
        "Bob",
        "Alice",
    )
    client.force_login(world.manager)
    page = _text(client.get(reverse("account_changes", args=[world.cn.slug]), HTTP_ACCEPT_LANGUAGE="en"))
    assert change["note"] == NOTE
    assert f"Owner: Alice → Bob {change['when']} · Alice · {NOTE}" in page
    token = token_create(user=world.manager, name="bi").secret
    body = client.get(
        f"/api/accounts/{world.cn.slug}/what-changed", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert [(c["before"], c["after"]) for c in body["owner_changes"]] == [("alice", "bob")]


def test_the_new_owners_week_lists_the_account_handed_to_them_and_no_one_elses(client, world):
    account_handover(account=world.cn, to=world.teammate, note=NOTE, by=world.owner)
    client.force_login(world.teammate)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="handed-to-me"' in page
    section = page.split('id="handed-to-me"')[1].split("</section>")[0]
    assert "国电智慧能源集团" in section and "from alice" in section and NOTE in section
    client.force_login(world.owner)  # the old owner took over nothing
    assert 'id="handed-to-me"' not in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_prospect_without_an_open_deal_handed_over_is_in_the_new_owners_week(client, world):
    """A reviewer's trial: a leaver's prospect (no deal yet) was handed over, and the new owner's week left it out."""
    admin = f.user("root", is_superuser=True)  # Northwind is on no team: an administrator hands it over
    account_handover(account=world.en, to=world.teammate, note=NOTE, by=admin)  # Northwind: no deal at all
    client.force_login(world.teammate)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Northwind Logistics" in page.split('id="handed-to-me"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("language", "said"), [("en", "from alice (deactivated)"), ("zh-hans", "alice（已停用）")]
)
def test_the_new_owners_week_marks_a_previous_owner_who_left(client, world, language, said):
    """A manager's Monday: "Accounts handed to me … from rep3" named a rep who had left as one still at work, while
    the pipeline, the deal room and the forms mark him deactivated (core.text.colleague_label)."""
    user_deactivate(user=world.owner)
    account_handover(account=world.cn, to=world.teammate, note=NOTE, by=world.manager)
    client.force_login(world.teammate)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert said in page.split('id="handed-to-me"')[1].split("</section>")[0]
