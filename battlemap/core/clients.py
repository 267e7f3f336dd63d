"""The one answer to "which address did this request come from?", for everything that counts requests by
client: the login throttling (django-axes, AXES_CLIENT_IP_CALLABLE) and the questionnaire links' rate limit.

By default the peer of the connection (REMOTE_ADDR). Behind reverse proxies (nginx in front of several app
servers) every customer would be the proxy's one address, so TRUSTED_PROXY_COUNT = N (default 0: trust no
header) reads the client from X-Forwarded-For: each proxy appends the address it received the request from,
so the N-th entry from the right is the one our nearest trusted proxy saw; entries further left are written
by the client and never trusted. Set it only when the app servers are reachable through the proxies alone
(docs/security.md)."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:  # noqa: ANN001 - any HttpRequest
    """The client's address: REMOTE_ADDR, or the TRUSTED_PROXY_COUNT-th X-Forwarded-For entry from the right
    (REMOTE_ADDR when that header is missing, too short or not an address). Empty without either (a request
    made in-process, as Django's `force_login` does): django-axes then stores no address (an address column
    refuses any other text on PostgreSQL)."""
    peer = request.META.get("REMOTE_ADDR") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < count:
        return peer
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer
