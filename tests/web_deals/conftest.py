from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_analysis_cache():
    """The analysis is cached by the newest history ids, which repeat between rolled-back tests."""
    cache.clear()
    yield
    cache.clear()
