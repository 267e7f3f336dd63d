from __future__ import annotations

import re

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_analysis_cache():
    """The analysis is cached by the newest history ids, which repeat between rolled-back tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def zh_client(client, world):
    """The owner of the world's accounts, in the Chinese UI."""
    client.force_login(world.owner)
    client.cookies["django_language"] = "zh-hans"
    return client


def input_box(html: str, name: str) -> str:
    """The `<input>` named `name` in a page's html."""
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
