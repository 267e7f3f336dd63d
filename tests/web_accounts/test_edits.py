"""Edits on the account pages: drag-reparent, portrait in place, external factors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from tests import factories as f

EDITS = ["account_reparent", "account_portrait_edit", "account_factor_add"]


def _li(world) -> Person:
    return world.cn.people.get(name="李明")


@pytest.mark.parametrize("name", EDITS)
def test_outsider_gets_404_on_each_edit(client, world, name):
    client.force_login(world.outsider)
    assert client.post(reverse(name, args=[world.cn.slug]), {}).status_code == 404


@pytest.mark.parametrize("name", EDITS)
def test_anonymous_is_sent_to_login_on_each_edit(client, world, name):
    response = client.post(reverse(name, args=[world.cn.slug]), {})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_reparent_moves_a_person_and_keeps_history(owner_client, world):
    li = _li(world)
    new_boss = f.person(account=world.cn, name="陈副总", title="副总经理", reports_to=world.cn_boss)
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]),
        {"person": li.pk, "manager": new_boss.pk, "version": li.version},
    )
    assert response.status_code == 200, response.content
    li.refresh_from_db()
    assert li.reports_to == new_boss
    last = li.history.first()
    assert last.reports_to_id == new_boss.pk and last.history_user == world.owner


def test_reparent_refuses_a_cycle_naming_the_field(owner_client, world):
    li = _li(world)
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]),
        {"person": world.cn_boss.pk, "manager": li.pk, "version": world.cn_boss.version},
    )
    assert response.status_code == 400
    assert "reports_to" in response.json()["errors"]
    world.cn_boss.refresh_from_db()
    assert world.cn_boss.reports_to is None


def test_reparent_refuses_a_person_of_another_account(owner_client, world):
    stranger = f.person(account=world.other, name="Eve")
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]),
        {"person": _li(world).pk, "manager": stranger.pk, "version": _li(world).version},
    )
    assert response.status_code == 400
    assert "manager" in response.json()["errors"]


def test_reparent_refuses_bad_input_naming_the_field(owner_client, world):
    response = owner_client.post(reverse("account_reparent", args=[world.cn.slug]), {"person": "abc"})
    assert response.status_code == 400
    assert "person" in response.json()["errors"]


def test_reparent_without_the_version_seen_is_refused_naming_it(owner_client, world):
    li = _li(world)
    new_boss = f.person(account=world.cn, name="陈副总", title="副总经理", reports_to=world.cn_boss)
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]), {"person": li.pk, "manager": new_boss.pk}
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["version"]
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss


def test_reparent_refuses_a_stale_edit(owner_client, world):
    li = _li(world)
    seen = li.version
    li.title = "CIO"
    li.save()  # someone else edits meanwhile
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]), {"person": li.pk, "manager": "", "version": seen}
    )
    assert response.status_code == 409
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss


def test_reparent_to_the_top(owner_client, world):
    li = _li(world)
    response = owner_client.post(
        reverse("account_reparent", args=[world.cn.slug]),
        {"person": li.pk, "manager": "", "version": li.version},
    )
    assert response.status_code == 200
    li.refresh_from_db()
    assert li.reports_to is None


def test_portrait_edit_in_place(owner_client, world):
    url = reverse("account_portrait_edit", args=[world.cn.slug])
    form = owner_client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and 'name="strategic_goals"' in form.content.decode()
    response = owner_client.post(
        url,
        {
            "strategic_goals": "十四五数字化转型",
            "needs": "",
            "pains": "",
            "buying_behaviour": "",
            "notes": "",
            "version": world.cn.version,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "十四五数字化转型" in response.content.decode()
    world.cn.refresh_from_db()
    assert world.cn.strategic_goals == "十四五数字化转型"


def test_portrait_edit_refuses_a_stale_edit(owner_client, world):
    seen = world.cn.version
    world.cn.notes = "changed elsewhere"
    world.cn.save()
    response = owner_client.post(
        reverse("account_portrait_edit", args=[world.cn.slug]), {"strategic_goals": "x", "version": seen}
    )
    assert response.status_code == 409  # a stale edit is a conflict, as everywhere else
    assert "This record was changed" in response.content.decode() or "他人" in response.content.decode()
    world.cn.refresh_from_db()
    assert world.cn.strategic_goals == ""


def test_portrait_edit_without_htmx_redirects_back(owner_client, world):
    response = owner_client.post(reverse("account_portrait_edit", args=[world.cn.slug]), {"pains": "停电"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_portrait", args=[world.cn.slug])


def test_factor_add(owner_client, world):
    response = owner_client.post(
        reverse("account_factor_add", args=[world.cn.slug]),
        {"kind": "policy", "description": "双碳政策", "effect": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "双碳政策" in response.content.decode()
    assert world.cn.external_factors.get().kind == "policy"


@pytest.mark.parametrize(
    "data,field",
    [
        ({"kind": "weather", "description": "x", "effect": 0}, "kind"),
        ({"kind": "policy", "description": "", "effect": 0}, "description"),
        ({"kind": "policy", "description": "x", "effect": 7}, "effect"),
    ],
)
def test_factor_add_names_the_bad_field(owner_client, world, data, field):
    response = owner_client.post(
        reverse("account_factor_add", args=[world.cn.slug]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert response.context["factor_form"].errors.get(field)
    assert not world.cn.external_factors.exists()
