"""A person's solid-line manager is never also their dotted-line manager, whichever way the edit comes (the
API, the org chart's drag, the person's form), and saving the form never drops a dotted line unseen."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from battlemap.people.models import DottedLine
from battlemap.users.services import token_create
from tests import factories as f


def _api_post(client, user, path: str, body: dict):
    token = token_create(user=user, name="test").secret
    return client.post(
        path, json.dumps(body), content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def _li(world):
    return world.cn.people.get(name="李明")  # reports to 王建国, the boss


def test_the_api_refuses_a_dotted_line_to_the_solid_line_manager_naming_manager(client, world):
    li = _li(world)
    response = _api_post(
        client, world.owner, f"/api/people/{li.id}/dotted-lines", {"manager": world.cn_boss.id}
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["manager"]
    assert not DottedLine.objects.filter(person=li).exists()


def test_the_api_refuses_a_solid_line_to_a_dotted_line_manager_naming_reports_to(client, world):
    li = _li(world)
    other = f.person(account=world.cn, name="陈副总")
    DottedLine.objects.create(person=li, manager=other)
    token = token_create(user=world.owner, name="test").secret
    response = client.patch(
        f"/api/people/{li.id}",
        json.dumps({"reports_to": other.id, "version": li.version}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["reports_to"]
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss


def test_dragging_a_card_onto_a_dotted_line_manager_is_refused(owner_client, world):
    li = _li(world)
    other = f.person(account=world.cn, name="陈副总")
    DottedLine.objects.create(person=li, manager=other)
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]),
        {"person": li.pk, "manager": other.pk, "version": li.version},
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reports_to"]
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss


def test_saving_the_form_keeps_a_dotted_line_to_the_solid_line_manager_in_sight(owner_client, world):
    """A line from before the rule: the form shows it ticked, and saving says why it cannot stay instead
    of deleting it."""
    li = _li(world)
    DottedLine.objects.create(person=li, manager=world.cn_boss)
    url = reverse("person", args=[world.cn.slug, li.pk])
    page = owner_client.get(url).content.decode()
    dotted = re.search(r'<select[^>]*name="dotted_managers".*?</select>', page, re.S).group(0)
    assert re.search(rf'value="{world.cn_boss.pk}"[^>]*selected', dotted)
    form = {
        "name": li.name,
        "title": li.title,
        "reports_to": world.cn_boss.pk,
        "dotted_managers": [world.cn_boss.pk],
        "status": "active",
        "version": li.version,
    }
    response = owner_client.post(url, form)
    assert response.status_code in (400, 422)
    assert (
        "solid-line manager already" in response.content.decode() or "实线上级" in response.content.decode()
    )
    assert DottedLine.objects.filter(person=li, manager=world.cn_boss).exists()
