"""Fast inserts for ingest volume: one executemany per table instead of a model instance per row.

Values are converted by each field's own `get_db_prep_save`, exactly as the ORM would, so every database
Django supports gets what it expects. No signals fire; history rows are written explicitly, as
django-simple-history's bulk helpers do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import connection, models

CHUNK = 5000
_CONVERTED = (models.DateTimeField, models.JSONField, models.DateField)


def fast_insert(model: type[models.Model], rows: Sequence[dict[str, object]]) -> None:
    """Insert rows given as {attname: python value}; the primary key is left to the database."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    plan = [(f.attname, f if isinstance(f, _CONVERTED) else None) for f in fields]
    params = [
        [field.get_db_prep_save(row[name], connection) if field else row[name] for name, field in plan]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), CHUNK):
            cursor.executemany(sql, params[start : start + CHUNK])


def fast_history(model: type[models.Model], rows: Sequence[dict[str, object]], *, when: datetime) -> None:
    """The "created" history rows of freshly inserted objects (rows must carry their `id`)."""
    extra = {
        "history_date": when,
        "history_type": "+",
        "history_change_reason": None,
        "history_user_id": None,
    }
    fast_insert(model.history.model, [{**row, **extra} for row in rows])
