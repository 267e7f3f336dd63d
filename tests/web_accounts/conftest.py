from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached analyses must not leak from one test's database into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
