"""Account handover: the owner (or an administrator) gives an account, its open deals and the old owner's
open action items to another user with a note; history keeps it; the gate decides who still sees it."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.accounts.services import OWNER_INACTIVE
from battlemap.accounts.services.handover import account_handover
from battlemap.core.access import can
from battlemap.deals.models import ActionItem
from tests import factories as f

pytestmark = pytest.mark.django_db

NOTE = "Alice moves to the north region"


@pytest.fixture
def items(world):
    mine = f.action(deal=world.cn_deal, text="Alice's open item", owner=world.owner)
    done = f.action(deal=world.cn_deal, text="Alice's done item", owner=world.owner, done=True)
    bobs = f.action(deal=world.cn_deal, text="Bob's item", owner=world.teammate)
    won = f.deal(account=world.cn, name="Won deal", status="won")
    closed = f.action(deal=won, text="Item on a won deal", owner=world.owner)
    return mine, done, bobs, closed


def test_handover_moves_ownership_and_the_open_items_and_keeps_history(world, items):
    mine, done, bobs, closed = items
    account_handover(account=world.cn, to=world.teammate, note=NOTE, by=world.owner)
    world.cn.refresh_from_db()
    assert world.cn.owner == world.teammate
    owners = {i.text: i.owner for i in ActionItem.objects.all()}
    assert owners["Alice's open item"] == world.teammate
    assert owners["Alice's done item"] == world.owner  # done: history as it was
    assert owners["Bob's item"] == world.teammate
    # a won deal's open item is after-sale work (the satisfaction survey): it stayed with a rep who had left
    assert owners["Item on a won deal"] == world.teammate
    latest = Account.history.filter(id=world.cn.pk).order_by("-history_id").first()
    assert latest.owner_id == world.teammate.pk and latest.history_change_reason == NOTE
    assert latest.prev_record.owner_id == world.owner.pk  # the old owner stays in history
    assert ActionItem.history.filter(id=mine.pk, history_change_reason=NOTE).exists()


def test_the_old_owner_keeps_view_only_if_still_on_the_team(world, items):
    admin = f.user("root", is_superuser=True)
    account_handover(account=world.cn, to=world.teammate, note=NOTE, by=world.owner)
    assert can(world.owner, world.cn, "view")  # 国电 is shared with team east, alice is on it
    account_handover(account=world.en, to=world.outsider, note=NOTE, by=admin)
    assert not can(world.owner, world.en, "view")  # Northwind is not shared: alice loses it
    assert can(world.outsider, world.en, "edit")
    assert not can(world.manager, world.en, "view")  # mallory is not one of carol's reps


def test_the_managers_view_follows_the_new_owner(world):
    account_handover(account=world.cn, to=world.teammate, note=NOTE, by=world.owner)
    assert can(world.manager, world.cn, "view") and not can(world.manager, world.cn, "edit")


def test_only_the_owner_a_manager_of_theirs_or_an_administrator_hands_over(world):
    for who in (world.teammate, world.outsider):
        with pytest.raises(PermissionDenied):
            account_handover(account=world.cn, to=world.teammate, note=NOTE, by=who)
    other_manager = f.user("oscar")
    f.team("west", members=[world.outsider], managers=[other_manager])
    with pytest.raises(PermissionDenied):  # manages a team, not alice's nor the account's
        account_handover(account=world.cn, to=world.teammate, note=NOTE, by=other_manager)


def test_a_manager_hands_a_departed_reps_unshared_account_to_another_rep(world, items):
    """Northwind is alice's own (no team); alice leaves the company; carol manages her team and gives it to bob."""
    world.owner.is_active = False
    world.owner.save()
    item = f.action(deal=f.deal(account=world.en, name="Fleet"), text="Call Jane", owner=world.owner)
    account_handover(account=world.en, to=world.teammate, note=NOTE, by=world.manager)
    world.en.refresh_from_db()
    item.refresh_from_db()
    assert world.en.owner == world.teammate and item.owner == world.teammate
    assert can(world.manager, world.en, "view") and not can(world.manager, world.en, "edit")


def test_a_manager_may_take_a_departed_reps_unshared_account_himself(world):
    """A fresh reviewer: the shared account offered the manager himself, the unshared one refused him."""
    account_handover(account=world.en, to=world.manager, note=NOTE, by=world.manager)
    world.en.refresh_from_db()
    assert world.en.owner == world.manager and can(world.manager, world.en, "edit")


def test_a_manager_hands_over_only_to_his_reps_or_the_accounts_team(world):
    outsider_on_other_team = world.outsider
    f.team("west", members=[outsider_on_other_team])
    with pytest.raises(ValidationError) as caught:
        account_handover(account=world.en, to=outsider_on_other_team, note=NOTE, by=world.manager)
    assert "to" in caught.value.message_dict
    world.teammate.is_active = False
    world.teammate.save()
    with pytest.raises(ValidationError) as caught:
        account_handover(account=world.en, to=world.teammate, note=NOTE, by=world.manager)
    assert caught.value.message_dict["to"] == [str(OWNER_INACTIVE)]
    world.en.refresh_from_db()
    assert world.en.owner == world.owner


