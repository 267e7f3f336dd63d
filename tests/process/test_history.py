"""Decision bodies, their deal roles and the purchase process are kept in history like the rest of the
map: the account's timeline and the changes API show them created, changed (old → new) and deleted,
and the map as of a day before a body existed has no body."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.process import services
from battlemap.users.models import Profile
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


def _timeline(client, world) -> str:
    return client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()


def test_a_body_its_deal_role_and_a_step_show_on_the_timeline_old_to_new(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    body = services.body_create(account=world.cn, name="党委会", kind="party_committee")
    body = services.body_update(body=body, version=body.version, decision_rule="consensus")
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    step = services.step_create(deal=world.cn_deal, kind="bid_evaluation")
    services.step_update(step=step, version=step.version, status="done", done_on=timezone.localdate())
    html = _timeline(owner_client, world)
    assert "decision body: 党委会" in html
    assert "decides by: majority vote → consensus" in html
    assert f"body&#x27;s role: {world.cn_deal.name} · 党委会" in html
    assert f"process step: {world.cn_deal.name} · bid evaluation" in html
    assert "status: planned → done" in html
    services.body_delete(body=body)
    assert html.count("decision body: 党委会") < _timeline(owner_client, world).count("decision body: 党委会")


def test_the_changes_api_lists_bodies_and_steps_created_changed_and_deleted(world):
    api = _client_for(world.owner)
    since = (timezone.now() - timedelta(minutes=1)).isoformat().replace("+", "%2B")
    body = services.body_create(account=world.cn, name="党委会", members=[world.cn_boss])
    body = services.body_update(body=body, version=body.version, meets="每月第一周")
    step = services.step_create(deal=world.cn_deal, kind="award", planned_on=timezone.localdate())
    services.body_delete(body=body)
    changes = api.get(f"/api/accounts/guodian/changes?since={since}").json()["changes"]
    seen = {(c["model"], c["change"], c["label"]) for c in changes}
    assert {
        ("decision_body", "created", "党委会"),
        ("decision_body", "deleted", "党委会"),
        ("process_step", "created", "定标"),  # a step without a name: its kind's label
    } <= seen
    assert next(c for c in changes if c["model"] == "decision_body" and c["change"] == "changed")[
        "fields"
    ] == ["meets"]
    assert ("body_member", "created", "党委会") in seen  # a member's line names the body
    assert step.id in {c["id"] for c in changes if c["model"] == "process_step"}


def test_the_map_as_of_a_day_before_the_body_existed_has_no_body(world):
    api = _client_for(world.owner)
    before = timezone.now().isoformat().replace("+", "%2B")
    body = services.body_create(account=world.cn, name="党委会", members=[world.cn_boss])
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    step = services.step_create(deal=world.cn_deal, kind="award", people=[world.cn_boss])
    then = api.get(f"/api/accounts/guodian/history?as_of={before}").json()
    now = api.get("/api/accounts/guodian/history?as_of=2999-01-01").json()
    assert then["decision_bodies"] == []
    assert [(b["name"], b["members"]) for b in now["decision_bodies"]] == [("党委会", [world.cn_boss.id])]
    deal_then = next(d for d in then["deals"] if d["id"] == world.cn_deal.id)
    deal_now = next(d for d in now["deals"] if d["id"] == world.cn_deal.id)
    assert (deal_then["body_roles"], deal_then["process_steps"]) == ([], [])
    assert [r["roles"] for r in deal_now["body_roles"]] == [["decision_maker"]]
    assert [(s["id"], s["responsible"]) for s in deal_now["process_steps"]] == [(step.id, [world.cn_boss.id])]


def _as_of_page(client, world, day) -> str:
    url = reverse("account_as_of", args=[world.cn.slug])
    return client.get(url, {"on": day.isoformat(), "deal": world.cn_deal.pk}).content.decode()


def test_the_map_as_of_page_shows_the_bodies_then_and_one_deleted_since(owner_client, world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    today = timezone.localdate()
    world.cn.history.update(history_date=timezone.now() - timedelta(days=10))
    world.cn_boss.history.update(history_date=timezone.now() - timedelta(days=10))
    body = services.body_create(
        account=world.cn, name="党委会", kind="party_committee", members=[world.cn_boss]
    )
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    three_days_ago = timezone.now() - timedelta(days=3)
    for model in (type(body), type(body).members.field.model, type(body).deal_roles.field.model):
        model.history.update(history_date=three_days_ago)
    world.cn_deal.history.update(history_date=timezone.now() - timedelta(days=10))
    services.body_delete(body=body)
    before = _as_of_page(owner_client, world, today - timedelta(days=5))
    assert "No decision bodies then." in before and "党委会" not in before
    then = _as_of_page(owner_client, world, today - timedelta(days=2))
    item = re.search(r'<li data-body="\d+" class="asof-gone">.*?</li>', then, re.S)
    assert item is not None
    assert "党委会" in item.group(0) and "王建国" in item.group(0) and "decision maker" in item.group(0)
    assert "removed from the map since" in item.group(0)
