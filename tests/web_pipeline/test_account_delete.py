"""Deleting an account on the web: its owner (or an administrator) is told what goes with it, deletes it, can undo
at once and restore it from Deleted accounts for RESTORE_DAYS days; nobody else can do either."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_delete, account_restore
from battlemap.audit.models import AuditEntry
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def _delete_url(world):
    return reverse("account_delete", args=[world.cn.slug])


def _restore_url(world):
    return reverse("account_restore", args=[world.cn.slug])


def test_the_owner_is_told_what_goes_then_deletes_and_undoes(client, world):
    client.force_login(world.owner)
    edit = client.get(reverse("account_edit", args=[world.cn.slug])).content.decode()
    assert _delete_url(world) in edit
    page = client.get(_delete_url(world)).content.decode()
    assert "2 人" in page and "1 个商机" in page and "30 天" in page  # the site's language, zh-hans
    response = client.post(_delete_url(world), follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("portfolio")
    assert "已删除" in body and _restore_url(world) in body  # the undo, in the message
    assert reverse("account", args=[world.cn.slug]) not in body  # gone from the list
    assert client.get(reverse("account", args=[world.cn.slug])).status_code == 404
    deleted = client.get(reverse("accounts_deleted")).content.decode()
    assert world.cn.name in deleted and world.en.name not in deleted
    back = client.post(_restore_url(world), follow=True)
    assert back.redirect_chain[-1][0] == reverse("account", args=[world.cn.slug])
    assert "王建国" in back.content.decode()  # the map as it was
    assert Person.objects.filter(account=world.cn).count() == 2
    whats = list(
        AuditEntry.objects.filter(account=world.cn).order_by("id").values_list("what", "via", "actor")
    )
    assert ("deleted", "", world.owner.pk) in whats and ("restored", "", world.owner.pk) in whats


@pytest.mark.parametrize(("who", "status"), [("teammate", 403), ("manager", 403), ("outsider", 404)])
def test_others_may_not_delete(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(_delete_url(world)).status_code == status
    assert client.post(_delete_url(world)).status_code == status
    assert Account.objects.filter(pk=world.cn.pk).exists()


def test_the_teammate_sees_no_delete_link(client, world):
    client.force_login(world.teammate)
    assert (
        _delete_url(world) not in client.get(reverse("account_edit", args=[world.cn.slug])).content.decode()
    )


@pytest.mark.parametrize("who", ["teammate", "manager", "outsider"])
def test_others_may_not_restore_nor_see_it_deleted(client, world, who):
    account_delete(account=world.cn, by=world.owner)
    client.force_login(getattr(world, who))
    assert client.post(_restore_url(world)).status_code == 404
    assert world.cn.name not in client.get(reverse("accounts_deleted")).content.decode()
    assert not Account.objects.filter(pk=world.cn.pk).exists()
    with pytest.raises(Account.DoesNotExist):
        account_restore(slug=world.cn.slug, by=getattr(world, who))


def test_an_administrator_restores_anyones(client, world):
    admin = f.user("root", is_superuser=True)
    account_delete(account=world.other, by=world.outsider)
    client.force_login(admin)
    assert world.other.name in client.get(reverse("accounts_deleted")).content.decode()
    assert client.post(reverse("account_restore", args=[world.other.slug])).status_code == 302
    assert Account.objects.filter(pk=world.other.pk).exists()


def test_anonymous_goes_to_login(client, world):
    for url in (_delete_url(world), reverse("accounts_deleted")):
        assert client.get(url)["Location"].startswith("/login/")
    assert client.post(_restore_url(world))["Location"].startswith("/login/")


def test_a_name_with_markup_is_text_in_the_message_and_the_list(client, world):
    world.cn.name = "<script>alert(1)</script>国电"
    world.cn.save()
    client.force_login(world.owner)
    body = client.post(_delete_url(world), follow=True).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body
    listed = client.get(reverse("accounts_deleted")).content.decode()
    assert "<script>alert(1)" not in listed and "&lt;script&gt;alert(1)" in listed


def test_the_portfolio_links_to_deleted_accounts_only_when_there_are_some(client, world):
    client.force_login(world.owner)
    assert reverse("accounts_deleted") not in client.get(reverse("portfolio")).content.decode()
    account_delete(account=world.en, by=world.owner)
    assert reverse("accounts_deleted") in client.get(reverse("portfolio")).content.decode()


def test_the_timeline_and_the_changes_feed_say_deleted_and_restored(client, world):
    """A fresh reviewer read an account's delete and restore as "Changed" in both."""
    account_delete(account=world.cn, by=world.owner)
    account_restore(slug=world.cn.slug, by=world.owner)
    client.force_login(world.owner)
    feed = client.get(f"/api/accounts/{world.cn.slug}/changes?since=2000-01-01").json()["changes"]
    account_kinds = [c["change"] for c in feed if c["model"] == "account"]
    assert account_kinds[:2] == ["restored", "deleted"]
    for lang, words in (("en", ("Restored", "Deleted")), ("zh-hans", ("恢复", "删除"))):
        page = client.get(reverse("account_timeline", args=[world.cn.slug]), HTTP_ACCEPT_LANGUAGE=lang)
        text = page.content.decode()
        assert all(w in text for w in words), lang
        restored_at = text.index(words[0])
        assert restored_at < text.index(words[1], restored_at)  # newest first


