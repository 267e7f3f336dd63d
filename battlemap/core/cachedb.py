"""Django's database cache, with `set_many` in a few queries instead of five per key.

Django's `DatabaseCache.set_many` sets each key on its own (a count, a savepoint, a select, an insert
or update, a release): filling the analysis cache of a manager's 200 accounts took some 2,000
queries. Here the count (and cull) happens once, then one delete and one insert per chunk of keys,
in one transaction. Reads, `add`, `touch` and the rest are Django's.

`delete_expired()` removes the entries past their time: Django's removes them only when the table is over
MAX_ENTRIES, so on SQLite a day's analyses of big accounts (keyed by the day) stayed in the file for days.
The analysis cache's warm-up calls it after each pass (ops/warm.py).
"""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

CHUNK = 200  # rows per statement: three parameters each stays well under SQLite's variable limit


class DatabaseCache(DjangoDatabaseCache):
    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list:
        if not data:
            return []
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = expires.replace(microsecond=0)
        rows = {
            self.make_and_validate_key(key, version=version): base64.b64encode(
                pickle.dumps(value, self.pickle_protocol)
            ).decode("latin1")
            for key, value in data.items()
        }
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        key_column, value_column, expires_column = map(
            connection.ops.quote_name, ("cache_key", "value", "expires")
        )
        expires = connection.ops.adapt_datetimefield_value(expires)
        try:
            with transaction.atomic(using=db), connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (the table name is quoted)
                count = cursor.fetchone()[0]
                if count + len(rows) > self._max_entries:
                    self._cull(db, cursor, tz_now().replace(microsecond=0), count + len(rows))
                keys = list(rows)
                for start in range(0, len(keys), CHUNK):
                    chunk = keys[start : start + CHUNK]
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(f"DELETE FROM {table} WHERE {key_column} IN ({marks})", chunk)  # noqa: S608
                    cursor.execute(
                        f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "  # noqa: S608
                        f"VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))}",
                        [part for key in chunk for part in (key, rows[key], expires)],
                    )
        except DatabaseError:
            # as Django's: writes to the cache may fail (a concurrent writer); the next read recomputes
            return list(data)
        return []

    def delete_expired(self) -> int:
        """Delete the entries whose time is past; returns how many."""
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {connection.ops.quote_name('expires')} < %s", [now])  # noqa: S608
            return max(cursor.rowcount, 0)
