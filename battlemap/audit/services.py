"""Writes of the audit log: the only writers of AuditEntry.

Callers (views, API routes, CLI commands, other apps' services) call `audit_record` after the act;
`audit_view` coalesces a user's views of one account into one entry per clock hour, and remembers in
the shared cache that the hour's entry exists, so a page view writes to the database once an hour at most.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.audit.models import AuditEntry

AUDIT_MIN_DAYS = 1  # `purge-audit --days` keeps at least a day: 0 or less would empty the log
AUDIT_TOO_FEW_DAYS = _("Keep at least %(least)s day: a smaller number would remove every entry.")

Action = AuditEntry.Action


def _actor(user) -> tuple:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user, user.get_username()


def audit_record(
    *, action: str, account=None, user=None, what: str = "", via: str = "", at=None, **params
) -> AuditEntry:
    """One entry: `user` (None: the installation) did `action` (AuditEntry.Action) on `account` through
    `via` ("api", "cli"; empty: the web, or a service called from several places); `what` (a key of audit.models.WHAT) with its `params` says what exactly —
    ids, formats, counts, user names, never a customer person's data."""
    actor, name = _actor(user)
    at = at or timezone.now()
    return AuditEntry.objects.create(
        at=at,
        actor=actor,
        actor_name=name,
        account=account,
        account_slug=account.slug if account is not None else "",
        action=action,
        what=what,
        params=params,
        via=via,
    )


def audit_view(*, account, user, via: str = "", at=None) -> None:
    """`user` viewed a page of `account` (`via` "api": read it through the API): one entry per user, account,
    road and clock hour (its first view)."""
    at = at or timezone.now()
    actor, _name = _actor(user)
    hour = at.replace(minute=0, second=0, microsecond=0)
    # the account's creation time tells apart two accounts that had the same id (a restored database)
    key = f"audit-view:{account.pk}:{account.created_at.timestamp()}:{actor.pk if actor else 0}:{via}:{hour:%Y%m%d%H}"
    if cache.get(key):
        return
    with transaction.atomic():
        seen = AuditEntry.objects.filter(
            account=account,
            action=Action.VIEW,
            actor=actor,
            via=via,
            at__gte=hour,
            at__lt=hour + timedelta(hours=1),
        ).exists()
        if not seen:
            audit_record(action=Action.VIEW, account=account, user=user, via=via, at=at)
    cache.set(key, True, 3600)


def audit_purge(*, days: int | None = None, now=None) -> int:
    """Remove the entries older than `days` (default AUDIT_KEEP_DAYS); returns how many went. `days` below
    AUDIT_MIN_DAYS: ValidationError naming `days`, nothing removed."""
    days = settings.AUDIT_KEEP_DAYS if days is None else days
    if days < AUDIT_MIN_DAYS:  # a negative or zero count would remove every entry, today's too
        raise ValidationError({"days": AUDIT_TOO_FEW_DAYS % {"least": AUDIT_MIN_DAYS}})
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _per_model = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