def test_opening_the_restore_address_leads_to_deleted_accounts(client, world):
    """A link or a reload of the Undo's address (a GET) was an empty 405."""
    account_delete(account=world.cn, by=world.owner)
    client.force_login(world.owner)
    response = client.get(_restore_url(world))
    assert response.status_code == 302 and response["Location"] == reverse("accounts_deleted")
    assert not Account.objects.filter(pk=world.cn.pk).exists()  # looking does not restore it


@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_a_deleted_accounts_slug_tells_its_owner_to_restore_it(client, world, who):
    """A fresh reviewer: asking for a deleted account's slug said only "not available", even to its owner."""
    account_delete(account=world.cn, by=world.owner)
    user = getattr(world, who)
    client.force_login(user)
    form = {
        "name": "国电新",
        "slug": world.cn.slug.upper(),
        "currency": "CNY",
        "lifecycle": "prospect",
        "team": "",
    }
    page = client.post(reverse("account_new"), form, headers={"Accept-Language": "en"})
    text = page.content.decode()
    assert page.status_code == 422 and not Account.objects.filter(name="国电新").exists()
    told = "a deleted account: restore it from Deleted accounts" in text
    assert told == (who == "owner")
    assert (world.cn.name in text) == (who == "owner")  # nobody else learns whose it is
    if who == "outsider":
        assert "is not available" in text


def test_deleted_accounts_say_who_deleted_each(client, world):
    """A fresh reviewer: an administrator's Deleted accounts did not say who deleted an account."""
    root = f.user("root", is_superuser=True)
    account_delete(account=world.cn, by=root)  # alice's account, deleted by an administrator
    account_delete(account=world.other, by=None)  # the command line
    client.force_login(root)
    page = client.get(reverse("accounts_deleted"), headers={"Accept-Language": "en"}).content.decode()
    rows = {slug: page[page.index(slug) :].split("</tr>")[0] for slug in (world.cn.slug, world.other.slug)}
    assert "root" in rows[world.cn.slug] and "alice" in rows[world.cn.slug]  # deleted by, owner
    assert "command line" in rows[world.other.slug] and "root" not in rows[world.other.slug]


def test_the_command_line_lists_deleted_accounts_to_restore(world):
    """A fresh reviewer: no command listed the deleted accounts, so an operator could not find the slug to restore."""
    import io

    from django.core.management import call_command

    account_delete(account=world.cn, by=world.owner)
    out = io.StringIO()
    call_command("accounts", "--deleted", stdout=out)
    (line,) = out.getvalue().splitlines()
    slug, name, owner, _when, by, until = line.split("\t")
    assert (slug, name, owner, by) == (world.cn.slug, world.cn.name, "alice", "alice") and until
    others = io.StringIO()
    call_command("accounts", "--deleted", "--user", "mallory", stdout=others)
    assert others.getvalue() == ""  # not his to restore
    listed = io.StringIO()
    call_command("accounts", stdout=listed)
    assert world.cn.slug not in listed.getvalue()
