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

The file is read record by record (`backup_records`, ijson's C parser), never whole: `restore_records` takes any
iterable and holds one batch of one model's records at a time (an operator's trial: 2.5 million records read at
once took 5.6 GB). `backup_count` reads the file once before anything is written — how many records, for
honest progress, and a file cut short or damaged refused naming the last whole record.

Where bulk is not safe — a model inheriting another's table, a many-to-many with its own through model or
with `m2m_changed` receivers, a record without its primary key — that model's records are saved one by one
as loaddata saves them. `bench/backup.py` measures both ways (docs/operations.md: Backups).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby, islice
from pathlib import Path
from typing import Any

import ijson
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.management.color import no_style
from django.core.serializers import base, python
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import signals
from django.utils.translation import gettext as _

from battlemap.ops.backup_contents import backup_labels

Progress = Callable[[int, int], None]
# Records of one model deserialized and written together: memory holds one batch, not one model's whole table
BATCH = 2000


class BackupUnreadable(Exception):
    """A backup file that cannot be restored as it is: cut short, damaged, or a record no model here takes.
    Its message names the record (its number in the file, its model and primary key)."""


def _record_name(record: dict | None) -> str:
    if record is None:
        return ""
    return f"{record.get('model')} {record.get('pk')}".rstrip()


class _Chunks:
    """A file for ijson whose read is `read`."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self.read = read


def _check_model(model: str, number: int, kept: set[str]) -> None:
    """Refuse a record of no model here, or of one `battlemap backup` never writes (backup_labels): a content
    type, a permission or a session is in a `dumpdata` of another Django program, whose rows would clash with
    those `migrate` made here — a database error sending the operator to DATABASE_URL."""
    where = {"number": f"{number:,}", "model": repr(model)}
    try:
        found = apps.get_model(model)
    except (LookupError, ValueError):
        raise BackupUnreadable(_("record %(number)s: no model %(model)s in this release") % where) from None
    if found._meta.app_label not in kept and found._meta.label_lower not in kept:
        raise BackupUnreadable(
            _(
                "record %(number)s: %(model)s is in no backup written by `battlemap backup`: "
                "this file is not one (a `dumpdata` of another program?)"
            )
            % where
        )


def backup_records(path: Path) -> Iterator[dict]:
    """The records of a backup file (Django's JSON fixture; gzipped or not, known by its first bytes), one at a
    time as the file is read. Raises BackupUnreadable naming where a file stops being a backup: cut short
    (a copy interrupted, a full disk), damaged, not a list of records, a record of no model of this release."""
    with path.open("rb") as head:
        compressed = head.read(2) == b"\x1f\x8b"
    number, last = 0, None
    known: set[str] = set()
    kept = set(backup_labels())
    try:
        with gzip.open(path, "rb") if compressed else path.open("rb") as stream:
            if not stream.peek(4096).lstrip().startswith(b"["):
                raise BackupUnreadable(_("not a backup written by `battlemap backup`"))
            # read1: a chunk as it comes (read() of a gzip file cut short lost the last chunk's whole records)
            for record in ijson.items(_Chunks(stream.read1), "item", use_float=True):
                number += 1
                model = record.get("model") if isinstance(record, dict) else None
                if not isinstance(model, str) or not isinstance(record.get("fields"), dict):
                    raise BackupUnreadable(
                        _("record %(number)s is not a record of a backup (no model and fields)")
                        % {"number": f"{number:,}"}
                    )
                if model not in known:
                    _check_model(model, number, kept)
                    known.add(model)
                last = record
                yield record
    except (ijson.JSONError, OSError, EOFError, zlib.error, ValueError) as exc:
        said = exc.args[0] if exc.args else exc
        said = (said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)).splitlines()
        error = said[0] if said else type(exc).__name__
        cut = isinstance(exc, EOFError) or "premature EOF" in error
        if number == 0:
            message = (
                _("cut short before its first whole record") if cut else _("damaged before its first record")
            )
        else:
            where = {"number": f"{number:,}", "record": _record_name(last)}
            message = (
                _("cut short after record %(number)s (%(record)s): the rest of the file is missing")
                if cut
                else _("damaged after record %(number)s (%(record)s)")
            ) % where
        raise BackupUnreadable(message if cut else f"{message}: {error}") from None


def backup_count(path: Path) -> int:
    """How many records a backup file holds, read through once (`backup_records`: memory for one record): a
    file cut short or damaged is refused (BackupUnreadable) before anything is written."""
    return sum(1 for _record in backup_records(path))


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
    records: Iterable[dict],
    *,
    total: int | None = None,
    using: str = DEFAULT_DB_ALIAS,
    progress: Progress | None = None,
) -> int:
    """Write `records` (a Django JSON fixture's records, as `dumpdata` writes them: a list, or `backup_records`
    streaming a file) into database `using`, in bulk where safe (module docstring); returns how many. Call it
    inside a transaction: on any error (a record the models refuse, a foreign key to nothing, a file found
    damaged half-way) the caller's transaction rolls everything back.

    `progress(done, total)` is called after each batch and at the end, counted in records; `total` is how many
    there are (`backup_count`; a list's length when not given)."""
    loader = _Loader(using)
    if total is None:
        records = list(records)
        total = len(records)
    deferred: list[base.DeserializedObject] = []
    connection = connections[using]
    done = 0
    with connection.constraint_checks_disabled():
        # One model's records at a time, a batch written before the next is read: the deserializer looks up
        # natural keys (a user by username) in the database as it reads a record.
        for _label, run in groupby(records, key=lambda record: record.get("model")):
            while batch := list(islice(run, BATCH)):
                read = 0
                try:
                    for record in python.Deserializer(batch, using=using, handle_forward_references=True):
                        read += 1
                        loader.add(record)
                        if record.deferred_fields:
                            deferred.append(record)
                except (
                    base.DeserializationError,
                    FieldDoesNotExist,
                ) as exc:  # a value its field refuses, a field gone
                    raise BackupUnreadable(
                        _("record %(number)s (%(record)s): %(error)s")
                        % {
                            "number": f"{done + read + 1:,}",
                            "record": _record_name(batch[read]),
                            "error": exc,
                        }
                    ) from None
                loader.flush()
                done += len(batch)
                if progress is not None and done < total:
                    progress(done, total)
        for record in deferred:  # references to records later in the file, as loaddata writes them
            record.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[m._meta.db_table for m in loader.models])
    loader.finish()
    if progress is not None:
        progress(done, done)
    return done
