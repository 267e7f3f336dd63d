"""A slug made from the name and taken by another create between the check and the write (six accounts of one
name created at once: an integrator's trial got 422s naming a slug it never sent) is made again; a slug the user
chose and another took is still refused, naming `slug`."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from battlemap.accounts import services
from battlemap.accounts.models import Account
from battlemap.accounts.services import account_create

pytestmark = pytest.mark.django_db


def test_a_made_slug_taken_meanwhile_is_made_again(world, monkeypatch):
    made = iter(["guodian", "bing-fa"])  # the first is taken by the time the account is written
    real = services.free_slug  # the selector the service makes slugs with
    monkeypatch.setattr(services, "free_slug", lambda name: next(made, None) or real(name))
    account = account_create(owner=world.owner, name="并发测试公司", by=world.owner)
    assert account.slug == "bing-fa" and Account.objects.filter(slug="guodian").count() == 1


def test_a_chosen_slug_taken_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        account_create(owner=world.owner, slug="guodian", name="另一家", by=world.owner)
    assert set(caught.value.message_dict) == {"slug"}
