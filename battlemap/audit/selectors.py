"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from battlemap.audit.models import AuditEntry


def account_audit(*, account) -> QuerySet:
    """The entries about `account`, newest first."""
    return AuditEntry.objects.filter(account=account).select_related("actor")
