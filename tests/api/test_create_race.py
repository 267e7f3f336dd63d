"""Two writers taking the same unique value at once (a double submit, two clients): the one write path
(core.services.create_validated / update_versioned) turns the database's refusal into the error
naming the field, so the web answers 422 and the API 422 — never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_update
from battlemap.teams.models import Team
from battlemap.teams.services import team_create
from tests import factories as f


@pytest.fixture
def lost_race(monkeypatch):
    """After `model`'s uniqueness check passed, another writer inserts `rival` (what happens when two
    requests validate before either inserts)."""

    def arrange(model, rival):
        original = model.validate_unique
        calls = []

        def validate_then_lose(self, exclude=None):
            original(self, exclude=exclude)
            if not calls:
                calls.append(1)
                rival()

        monkeypatch.setattr(model, "validate_unique", validate_then_lose)

    return arrange


def test_web_create_race_on_the_slug_names_the_field(owner_client, world, lost_race):
    lost_race(Account, lambda: f.account(owner=world.outsider, slug="acme", name="Acme rival"))
    response = owner_client.post(
        reverse("account_new"), {"name": "Acme", "slug": "acme", "currency": "CNY", "lifecycle": "prospect"}
    )
    assert response.status_code == 422
    assert 'has-error" id="field-slug"' in response.content.decode()
    assert Account.objects.filter(slug="acme").count() == 1


def test_api_create_race_on_the_slug_names_the_field(world, lost_race, owner_api):
    lost_race(Account, lambda: f.account(owner=world.outsider, slug="acme", name="Acme rival"))
    response = owner_api.post("/api/accounts", {"slug": "acme", "name": "Acme"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["slug"]


def test_update_race_on_the_slug_names_the_field(world, lost_race):
    lost_race(Account, lambda: f.account(owner=world.outsider, slug="taken", name="Rival"))
    with pytest.raises(ValidationError) as caught:
        account_update(account=world.en, version=world.en.version, slug="taken")
    assert list(caught.value.message_dict) == ["slug"]
    world.en.refresh_from_db()
    assert world.en.slug == "northwind"


def test_team_create_race_names_the_field(db, lost_race):
    lost_race(Team, lambda: team_create(slug="east", name="East"))
    with pytest.raises(ValidationError) as caught:
        team_create(slug="east", name="East again")
    assert list(caught.value.message_dict) == ["slug"]
