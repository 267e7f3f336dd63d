"""Rate limits of the public questionnaire links (no login there).

A link that exists has a budget of its own: SURVEY_RATE_LIMIT requests per SURVEY_RATE_WINDOW seconds, whoever
sends them — a respondent who reloads, opens it again or corrects an answer stays well inside it. A token that
matches no link counts against its client address (core.clients) and the smaller SURVEY_GUESS_LIMIT, so guessing
stops early. The two never mix: a whole customer behind one office address (NAT) answering their own links shares
nothing, and a few truncated or mistyped links (cut off in a chat app) do not block the real links of that
address — both had happened with one budget per address (60 requests, ~20 respondents; 10 misses blocked every
link). Counts live in Django's cache (the database cache by default, shared by every process).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from battlemap.core.clients import client_address


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


def link_allowed(link_id: int) -> bool:
    """Whether the link `link_id` may still be asked in this window (counts one more request to it)."""
    return _hit(f"link:{link_id}", settings.SURVEY_RATE_LIMIT)


def guess_allowed(request) -> bool:
    """Whether this client may still try tokens that match nothing (counts one more); behind proxies the client
    is what TRUSTED_PROXY_COUNT says (core.clients)."""
    return _hit(f"guess:{client_address(request)}", settings.SURVEY_GUESS_LIMIT)