@pytest.mark.parametrize(
    ("to", "note", "field"),
    [("bob", "", "note"), ("mallory", NOTE, "to"), ("alice", NOTE, "to"), ("bob", "x" * 101, "note")],
)
def test_bad_input_names_the_field(world, to, note, field):
    users = {"bob": world.teammate, "mallory": world.outsider, "alice": world.owner}
    with pytest.raises(ValidationError) as caught:
        account_handover(account=world.cn, to=users[to], note=note, by=world.owner)
    assert field in caught.value.message_dict
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


# --- the web form -------------------------------------------------------------------------------------


def _url(world):
    return reverse("account_handover", args=[world.cn.slug])


def test_the_owner_hands_over_on_the_web_and_the_timeline_shows_it(client, world, items):
    client.force_login(world.owner)
    assert client.get(reverse("account", args=[world.cn.slug])).content.decode().count(_url(world)) == 1
    page = client.get(_url(world))
    assert page.status_code == 200 and 'name="note"' in page.content.decode()
    response = client.post(_url(world), {"to": world.teammate.pk, "note": NOTE})
    assert response.status_code == 302
    world.cn.refresh_from_db()
    assert world.cn.owner == world.teammate
    timeline = client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    assert "alice → bob" in timeline and NOTE in timeline


def test_bad_input_on_the_web_names_the_field(client, world):
    client.force_login(world.owner)
    response = client.post(_url(world), {"to": world.teammate.pk, "note": ""})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="field-note"' in html and "has-error" in html[html.index('id="field-note"') - 40 :]
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


@pytest.mark.parametrize(("who", "status"), [("teammate", 403), ("outsider", 404)])
def test_others_may_not_hand_over(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(_url(world)).status_code == status
    assert client.post(_url(world), {"to": world.teammate.pk, "note": NOTE}).status_code == status
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


def test_the_manager_hands_over_on_the_web_to_one_of_his_reps(client, world):
    client.force_login(world.manager)
    assert _url(world) in client.get(reverse("account", args=[world.cn.slug])).content.decode()
    page = client.get(_url(world)).content.decode()
    choices = re.findall(r'<option value="(\d+)"', page)
    assert choices == [
        str(world.teammate.pk),
        str(world.manager.pk),
    ]  # bob, or carol herself; not alice, mallory
    assert client.post(_url(world), {"to": world.teammate.pk, "note": NOTE}).status_code == 302
    world.cn.refresh_from_db()
    assert world.cn.owner == world.teammate


def test_the_teammate_sees_no_handover_link(client, world):
    client.force_login(world.teammate)
    assert _url(world) not in client.get(reverse("account", args=[world.cn.slug])).content.decode()


def test_anonymous_goes_to_login(client, world):
    assert client.post(_url(world), {"note": NOTE})["Location"].startswith("/login/")


# --- the CLI ------------------------------------------------------------------------------------------


def test_the_cli_hands_over(world, capsys):
    call_command("handover", "guodian", "--to", "bob", "--note", NOTE)
    world.cn.refresh_from_db()
    assert world.cn.owner == world.teammate and "alice → bob" in capsys.readouterr().out


def test_the_cli_names_the_bad_field_and_refuses_others(world):
    with pytest.raises(CommandError, match="note"):
        call_command("handover", "guodian", "--to", "bob", "--note", " ")
    with pytest.raises(CommandError, match="nobody"):
        call_command("handover", "guodian", "--to", "nobody", "--note", NOTE)
    with pytest.raises(CommandError):
        call_command("handover", "guodian", "--to", "bob", "--note", NOTE, "--user", "bob")
    with pytest.raises(CommandError):
        call_command("handover", "guodian", "--to", "bob", "--note", NOTE, "--user", "mallory")
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


def test_a_handover_form_opened_before_another_handover_is_refused_not_undoing_it(world, client):
    """A team's trial: the owner handed the account to a colleague while the manager had the hand-over page open;
    the manager's older form then handed it on again, and nobody was told."""
    from battlemap.teams.models import Membership

    dave = f.user("dave")
    Membership.objects.create(team=world.team, user=dave, role=Membership.Role.MEMBER)
    url = reverse("account_handover", args=[world.cn.slug])
    client.force_login(world.manager)
    opened = client.get(url).context["form"]["version"].value()
    account_handover(account=world.cn, to=world.teammate, note=NOTE, by=world.owner)
    late = client.post(url, {"to": dave.pk, "note": "to Dave", "version": opened}, HTTP_ACCEPT_LANGUAGE="en")
    assert late.status_code == 409, late.context["form"].errors
    assert "changed while you were editing" in late.content.decode()
    world.cn.refresh_from_db()
    assert world.cn.owner == world.teammate  # the first hand-over stands
    fresh = client.get(url).context["form"]["version"].value()
    done = client.post(url, {"to": dave.pk, "note": "to Dave", "version": fresh})
    assert done.status_code == 302
    world.cn.refresh_from_db()
    assert world.cn.owner.username == "dave"
