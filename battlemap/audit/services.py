"""Writes of the audit log: the only writers of AuditEntry.

Callers (views, API routes, CLI commands, other apps' services) call `audit_record` after the act;
`audit_view` coalesces a user's views of one account into one entry per hour.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from battlemap.audit.models import AuditEntry

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
        last_at=at,
        actor=actor,
        actor_name=name,
        account=account,
        account_slug=account.slug if account is not None else "",
        action=action,
        what=what,
        params=params,
        via=via,
    )


@transaction.atomic
def audit_view(*, account, user, at=None) -> AuditEntry:
    """`user` viewed a page of `account`: one entry per user, account and clock hour, counting the views."""
    at = at or timezone.now()
    actor, _name = _actor(user)
    hour = at.replace(minute=0, second=0, microsecond=0)
    entry = (
        AuditEntry.objects.select_for_update()
        .filter(
            account=account, action=Action.VIEW, actor=actor, at__gte=hour, at__lt=hour + timedelta(hours=1)
        )
        .first()
    )
    if entry is None:
        return audit_record(action=Action.VIEW, account=account, user=user, at=at)
    AuditEntry.objects.filter(pk=entry.pk).update(count=F("count") + 1, last_at=at)
    entry.refresh_from_db()
    return entry


def audit_purge(*, days: int | None = None, now=None) -> int:
    """Remove the entries older than `days` (default AUDIT_KEEP_DAYS); returns how many went."""
    days = settings.AUDIT_KEEP_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _per_model = AuditEntry.objects.filter(last_at__lt=cutoff).delete()
    return deleted
