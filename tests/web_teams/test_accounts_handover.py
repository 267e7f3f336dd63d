"""A seller leaves: the team's manager hands every account of theirs over in one step (web and CLI), all or none."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from battlemap.accounts.forms import seen_versions
from battlemap.accounts.models import Account
from battlemap.accounts.services.handover import accounts_handover
from battlemap.core.services import StaleEdit
from battlemap.deals.models import ActionItem
from battlemap.teams.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db


def _url(world, user=None):
    membership = Membership.objects.get(team=world.team, user=user or world.owner)
    return reverse("team_member_handover", args=[world.team.slug, membership.id])


def _hand_over_alices(client, world, *, to):
    """The manager's POST of the page as shown: alice's two accounts to `to`, the note "alice 离职"."""
    seen = seen_versions([world.cn, world.en])
    return client.post(
        _url(world), {"to": to.pk, "note": "alice 离职", "seen": seen}, HTTP_ACCEPT_LANGUAGE="en"
    )


def _owners(*accounts):
    return [Account.objects.get(pk=a.pk).owner.get_username() for a in accounts]


def test_the_manager_hands_over_every_account_of_a_seller_who_leaves(client, world):
    item = ActionItem.objects.create(deal=world.cn_deal, text="回访王总", owner=world.owner)
    client.force_login(world.manager)
    team_page = client.get(reverse("team_detail", args=["east"])).content.decode()
    assert _url(world) in team_page  # reached from the member's row
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "国电智慧能源集团" in page and "Northwind Logistics" in page and "Mallory Corp" not in page
    assert "Hand over 2 accounts" in page
    offered = set(re.findall(r'<option value="(\d+)"', page))
    assert offered == {str(world.teammate.pk), str(world.manager.pk)}  # who may take both; never the owner

    response = client.post(
        _url(world),
        {"to": world.teammate.pk, "note": "alice 离职", "seen": seen_versions([world.cn, world.en])},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    assert _owners(world.cn, world.en) == ["bob", "bob"]
    item.refresh_from_db()
    assert item.owner == world.teammate  # the open action items go with them
    assert Account.history.filter(id=world.cn.pk).latest("history_id").history_change_reason == "alice 离职"
    followed = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 accounts now belong to bob (were alice" in followed


def test_a_seller_who_leaves_leaves_no_after_sale_item_behind(client, world):
    """A sales manager's trial: after "Hand over their accounts…" the departed rep still held the open item of a won
    deal ("Send the six-month satisfaction survey", on their account and on a colleague's), nobody reminded."""
    survey = f.action(
        deal=f.deal(account=world.cn, name="一期", status="won"), text="满意度回访", owner=world.owner
    )
    theirs = f.account(owner=world.teammate, slug="huaneng", name="华能集团", team=world.team)
    lost = f.action(deal=f.deal(account=theirs, status="lost"), text="Debrief the loss", owner=world.owner)
    client.force_login(world.manager)
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Debrief the loss" in page  # listed among the items that go to the account's owner
    response = _hand_over_alices(client, world, to=world.manager)
    assert response.status_code == 302
    survey.refresh_from_db()
    lost.refresh_from_db()
    assert (survey.owner, lost.owner) == (world.manager, world.teammate)
    assert not ActionItem.objects.filter(owner=world.owner, done=False).exists()


def test_a_list_changed_since_the_page_hands_over_nothing_and_shows_it_again(client, world):
    client.force_login(world.manager)
    seen = seen_versions([world.cn, world.en])
    newer = f.account(owner=world.owner, slug="newer", name="新客户", team=world.team)  # made meanwhile
    response = client.post(
        _url(world), {"to": world.teammate.pk, "note": "离职", "seen": seen}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed since this page was opened" in page and "Added meanwhile: 新客户." in page
    assert _owners(world.cn, world.en, newer) == ["alice"] * 3
    confirmed = re.search(r'name="seen" value="([^"]*)"', page).group(1)  # the list as shown now
    response = client.post(_url(world), {"to": world.teammate.pk, "note": "离职", "seen": confirmed})
    assert response.status_code == 302 and _owners(world.cn, world.en, newer) == ["bob"] * 3


def test_all_or_none_the_refusal_names_the_account(world):
    west = f.team("west", members=[world.owner, f.user("dave")])
    dave = west.memberships.get(user__username="dave").user
    shared_west = f.account(owner=world.owner, slug="west-one", name="西部客户", team=west)
    # dave may take the west account (its team's member), not 国电 (shared with east only)
    with pytest.raises(ValidationError) as refused:
        accounts_handover(accounts=[shared_west, world.cn], to=dave, note="离职", by=world.manager)
    assert "国电智慧能源集团" in str(refused.value.message_dict["to"])
    assert _owners(shared_west, world.cn) == ["alice", "alice"]  # the first was not handed over either


def test_an_account_edited_after_the_pages_check_is_refused_within_the_write(world):
    """The page's list check and the write are apart: the versions the page showed go into the write too."""
    seen = {world.en.pk: world.en.version, world.cn.pk: world.cn.version}
    Account.objects.filter(pk=world.cn.pk).update(
        version=world.cn.version + 1
    )  # a colleague's edit, just then
    with pytest.raises(StaleEdit):
        accounts_handover(
            accounts=[world.en, world.cn], to=world.teammate, note="离职", by=world.manager, versions=seen
        )
    assert _owners(world.cn, world.en) == ["alice", "alice"]


def test_who_may_not_run_the_team_gets_404(client, world):
    for user in (world.teammate, world.outsider, world.owner):
        client.force_login(user)
        assert client.get(_url(world)).status_code == 404
        client.post(_url(world), {"to": world.teammate.pk, "note": "x", "seen": ""})
    assert _owners(world.cn, world.en) == ["alice", "alice"]


def test_bad_input_names_the_field(client, world):
    client.force_login(world.manager)
    seen = seen_versions([world.cn, world.en])
    response = client.post(_url(world), {"to": world.outsider.pk, "note": "离职", "seen": seen})
    assert response.status_code == 422 and "to" in response.context["form"].errors
    response = client.post(_url(world), {"to": world.teammate.pk, "note": "", "seen": seen})
    assert response.status_code == 422 and "note" in response.context["form"].errors
    assert _owners(world.cn, world.en) == ["alice", "alice"]


def test_account_names_are_text_on_the_page(client, world):
    f.account(owner=world.owner, slug="xss", name="<script>alert(1)</script>", team=world.team)
    client.force_login(world.manager)
    page = client.get(_url(world)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_command_hands_over_all_of_a_sellers_accounts(world, capsys):
    call_command("handover", "--from", "alice", "--to", "bob", "--note", "离职", "--user", "carol")
    out = capsys.readouterr().out
    assert "guodian\talice → bob" in out and "northwind\talice → bob" in out
    assert _owners(world.cn, world.en) == ["bob", "bob"]
    with translation.override("en"):
        with pytest.raises(CommandError, match="not both"):
            call_command("handover", "guodian", "--from", "bob", "--to", "alice", "--note", "x")
        with pytest.raises(
            CommandError, match="none of which --user may hand over"
        ):  # bob's, not alice's to give
            call_command("handover", "--from", "bob", "--to", "alice", "--note", "x", "--user", "alice")
        with pytest.raises(CommandError, match="^--note"):  # the option, as the user typed it
            call_command("handover", "--from", "bob", "--to", "carol", "--note", " ")
        with pytest.raises(CommandError, match="--from"):
            call_command("handover", "--from", "alice", "--to", "bob", "--note", "x")  # owns none now


def _colleagues_item(world):
    """alice's open action item on bob's account shared with the team (a colleague's, where she held an item)."""
    theirs = f.account(owner=world.teammate, slug="huaneng", name="华能集团", team=world.team)
    return ActionItem.objects.create(deal=f.deal(account=theirs), text="约华能李总", owner=world.owner)


def test_the_handover_gives_the_sellers_items_on_colleagues_accounts_to_their_owners(client, world):
    # a reviewer's finding: alice's item on bob's account stayed hers after her accounts were handed over
    item = _colleagues_item(world)
    client.force_login(world.manager)
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "alice owns 1 open action item on the team's accounts: it goes to the account's owner" in page
    assert '约华能李总 <span class="muted">华能集团 · Platform deal → bob</span>' in page
    zh = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert (
        "alice 在团队的客户上有 1 项未完成的待办：将交给各客户的负责人（见下）。" in zh
    )  # not "after removal"
    response = _hand_over_alices(client, world, to=world.manager)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner == world.teammate  # the account's owner, as "Remove from team…" gives it
    assert item.history.latest("history_id").history_change_reason == "alice 离职"
    told = [str(m) for m in response.wsgi_request._messages]
    assert "1 open action item went to its account's owner." in told


def test_the_command_gives_the_sellers_items_on_colleagues_accounts_to_their_owners(world, capsys):
    item = _colleagues_item(world)
    with translation.override("en"):
        call_command("handover", "--from", "alice", "--to", "carol", "--note", "离职")
    assert "1 open action item went to its account's owner." in capsys.readouterr().out
    item.refresh_from_db()
    assert item.owner == world.teammate
