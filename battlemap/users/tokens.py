"""Personal access tokens for the JSON API, the reads: authenticate a token, tell its state.

Creating, revoking and touching a token are writes: users.services.

Only the SHA-256 digest of a token is stored. A token is `bm_<prefix>_<secret>`: the prefix (kept in
clear, unique) finds the row, the digest is compared in constant time.
"""

from __future__ import annotations

import hmac

from django.utils import timezone

from battlemap.users.models import ApiToken
from battlemap.users.services import TOKEN_PREFIX, token_digest, token_touch


def token_authenticate(text: str) -> ApiToken | None:
    """The token, with its active user, or None when the token is unknown, revoked or expired."""
    if not text.startswith(TOKEN_PREFIX):
        return None
    prefix, sep, _secret = text[len(TOKEN_PREFIX) :].partition("_")
    if not sep or not prefix or len(prefix) > 16:
        return None
    # the user's profile too: the API answers in their language (users.auth), one query for both
    token = ApiToken.objects.select_related("user", "user__profile").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, token_digest(text)):
        return None
    now = timezone.now()
    if token.revoked is not None or (token.expires is not None and token.expires <= now):
        return None
    if not token.user.is_active:
        return None
    token_touch(token=token, now=now)
    return token


def token_state(token: ApiToken) -> str:
    """'active', 'revoked', 'expired' or 'user_inactive' (its user deactivated: it works no more, as
    `token_authenticate` refuses it) — for lists."""
    if token.revoked is not None:
        return "revoked"
    if token.expires is not None and token.expires <= timezone.now():
        return "expired"
    if not token.user.is_active:
        return "user_inactive"
    return "active"
