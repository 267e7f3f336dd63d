"""What a deletion's undo must give back (core.restore): every table's row count — history, audit and sessions
aside — and the account's map-format export, compared before the deletion and after its undo."""

from __future__ import annotations

import json

from django.apps import apps

from battlemap.accounts.models import Account
from battlemap.io.mapformat import export_map

BOOKKEEPING = ("histor", "audit", "session")


def map_state(slug: str) -> tuple[dict[str, int], str]:
    """Row counts of every table but history, audit and sessions, and the account's map-format export."""
    counts = {
        m._meta.db_table: m._base_manager.count()
        for m in apps.get_models()
        if not any(word in m._meta.db_table for word in BOOKKEEPING)
    }
    return counts, json.dumps(export_map(Account.objects.get(slug=slug)), sort_keys=True, default=str)
