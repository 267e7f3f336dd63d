"""Rate limits of the public questionnaire links (no login there, so by client address: core.clients).

Every request to a link counts against SURVEY_RATE_LIMIT per SURVEY_RATE_WINDOW seconds; a token
that matches no link counts against the smaller SURVEY_GUESS_LIMIT, so guessing stops early. Counts
live in Django's cache (the database cache by default, shared by every process).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from battlemap.core.clients import client_address


def _client(request) -> str:
    return client_address(request)  # behind proxies: TRUSTED_PROXY_COUNT


def _hit(bucket: str, limit: int) -> bool:
    """Count one more request in `bucket`; False when it goes over `limit` in the window."""
    key = f"surveys:rate:{bucket}"
    window = settings.SURVEY_RATE_WINDOW
    if cache.add(key, 1, window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return True
    return count <= limit


def request_allowed(request) -> bool:
    return _hit(f"any:{_client(request)}", settings.SURVEY_RATE_LIMIT)


def guess_allowed(request) -> bool:
    """Whether this client may still try tokens that match nothing (counts one more)."""
    return _hit(f"guess:{_client(request)}", settings.SURVEY_GUESS_LIMIT)


def guessing_blocked(request) -> bool:
    """Whether this client has already used up its failed tries (counts nothing)."""
    count = cache.get(f"surveys:rate:guess:{_client(request)}") or 0
    return count >= settings.SURVEY_GUESS_LIMIT
