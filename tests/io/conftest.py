"""Fixtures the export tests share."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from battlemap.demo.loader import load_demo


@pytest.fixture
def demo(client):
    """The demo accounts, loaded through the services, and a client logged in as their user (demo/demo),
    on an empty analysis cache."""
    cache.clear()
    load_demo()
    client.login(username="demo", password="demo")
    yield client
    cache.clear()


@pytest.fixture
def hdny(db):
    """The demo's Chinese account 华东省能源投资集团, as a reviewer's copy of it holds it (the CRM-export tests)."""
    from battlemap.accounts.models import Account

    load_demo()
    return Account.objects.get(slug="hdny")
