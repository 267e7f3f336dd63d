"""Loading a backup's records (`battlemap restore`, ops.services.backup_restore) in bulk.

Django's `loaddata` saves a fixture row by row: for each record an UPDATE that finds nothing, then an INSERT
(Model.save_base with raw=True) — two statements per row, so two 3,000-person accounts (about 190,000
records with their history) took minutes, saying nothing. This loads each model's records with one INSERT
per batch instead, and keeps what loaddata guarantees:

- the same rows: the records are read by Django's own deserializer (natural keys of users resolved, forward
  references deferred and written at the end, as loaddata does) and inserted *raw*, as loaddata's save
  is: every field as the file has it (an `auto_now` field keeps its recorded time);
- the same integrity checks: foreign keys are checked once everything is in
  (`connection.check_constraints` over the tables loaded, inside the transaction), and sequences are reset
  (PostgreSQL), as loaddata does;
- the same signals: `pre_save` and `post_save` (raw=True) are sent for every record of a model that has
  receivers (django-simple-history's ignore raw saves: no history is written twice);
- all or nothing: the caller's transaction.

Where bulk is not safe — a model inheriting another's table, a many-to-many with its own through model or
with `m2m_changed` receivers, a record without its primary key — that model's records are saved one by one
as loaddata saves them. `bench/backup.py` measures both ways (docs/operations.md: Backups).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.core.management.color import no_style
from django.core.serializers import base, python
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import signals

Progress = Callable[[int, int], None]


def _bulk_safe(model: Any) -> bool:
    meta = model._meta
    if meta.concrete_model._meta.parents:  # multi-table inheritance: rows in two tables
        return False
    return all(
        field.remote_field.through._meta.auto_created
        and not signals.m2m_changed.has_listeners(field.remote_field.through)
        for field in meta.many_to_many
    )


class _Loader:
    def __init__(self, using: str) -> None:
        self.using = using
        self.connection = connections[using]
        self.models: set[Any] = set()
        self.pending: list[base.DeserializedObject] = []

    def add(self, record: base.DeserializedObject) -> None:
        model = type(record.object)
        self.models.add(model)
        if self.pending and type(self.pending[0].object) is not model:
            self.flush()
        if _bulk_safe(model) and record.object.pk is not None:
            self.pending.append(record)
        else:
            self.flush()
            record.save(using=self.using)  # as loaddata saves it

    def flush(self) -> None:
        records, self.pending = self.pending, []
        if not records:
            return
        model = type(records[0].object)
        concrete = model._meta.concrete_model
        objects = [r.object for r in records]
        send = signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model)
        if send:
            for obj in objects:
                signals.pre_save.send(
                    sender=model, instance=obj, raw=True, using=self.using, update_fields=None
                )
        fields = [f for f in concrete._meta.local_concrete_fields if not f.generated]
        size = max(self.connection.ops.bulk_batch_size(fields, objects), 1)
        manager = concrete._base_manager.using(self.using)
        try:
            for start in range(0, len(objects), size):
                manager._insert(objects[start : start + size], fields=fields, using=self.using, raw=True)
        except DatabaseError as exc:  # as loaddata's "Could not load …", naming the model
            exc.args = (f"Could not load {model._meta.label}: {exc}",)
            raise
        for obj in objects:
            obj._state.adding = False
            obj._state.db = self.using
        self._many_to_many(model, records)
        if send:
            for obj in objects:
                signals.post_save.send(
                    sender=model, instance=obj, created=True, update_fields=None, raw=True, using=self.using
                )

    def _many_to_many(self, model: Any, records: list[base.DeserializedObject]) -> None:
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            rows = [
                through(**{source: r.object.pk, target: value})
                for r in records
                for value in (r.m2m_data or {}).get(field.name, ())
            ]
            through._base_manager.using(self.using).bulk_create(rows, batch_size=500)
        for r in records:
            r.m2m_data = None

    def finish(self) -> None:
        """Sequences past the restored ids (PostgreSQL; nothing on SQLite), as loaddata resets them."""
        self.flush()
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(self.models))
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def restore_records(
    records: list[dict], *, using: str = DEFAULT_DB_ALIAS, progress: Progress | None = None
) -> int:
    """Write `records` (a Django JSON fixture's list, as `dumpdata` writes it) into database `using`, in bulk
    where safe (module docstring); returns how many. Call it inside a transaction: on any error (a record
    the models refuse, a foreign key to nothing) the caller's transaction rolls everything back.

    `progress(done, total)` is called after each model's records and at the end, counted in records."""
    loader = _Loader(using)
    total = len(records)
    deferred: list[base.DeserializedObject] = []
    connection = connections[using]
    with connection.constraint_checks_disabled():
        done = 0
        # One model's records at a time, each written before the next model's are read: the deserializer
        # looks up natural keys (a user by username) in the database as it reads a record.
        for _label, run in groupby(records, key=lambda record: record.get("model")):
            batch = list(run)
            for record in python.Deserializer(batch, using=using, handle_forward_references=True):
                loader.add(record)
                if record.deferred_fields:
                    deferred.append(record)
            loader.flush()
            done += len(batch)
            if progress is not None and done < total:
                progress(done, total)
        for record in deferred:  # references to records later in the file, as loaddata writes them
            record.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[m._meta.db_table for m in loader.models])
    loader.finish()
    if progress is not None:
        progress(total, total)
    return total
