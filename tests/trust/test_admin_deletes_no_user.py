"""Users are deactivated, never deleted: the admin offered *Delete* for a user who owned only action items (one with
accounts, memberships or coverage was blocked by those view-only rows), and their items then silently lost their
owner. Now it offers no delete at all: no button, no delete page, no bulk action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import ActionItem
from battlemap.users.services import profile_language_set
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client(client):
    root = f.user("root", is_superuser=True)
    profile_language_set(user=root, language="en")
    client.force_login(root)
    return client


def _erin_with_an_item(world):
    erin = f.user("erin")
    item = ActionItem.objects.create(deal=world.cn_deal, text="Send the quote", owner=erin)
    return erin, item


def test_a_user_page_offers_no_delete(root_client, world):
    erin, item = _erin_with_an_item(world)
    page = root_client.get(reverse("admin:auth_user_change", args=[erin.pk])).content.decode()
    assert reverse("admin:auth_user_delete", args=[erin.pk]) not in page
    delete = reverse("admin:auth_user_delete", args=[erin.pk])
    assert root_client.get(delete).status_code == 403
    assert root_client.post(delete, {"post": "yes"}).status_code == 403
    item.refresh_from_db()
    assert item.owner == erin


def test_the_user_list_offers_no_bulk_delete(root_client, world):
    erin, item = _erin_with_an_item(world)
    changelist = reverse("admin:auth_user_changelist")
    assert "delete_selected" not in root_client.get(changelist).content.decode()
    root_client.post(changelist, {"action": "delete_selected", "_selected_action": [erin.pk], "post": "yes"})
    item.refresh_from_db()
    assert item.owner == erin and erin.is_active
