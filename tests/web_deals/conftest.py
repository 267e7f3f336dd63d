from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The world creates four users; a fast hasher keeps these view tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_analysis_cache():
    """The analysis is cached by the newest history ids, which repeat between rolled-back tests."""
    cache.clear()
    yield
    cache.clear()
