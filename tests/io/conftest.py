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
