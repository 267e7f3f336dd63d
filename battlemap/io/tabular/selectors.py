"""Reads of the io app: a deal of the account, and what one people import wrote (its undo reads it back)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from battlemap.core import reasons
from battlemap.deals.models import Deal
from battlemap.maps.history import account_histories

IMPORT_PREFIX = f"{reasons.PREFIX}imported{reasons.SEP}"  # core.reasons' "imported" code: an import's name
# an import's reason is kept short enough for its undo's reason ("@undo|" and it) to name it whole
UNDO_ROOM = reasons.MAX_CHARS - len(reasons.reason("undo", ""))


def deal_of_account(account: Any, deal_id: int) -> Deal | None:
    """The deal with this id inside the account (never another account's deal)."""
    return Deal.objects.filter(account=account, pk=deal_id).first()


def new_import_id() -> str:
    """The id of an import written now: its time to the microsecond, digits only (`20261205092314123456`)."""
    return timezone.now().strftime("%Y%m%d%H%M%S%f")


def import_reason(import_id: str, filename: str) -> str:
    """The history reason every write of import `import_id` of `filename` carries ("import people.csv" in the
    reader's language, core.reasons); a long file name is cut so that the undo's reason holds it whole."""
    return reasons.reason("imported", import_id, filename)[:UNDO_ROOM]


@dataclass
class ImportWrites:
    """What import `import_id` wrote, from the history tables: its reason, when and by whom, the file's name, and
    for each record it wrote — (model, id) — its history rows of the import, oldest first."""

    reason: str
    at: datetime
    user: Any
    filename: str
    rows: dict[tuple[type, int], list[Any]] = field(default_factory=dict)
    undone: bool = False


def import_writes(account: Any, import_id: str) -> ImportWrites | None:
    """What import `import_id` of `account` wrote (ImportWrites), None when no write of the account carries it
    (an unknown id, another account's import, an import that changed nothing, or one made before imports had ids)."""
    if not import_id.isdigit():
        return None
    prefix = f"{IMPORT_PREFIX}{import_id}{reasons.SEP}"
    found: ImportWrites | None = None
    histories = account_histories(account)
    for _name, history in histories:
        for row in history.filter(history_change_reason__startswith=prefix).order_by(
            "history_date", "history_id"
        ):
            if found is None or row.history_date < found.at:
                found = ImportWrites(
                    reason=row.history_change_reason,
                    at=row.history_date,
                    user=row.history_user,
                    filename=row.history_change_reason[len(prefix) :],
                    rows=found.rows if found else {},
                )
            found.rows.setdefault((row.instance_type, row.id), []).append(row)
    if found is not None:
        undo = reasons.reason("undo", found.reason)
        found.undone = any(
            history.filter(history_change_reason=undo).exists() for _name, history in histories
        )
    return found
