"""Reads of the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Max, QuerySet

from battlemap.audit.models import AuditEntry


def account_audit(*, account) -> QuerySet:
    """The entries about `account`, newest first."""
    return AuditEntry.objects.filter(account=account).select_related("actor")


def map_loads(*, account_ids: Iterable[int]) -> dict[int, datetime]:
    """{account id: when its map was loaded from a file} of those of `account_ids` made so (`import-map`, the web's
    and the API's *Import a map*, the demo's replay): the entry the loader writes as its last step, at the end of
    the load (io.mapformat.load). An entry purged from the log (`purge-audit`) is not known."""
    rows = AuditEntry.objects.filter(
        account_id__in=list(account_ids), action=AuditEntry.Action.IMPORT, what="map_file"
    )
    return dict(rows.values("account_id").annotate(at=Max("at")).values_list("account_id", "at"))
