"""An action item is its owner's to tick off: a manager who may only read the account was offered as its owner
and then could not tick it (403 on the web and the API) — it stayed on his This week for good (third trial)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from battlemap.deals.forms import ActionItemForm
from battlemap.deals.models import ActionItem
from battlemap.deals.services.actions import action_item_create
from battlemap.interactions.forms import CaptureForm

pytestmark = pytest.mark.django_db


def test_the_owner_choices_are_who_may_change_the_account(world):
    names = lambda field: {u.username for u in field.queryset}  # noqa: E731
    assert names(ActionItemForm(deal=world.cn_deal).fields["owner"]) == {
        "alice",
        "bob",
    }  # not carol, the manager
    assert names(CaptureForm(account=world.cn).fields["action_owner"]) == {"alice", "bob"}


def test_a_manager_who_reads_only_is_refused_as_owner_by_the_service_and_the_api(world, owner_api):
    with pytest.raises(ValidationError) as refused:
        action_item_create(deal=world.cn_deal, text="经理出面拜访王总", owner=world.manager)
    assert "无法勾选完成这条待办" in str(
        refused.value.message_dict["owner"]
    )  # the installation speaks Chinese
    url = f"/api/deals/{world.cn_deal.pk}/action-items"
    response = owner_api.post(url, {"text": "经理出面拜访王总", "owner": "carol"})
    assert response.status_code == 422 and "owner" in response.content.decode()
    assert not ActionItem.objects.exists()
    assert owner_api.post(url, {"text": "约王总", "owner": "bob"}).status_code == 201


def test_the_room_refuses_the_manager_naming_the_field(owner_client, world):
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    response = owner_client.post(url, {"text": "经理出面拜访王总", "owner": world.manager.pk})
    assert response.status_code == 422 and not ActionItem.objects.exists()
