"""Writes of the users app: users, their profile (language) and their API tokens.

The only writers of these models (the createuser command, the language switch, the token page, the
token CLI and the API authentication all call them). Only the SHA-256 digest of a token is stored; a
token is `bm_<prefix>_<secret>`: the prefix (kept in clear, unique) finds the row (users.tokens).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.core.text import clean_line
from battlemap.core.text_fields import clean_text_fields
from battlemap.users.models import ApiToken, Profile

TOKEN_PREFIX = "bm_"
PREFIX_BYTES = 5  # 10 hex characters, never an underscore
SECRET_BYTES = 32
MAX_EXPIRY_DAYS = 3650
# Writing last_used on every request would turn every read into a write; once a minute is enough to
# tell a user which tokens are alive.
LAST_USED_RESOLUTION = timedelta(minutes=1)
_touch_failing = {"said": False}  # token_touch's failure is logged once, when it starts failing

log = logging.getLogger(__name__)


# --- users ------------------------------------------------------------------------------------------


def username_check(username: str) -> None:
    """The username field's own rules (letters, digits and @ . + - _, at most 150), as the admin's form checks
    them — the CLI created "a b". ValidationError naming `username` otherwise."""
    User = get_user_model()
    try:
        User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
    except ValidationError as exc:
        raise ValidationError({"username": exc.messages}) from None


def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    superuser: bool = False,
    validate: bool = True,
):
    """A new user (an administrator who sees every account with `superuser`).

    The password must pass Django's validators (AUTH_PASSWORD_VALIDATORS: length, common passwords,
    all digits, likeness to the name): ValidationError naming `password` otherwise; the username its field's
    (`username_check`). `validate=False`
    only for the demo, whose users' passwords are documented and public."""
    User = get_user_model()
    first_name = clean_line(first_name)  # a name is one line (core.text_fields.clean_text_fields)
    username_check(username)
    if validate and password is not None:
        try:
            password_validation.validate_password(
                password, User(username=username, email=email, first_name=first_name)
            )
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    users = User._default_manager
    create = users.create_superuser if superuser else users.create_user
    return create(username=username, password=password, email=email, first_name=first_name)


def user_password_set(*, user, password: str) -> None:
    """Change `user`'s password; it must pass the validators (ValidationError naming `password`)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save(update_fields=["password"])


def user_deactivate(*, user) -> None:
    """`user` signs in no more, by password, session or API token: deactivated (as the admin's "active" box),
    the password made unusable, every working token revoked. Nothing they wrote is removed — their accounts,
    history, comments and action items stay, signed with their name (deleting the user would cascade)."""
    with transaction.atomic():
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        token_revoke_all(user=user)


def user_reactivate(*, user) -> bool:
    """`user` is active again (the admin's "active" box ticked anew) — with nothing of before: any token that still
    works is revoked (a user unticked before the admin called user_deactivate kept theirs), and their old sessions
    stay ended, user_deactivate having made the password unusable. Returns whether they still need a new password
    (an administrator sets one on the admin's password form; a password set there meanwhile is kept)."""
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        token_revoke_all(user=user)
    return not user.has_usable_password()


def profile_language_set(*, user, language: str) -> Profile:
    """Remember the language `user` chose (their profile is made on first use)."""
    profile, _created = Profile.objects.update_or_create(user=user, defaults={"language": language})
    return profile


# --- API tokens -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the full token text; shown once, never stored


def token_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def token_create(
    *, user, name: str = "", expires_in_days: int | None = None, read_only: bool = False
) -> NewToken:
    """A new token for `user` (`read_only`: it may only read, users.auth.BearerToken); the returned `secret` is the
    only copy of the token text.

    Errors: ValidationError naming `name`, `expires`, or `user` when the user is deactivated (a token of theirs
    would not work: an administrator's trial made one for a seller who had left, and the list said "active")."""
    if not user.is_active:
        raise ValidationError({"user": _("This user is deactivated: a token of theirs would not work.")})
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
    token = ApiToken(
        user=user, name=name, prefix=prefix, digest=token_digest(text), expires=expires, read_only=read_only
    )
    clean_text_fields(token)
    token.full_clean()
    token.save()
    return NewToken(token=token, secret=text)


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke `token` (a revoked token stays revoked; revoking twice changes nothing)."""
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


def token_revoke_all(*, user) -> int:
    """Revoke every token of `user` that still works (not revoked, not expired), in one transaction: the
    tokens page's "Revoke all" (a password change leaves them working). Returns how many."""
    now = timezone.now()
    with transaction.atomic():
        tokens = ApiToken.objects.select_for_update().filter(user=user, revoked__isnull=True)
        working = [t for t in tokens.order_by("id") if t.expires is None or t.expires > now]
        for token in working:
            token_revoke(token=token)
    return len(working)


def token_touch(*, token: ApiToken, now: datetime) -> None:
    """Note that `token` was used at `now`, at most once per LAST_USED_RESOLUTION.

    Bookkeeping that never fails the request it serves: a database that cannot write (SQLite's "database or
    disk is full", a lock held past the busy timeout) leaves `last_used` as it was, and the read goes on — an
    operator's trial had every token read answer 500 on a full disk. The write is in a savepoint, so the
    failure does not break a transaction the caller is in. Logged as one warning when touches start failing
    (per process), not one per request."""
    if token.last_used is not None and now - token.last_used < LAST_USED_RESOLUTION:
        return
    try:
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    except DatabaseError as exc:
        if not _touch_failing["said"]:
            log.warning("a token's last use not written (the request goes on): %s", exc)
        _touch_failing["said"] = True
        return
    _touch_failing["said"] = False
    token.last_used = now


def login_failures_clear(*, username: str, address: str | None) -> int:
    """Forget the failed logins of `username` from `address` (django-axes' AccessAttempt rows): a user's own
    mistypes, cleared when she signs in (users.throttle.LoginAttemptHandler). Returns the rows deleted."""
    from axes.models import AccessAttempt

    deleted, _rows = AccessAttempt.objects.filter(username=username, ip_address=address).delete()
    return deleted
