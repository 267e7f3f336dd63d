"""Unticking *Active* in the admin is the one deactivation (users.services.user_deactivate): a trial unticked it
for a seller who had left and ticked it again later — the seller's old browser session opened their accounts and
their BI token read the API again, though docs/security.md says their sessions end and tokens answer 401. Now the
sessions end and the tokens are revoked when the box is unticked, and ticking it again asks for a new password."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from battlemap.deals.models import ActionItem
from battlemap.users.models import ApiToken
from battlemap.users.services import profile_language_set, token_create
from tests import factories as f

pytestmark = pytest.mark.django_db


def _save_in_admin(client, user, *, active: bool):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    if active:
        data["is_active"] = "on"
    return client.post(reverse("admin:auth_user_change", args=[user.pk]), data, follow=True)


@pytest.mark.parametrize(
    ("language", "asks_for_a_password"),
    [("en", "set a new password"), ("zh-hans", "设置新密码")],
)
def test_unticking_active_ends_sessions_and_tokens_for_good(client, world, language, asks_for_a_password):
    seller = world.owner
    browser = Client()
    browser.force_login(seller)
    page = f"/accounts/{world.cn.slug}/"
    assert browser.get(page).status_code == 200
    bi = token_create(user=seller, name="BI", read_only=True)
    api = Client(headers={"Authorization": f"Bearer {bi.secret}"})
    assert api.get("/api/me").status_code == 200

    root = f.user("root", is_superuser=True)
    profile_language_set(user=root, language=language)
    client.force_login(root)
    assert _save_in_admin(client, seller, active=False).status_code == 200
    seller.refresh_from_db()
    assert not seller.is_active and not seller.has_usable_password()
    assert ApiToken.objects.get(pk=bi.token.pk).revoked is not None

    answer = _save_in_admin(client, seller, active=True)
    seller.refresh_from_db()
    assert seller.is_active
    assert asks_for_a_password in answer.content.decode()
    assert browser.get(page).status_code == 302  # to the sign-in page: the session stays ended
    assert api.get("/api/me").status_code == 401
    assert not seller.has_usable_password()  # they sign in once an administrator sets a new password


def test_ticking_active_again_revokes_tokens_left_by_an_earlier_untick(client, world):
    """A user unticked before the fix kept their tokens (answering 401 only while inactive): ticking the box
    again revokes them; a password an administrator set meanwhile is kept."""
    seller = world.owner
    bi = token_create(user=seller, name="BI")
    seller.is_active = False
    seller.set_password("Set-by-the-admin-42")
    seller.save()
    root = f.user("root", is_superuser=True)
    client.force_login(root)
    _save_in_admin(client, seller, active=True)
    seller.refresh_from_db()
    assert seller.is_active and seller.check_password("Set-by-the-admin-42")
    assert ApiToken.objects.get(pk=bi.token.pk).revoked is not None


def test_unticking_a_seller_who_still_holds_accounts_says_so_and_where_to_hand_them_over(client, world):
    # a sales manager's trial: "was changed successfully", and the team page listed the seller as anyone else
    ActionItem.objects.create(deal=world.cn_deal, text="回访王总", owner=world.owner)
    won = f.deal(
        account=world.cn, name="一期", status="won"
    )  # after-sale work is held too (it went uncounted)
    ActionItem.objects.create(deal=won, text="满意度回访", owner=world.owner)
    root = f.user("root", is_superuser=True)
    profile_language_set(user=root, language="en")
    client.force_login(root)
    answer = _save_in_admin(client, world.owner, active=False)
    warned = [str(m) for m in answer.context["messages"] if m.level_tag == "warning"]
    assert len(warned) == 1
    assert (
        "<bdi>alice</bdi> still owns <bdi>2 accounts</bdi> and <bdi>2 open action items</bdi>: hand them over on "
        'their team&#x27;s page, “Hand over their accounts…” (<bdi><a href="/teams/east/">East</a></bdi>)'
    ) in warned[0]
    assert warned[0] in answer.content.decode()  # shown as it is, the link a link

    client.force_login(world.manager)
    page = client.get(reverse("team_detail", args=["east"]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    row = next(r for r in page.split("<tr>") if "alice" in r)
    assert '<span class="tag-left">已停用</span> <a href="/teams/east/members/' in row
    assert not any("已停用" in r for r in page.split("<tr>") if "bob" in r)


def test_unticking_a_user_who_holds_nothing_warns_of_nothing(client, world):
    root = f.user("root", is_superuser=True)
    client.force_login(root)
    answer = _save_in_admin(client, f.user("intern"), active=False)
    assert not any(m.level_tag == "warning" for m in answer.context["messages"])
