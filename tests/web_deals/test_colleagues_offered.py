"""Whom the forms offer as our people: a new team's meeting form listed the installation's administrator (the
one who set the server up, `root1`) beside the rep under 我方参与人, and the role form offered him to cover a
stakeholder — on every account, since an administrator sees every account. The forms offer the account's
colleagues; an administrator who is one of them (its owner, on its team) is still offered."""

from __future__ import annotations

import re

from django.urls import reverse

from tests import factories as f


def _offered(html: str, name: str) -> set[str]:
    """The user ids a page's checkboxes named `name` offer."""
    return set(re.findall(rf'<input[^>]*name="{name}"[^>]*value="(\d+)"', html)) | set(
        re.findall(rf'<input[^>]*value="(\d+)"[^>]*name="{name}"', html)
    )


def test_the_meeting_form_offers_the_accounts_colleagues_not_the_administrator(zh_client, world):
    admin = f.user("root1", is_superuser=True, is_staff=True)
    html = zh_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    offered = _offered(html, "our_people")
    assert str(world.owner.pk) in offered and str(world.teammate.pk) in offered
    assert str(admin.pk) not in offered and "root1" not in html


def test_the_role_form_offers_no_administrator_to_cover_a_stakeholder(zh_client, world):
    admin = f.user("root1", is_superuser=True, is_staff=True)
    url = reverse("deal_role_new", args=[world.cn.slug, world.cn_deal.pk])
    html = zh_client.get(url).content.decode()
    offered = _offered(html, "covered_by")
    assert str(world.owner.pk) in offered
    assert str(admin.pk) not in offered


def test_an_administrator_on_the_team_is_a_colleague_and_is_offered(zh_client, world):
    admin = f.user("root1", is_superuser=True, is_staff=True)
    world.team.memberships.create(user=admin, role="member")
    html = zh_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    assert str(admin.pk) in _offered(html, "our_people")
