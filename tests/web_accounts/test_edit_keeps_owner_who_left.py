"""The account's edit form names its owner when they left (deactivated): the owner select offered active users
only, so for a seller who had left it showed "---------" — to a teammate (the field read only) and to an
administrator alike, as if the account had no owner. Now it shows "alice (deactivated)", selected, and a save that
leaves it keeps them; giving the account to a deactivated user anew stays refused."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.users.services import profile_language_set, user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db


def _owner_select(page: str) -> str:
    return re.search(r'<select name="owner".*?</select>', page, re.S).group(0)


@pytest.fixture
def left(world):
    user_deactivate(user=world.owner)
    return world.owner


@pytest.mark.parametrize("who", ["teammate", "admin"])
def test_the_form_names_the_owner_who_left(client, world, left, who):
    user = world.teammate if who == "teammate" else f.user("root", is_superuser=True)
    profile_language_set(user=user, language="en")
    client.force_login(user)
    page = client.get(reverse("account_edit", args=["guodian"])).content.decode()
    select = _owner_select(page)
    assert f'<option value="{left.pk}" selected>alice (deactivated)</option>' in select


def test_an_administrators_save_keeps_the_owner_who_left(client, world, left):
    root = f.user("root", is_superuser=True)
    client.force_login(root)
    form = client.get(reverse("account_edit", args=["guodian"])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "another_account"}
    data.update(name="国电智慧能源集团（新）", owner=left.pk, team=world.team.pk, version=world.cn.version)
    data = {k: v for k, v in data.items() if not isinstance(v, (list, dict))}
    response = client.post(reverse("account_edit", args=["guodian"]), data)
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode(), re.S)
    account = Account.objects.get(pk=world.cn.pk)
    assert account.owner == left and account.name == "国电智慧能源集团（新）"


def test_an_account_is_given_to_no_one_who_left(client, world):
    dave = f.user("dave")
    user_deactivate(user=dave)
    client.force_login(f.user("root", is_superuser=True))
    select = _owner_select(client.get(reverse("account_edit", args=["guodian"])).content.decode())
    assert (
        f'value="{world.owner.pk}" selected>alice</option>' in select and f'value="{dave.pk}"' not in select
    )
