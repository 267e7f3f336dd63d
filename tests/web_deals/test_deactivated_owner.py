"""An action item whose owner was deactivated keeps them until someone changes it: a trial deactivated a seller
who had left, and editing only the due day of their item on the web emptied its owner without a word (the owner
select had no such choice), while a PUT of what the API's GET gave was refused on `owner`. Now the form shows
the owner, marked as deactivated, and an edit that leaves them keeps them; giving an item to them anew stays
refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import ActionItem
from battlemap.users.services import profile_language_set, user_deactivate
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def left(world):
    """bob's item on the Chinese deal, and bob deactivated."""
    item = f.action(deal=world.cn_deal, person=world.cn_boss, owner=world.teammate)
    user_deactivate(user=world.teammate)
    return item


def _edit(client, world, item, **changes):
    data = {
        "text": item.text,
        "person": item.person_id or "",
        "owner": item.owner_id or "",
        "due": "",
        "version": item.version,
        **changes,
    }
    return client.post(reverse("deal_action_edit", args=["guodian", world.cn_deal.pk, item.pk]), data)


@pytest.mark.parametrize(("language", "mark"), [("en", "bob (deactivated)"), ("zh-hans", "bob（已停用）")])
def test_editing_the_due_day_keeps_a_deactivated_owner(client, world, left, language, mark):
    profile_language_set(user=world.owner, language=language)
    client.force_login(world.owner)
    page = client.get(reverse("deal_action_edit", args=["guodian", world.cn_deal.pk, left.pk]))
    selected = f'<option value="{world.teammate.pk}" selected>{mark}</option>'
    assert selected in page.content.decode()
    assert _edit(client, world, left, due="2026-12-31").status_code == 302
    left.refresh_from_db()
    assert left.owner == world.teammate and left.due.isoformat() == "2026-12-31"


def test_a_deactivated_user_is_given_no_item_anew(client, world, left):
    mine = f.action(deal=world.cn_deal, owner=world.owner)
    client.force_login(world.owner)
    refused = _edit(client, world, mine, owner=world.teammate.pk)
    assert refused.status_code == 422 and "owner" in refused.context["form"].errors
    mine.refresh_from_db()
    assert mine.owner == world.owner
    new = reverse("deal_action_new", args=["guodian", world.cn_deal.pk])
    assert client.post(new, {"text": "Call", "owner": world.teammate.pk}).status_code == 422
    assert not ActionItem.objects.filter(text="Call").exists()


def test_the_api_takes_back_what_it_gave_and_refuses_the_deactivated_owner_elsewhere(world, left):
    api = _client_for(world.owner)
    item = api.get(f"/api/action-items/{left.pk}").json()
    assert item["owner"] == "bob"
    body = {k: item[k] for k in ("text", "person", "owner", "due", "done", "version")}
    saved = api.put(f"/api/action-items/{left.pk}", {**body, "due": "2026-12-31"})
    assert saved.status_code == 200, saved.content
    left.refresh_from_db()
    assert left.owner == world.teammate and left.due.isoformat() == "2026-12-31"
    mine = f.action(deal=world.cn_deal, owner=world.owner)
    refused = api.patch(f"/api/action-items/{mine.pk}", {"owner": "bob", "version": mine.version})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "owner"
    created = api.post(f"/api/deals/{world.cn_deal.pk}/action-items", {"text": "Call", "owner": "bob"})
    assert created.status_code == 422 and created.json()["errors"][0]["field"] == "owner"
