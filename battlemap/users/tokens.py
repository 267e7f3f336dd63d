"""Personal access tokens for the JSON API: create (shown once), authenticate, revoke.

Only the SHA-256 digest of a token is stored. A token is `bm_<prefix>_<secret>`: the prefix (kept in
clear, unique) finds the row, the digest is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.users.models import ApiToken

TOKEN_PREFIX = "bm_"
PREFIX_BYTES = 5  # 10 hex characters, never an underscore
SECRET_BYTES = 32
MAX_EXPIRY_DAYS = 3650
# Writing last_used on every request would turn every read into a write; once a minute is enough to
# tell a user which tokens are alive.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the full token text; shown once, never stored


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def token_create(*, user, name: str = "", expires_in_days: int | None = None) -> NewToken:
    """A new token for `user`; the returned `secret` is the only copy of the token text."""
    name = (name or "").strip() or _("API token")
    if len(name) > 100:
        raise ValidationError({"name": _("Keep the name under 100 characters.")})
    expires = None
    if expires_in_days is not None:
        if not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
            raise ValidationError(
                {"expires": _("Expiry must be between 1 and %(max)d days.") % {"max": MAX_EXPIRY_DAYS}}
            )
        expires = timezone.now() + timedelta(days=expires_in_days)
    while True:
        prefix = secrets.token_hex(PREFIX_BYTES)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    text = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, digest=_digest(text), expires=expires
    )
    return NewToken(token=token, secret=text)


def token_authenticate(text: str):
    """The active user owning this token, or None when the token is unknown, revoked or expired."""
    if not text.startswith(TOKEN_PREFIX):
        return None
    prefix, sep, _secret = text[len(TOKEN_PREFIX) :].partition("_")
    if not sep or not prefix or len(prefix) > 16:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(text)):
        return None
    now = timezone.now()
    if token.revoked is not None or (token.expires is not None and token.expires <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


def token_state(token: ApiToken) -> str:
    """'active', 'revoked' or 'expired' — for lists."""
    if token.revoked is not None:
        return "revoked"
    if token.expires is not None and token.expires <= timezone.now():
        return "expired"
    return "active"
