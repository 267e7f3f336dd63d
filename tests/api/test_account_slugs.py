"""An account's address (slug) is its name in every link, bookmark and script: a teammate renamed it over the API
(the web says it never changes), the owner's calls then got 404 and an outsider could take the old slug — so that
`battlemap export` of it exported his account; "HDNY" could stand beside "hdny", and "-" was a slug (API trial,
sixth round)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_create

pytestmark = pytest.mark.django_db


def test_a_slug_never_changes_on_any_road(owner_api, world):
    account = owner_api.get(f"/api/accounts/{world.cn.slug}").json()
    moved = owner_api.patch(
        f"/api/accounts/{world.cn.slug}", {"slug": "taken-over", "version": account["version"]}
    )
    assert moved.status_code == 422 and moved.json()["errors"][0]["field"] == "slug"
    assert Account.objects.filter(slug=world.cn.slug).exists()
    # sending its own slug back (a PUT of what GET gave) is no change
    same = owner_api.patch(
        f"/api/accounts/{world.cn.slug}",
        {"slug": world.cn.slug, "region": "华北", "version": account["version"]},
    )
    assert same.status_code == 200 and same.json()["region"] == "华北"


@pytest.mark.parametrize("slug", ["GUODIAN", "Guodian", "-", "_", "--"])
def test_a_new_slug_differs_from_every_other_whatever_the_case_and_names_something(outsider_api, world, slug):
    response = outsider_api.post("/api/accounts", {"name": "x", "slug": slug})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "slug"
    assert (
        "guodian" not in response.content.decode().lower() or slug.lower() == "guodian"
    )  # no other name leaked


def test_a_slug_the_account_had_before_the_rule_stays_its_own(world):
    old = world.cn.slug
    assert Account.history.filter(id=world.cn.pk, slug=old).exists()
    Account.objects.filter(pk=world.cn.pk).update(slug="renamed")  # as a rename through the old API left it
    with pytest.raises(ValidationError) as refused:
        account_create(owner=world.outsider, slug=old, name="x")
    assert "slug" in refused.value.message_dict
    assert account_create(owner=world.outsider, slug="free-one", name="x").slug == "free-one"
