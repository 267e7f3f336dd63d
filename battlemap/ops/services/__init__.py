"""Writes of the ops app: worker heartbeats, failing the tasks of a worker that died, retrying a task.

A worker (`battlemap worker`) beats every WORKER_BEAT_SECONDS: its row in WorkerBeat and the modification
time of a file under <var>/workers/ (the file keeps beating while a long SQLite transaction holds the
database's write lock). A task still marked running whose worker has not beaten for WORKER_STALE_SECONDS
is failed with a clear message and its job's own handler (registered with `on_worker_died`) marks the job
failed — the import or ingest ran in one transaction, so nothing of it landed — and retryable.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from battlemap.core.multilingual import active_language
from battlemap.ops.backup_contents import backup_models
from battlemap.ops.models import WorkerBeat
from battlemap.ops.outcomes import task_offers_retry
from battlemap.ops.selectors import backup_size, not_migrated_notice, uses_workers
from battlemap.ops.task_states import FAILED_RETRIED, RETRIED, RETRYABLE, WORKER_DIED
from battlemap.punctuation import labelled

log = logging.getLogger("battlemap.worker")

DiedHandler = Callable[[list[Any], dict[str, Any], str, datetime | None], None]
_died_handlers: dict[str, DiedHandler] = {}


class WorkerDied(Exception):
    """The worker running a task stopped before the task finished (its heartbeat went stale)."""


def on_worker_died(task_path: str) -> Callable[[DiedHandler], DiedHandler]:
    """Register what marks a task's job failed when its worker died: `handler(args, kwargs, task_id, last_beat)`."""

    def register(handler: DiedHandler) -> DiedHandler:
        _died_handlers[task_path] = handler
        return handler

    return register


def beat_dir() -> Path:
    path = Path(settings.VAR_DIR) / "workers"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}.{os.getpid()}.{os.urandom(3).hex()}"


def worker_beat(*, worker_id: str, started_at: datetime) -> None:
    """This worker is alive now: touch its file, then its row (a locked SQLite database only skips the row)."""
    (beat_dir() / worker_id).touch()
    try:
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": started_at,
                "beat_at": timezone.now(),
            },
        )
    except DatabaseError as exc:  # e.g. "database is locked" while this worker's own import writes
        log.warning("heartbeat of %s not written to the database: %s", worker_id, exc)


def worker_gone(*, worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat."""
    (beat_dir() / worker_id).unlink(missing_ok=True)
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def _last_beat(worker_id: str) -> datetime | None:
    beats = []
    row = WorkerBeat.objects.filter(worker_id=worker_id).values_list("beat_at", flat=True).first()
    if row:
        beats.append(row)
    try:
        mtime = (beat_dir() / worker_id).stat().st_mtime
        beats.append(datetime.fromtimestamp(mtime, tz=timezone.get_current_timezone()))
    except OSError:
        pass
    return max(beats) if beats else None


def fail_dead_tasks(*, now: datetime | None = None) -> int:
    """Fail every running task whose worker has not beaten for WORKER_STALE_SECONDS; returns how many."""
    now = now or timezone.now()
    stale = timedelta(seconds=settings.WORKER_STALE_SECONDS)
    failed = 0
    for result in DBTaskResult.objects.running().only("id", "worker_ids", "task_path", "args_kwargs"):
        worker_id = result.worker_ids[-1] if result.worker_ids else ""
        last = _last_beat(worker_id) if worker_id else None
        if last is not None and now - last < stale:
            continue
        seen = timezone.localtime(last).strftime("%Y-%m-%d %H:%M:%S") if last else "never"
        claimed = DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
            status="FAILED",
            finished_at=now,
            exception_class_path=WORKER_DIED,
            traceback=f"WorkerDied: worker {worker_id} stopped (last heartbeat {seen}) before the task finished",
        )
        if not claimed:
            continue  # another process failed it first
        failed += 1
        log.warning("task %s failed: worker %s stopped (last heartbeat %s)", result.pk, worker_id, seen)
        handler = _handler(result.task_path)
        if handler is not None:
            args_kwargs = result.args_kwargs or {}
            handler(args_kwargs.get("args", []), args_kwargs.get("kwargs", {}), str(result.pk), last)
    for path in beat_dir().iterdir():  # files of workers long gone
        try:
            if now.timestamp() - path.stat().st_mtime > 24 * 3600:
                path.unlink(missing_ok=True)
        except OSError:
            continue
    return failed


def notice_dead_workers(job_status: str | None) -> bool:
    """What every job page (map import, people import, export, mail upload) runs before it shows a job: when
    the job is waiting or running (`job_status` "queued" or "running") and tasks run in workers, fail the
    tasks of workers that stopped beating (fail_dead_tasks, the one rule: WORKER_STALE_SECONDS), so a job
    whose worker died says so on its own page, even with no other worker left to notice.

    True when a task was failed: the page reads its job's state again (its died handler rewrote it). A
    database busy at that moment (SQLite, while a worker's import holds the write lock) skips the check:
    the workers, `battlemap jobs` and the next poll check again."""
    if job_status not in ("queued", "running") or not uses_workers():
        return False
    try:
        return fail_dead_tasks() > 0
    except DatabaseError:
        return False


def _handler(task_path: str) -> DiedHandler | None:
    if task_path not in _died_handlers:
        try:
            import_module(task_path.rsplit(".", 1)[0])  # the task's module registers its handler
        except ImportError:
            return None
    return _died_handlers.get(task_path)


def task_retry(*, task_id: str):  # noqa: ANN201 - a django-tasks TaskResult, or None
    """Enqueue again, with the same arguments, a task whose worker died, or one that ended returning
    RETRYABLE (its job failed by an unexpected error); its new TaskResult. Once only: None for any other
    task, one retried already (two clicks run it once), or one whose job offers no retry
    (ops.outcomes.task_offers_retry: a map import keeps no upload)."""
    from django.db import transaction

    with transaction.atomic():
        result = DBTaskResult.objects.filter(pk=task_id).first()
        if result is not None and result.exception_class_path == WORKER_DIED:
            was, marker = WORKER_DIED, RETRIED
        elif (
            result is not None
            and result.status == "SUCCESSFUL"
            and result.return_value == RETRYABLE
            and not result.exception_class_path  # not retried already
        ):
            was, marker = result.exception_class_path, FAILED_RETRIED
        else:
            return None
        if not task_offers_retry(result):
            return None
        task = import_string(result.task_path)
        new = task.enqueue(*result.args_kwargs.get("args", []), **result.args_kwargs.get("kwargs", {}))
        marked = DBTaskResult.objects.filter(pk=task_id, exception_class_path=was).update(
            exception_class_path=marker, traceback=f"{result.traceback}\nretried as {new.id}"
        )
        if not marked:  # another process retried it meanwhile
            transaction.set_rollback(True)
            return None
    return new


# --- backups ----------------------------------------------------------------------------------------


def backup_write(*, path: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """The whole installation's data as Django's JSON fixture (gzipped when `path` ends in .gz; times to the
    microsecond, ops.serializer): the same on SQLite and PostgreSQL, so a backup of one restores into the other.
    Read as one snapshot (`_read_snapshot`), so it may be taken while people work. Returns how many records.

    Written to a hidden file beside `path` (`.NAME.partial-…`, 0600 from its first byte: password hashes and
    personal data) and renamed to `path` once whole, so a backup cut short — a full disk, a killed process —
    never lies under its name: on an error the partial file is removed and the error raised (OSError of the
    file, e.g. ENOSPC; DatabaseError). `progress(done, total)` is called as records are written, first with
    (0, total), counted in records in the same snapshot. A symbolic link is written through (the file it names
    takes the backup); a `path` that is there and no regular file — a device, a pipe — is written as it is, no file
    renamed over it (a fresh reviewer's `backup /dev/full` replaced the device with a file)."""
    import gzip

    from django.core import serializers

    from battlemap.core.uploads import private_file

    path = path.resolve() if path.is_symlink() else path
    special = path.exists() and not path.is_file()
    partial = path if special else private_file(path.with_name(f".{path.name}.partial-{os.urandom(4).hex()}"))
    try:
        with _read_snapshot():
            total = backup_size()
            records = _backup_records(backup_models(), total, progress or (lambda done, total: None))
            opener = gzip.open if path.suffix == ".gz" else open
            try:
                with opener(partial, "wt", encoding="utf-8") as stream:
                    serializers.serialize(
                        "backup-json", records, stream=stream, use_natural_foreign_keys=True
                    )
            finally:
                # its open cursor closed now, not when collected after the connection closed (a stray
                # "Exception ignored … Cannot operate on a closed database" after a failed backup)
                records.close()
        if not special:
            os.replace(partial, path)
    except BaseException:
        if not special:
            partial.unlink(missing_ok=True)
        raise
    return total


def _backup_records(models: list, total: int, progress: Callable[[int, int], None]) -> Iterator[Any]:
    """Every record of `models` (deleted accounts too: the base manager), in primary-key order, saying
    `progress(done, total)` as they go."""
    progress(0, total)
    done = 0
    for model in models:
        for record in model._base_manager.order_by(model._meta.pk.name).iterator():
            yield record
            done += 1
            progress(done, total)


@contextmanager
def _read_snapshot() -> Iterator[None]:
    """Every read inside sees the database as it was at the first one: the backup read its tables one after
    another in autocommit, so a person added while it ran was missing while the role given them a moment later
    was there, and the file could not be restored (an operator's trial). PostgreSQL: one REPEATABLE READ, READ
    ONLY transaction (its documented way to a consistent dump, as pg_dump's). SQLite: one deferred read
    transaction — in WAL mode (settings) a reader sees one snapshot and writers go on; Django's atomic() would
    begin IMMEDIATE (settings' transaction_mode) and stop every writer for the whole backup."""
    from django.db import connection, transaction

    if not connection.get_autocommit() or connection.vendor not in ("postgresql", "sqlite"):
        yield  # already in a transaction (a test's): its own view
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("COMMIT")


class RestoreRefused(Exception):
    pass


def backup_restore(
    *, path: Path, replace: bool = False, progress: Callable[[int, int], None] | None = None
) -> int:
    """Load a backup into this database (migrated, and empty unless `replace`: then everything goes first);
    returns how many records. The file is read gzipped or not by its first bytes, whatever its name.

    Streamed, never read whole (ops.services.restore.backup_records): a first reading counts the records and
    refuses a file cut short or damaged before anything is written, naming the last whole record; the second
    writes them. All or nothing: one transaction. The records are written in bulk
    (ops.services.restore.restore_records: the rows and the foreign-key checks of `loaddata`, in one INSERT per
    batch instead of two statements per row); `progress(done, total)` is called as they go in, counted in records.
    Errors: RestoreRefused (no such file, a database not migrated — ops.selectors.not_migrated_notice —, a
    database with data and no `replace`, a file cut short or damaged, a
    record the models refuse — each naming the file and the record —, a file of no records with `replace`); the
    database's errors roll everything back."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from battlemap.accounts.models import Account
    from battlemap.ops.services.restore import BackupUnreadable, backup_count, backup_records, restore_records

    if not path.is_file():
        raise RestoreRefused(labelled(active_language(), str(path), _("no such file")))
    not_migrated = not_migrated_notice()  # as `serve` and `worker` refuse, not a missing table's error
    if not_migrated:
        raise RestoreRefused(not_migrated)
    if not replace and (get_user_model().objects.exists() or Account.all_objects.exists()):
        raise RestoreRefused(
            _(
                "the database is not empty: restore into a fresh one (`battlemap migrate` first), "
                "or pass --replace to remove everything in it first"
            )
        )
    try:
        total = backup_count(path)
        # `[]`: --replace would only have emptied this database (a reviewer's find)
        if replace and total == 0:
            raise BackupUnreadable(_("it holds no records: --replace would only empty this database"))
        with transaction.atomic():
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            with closing(backup_records(path)) as records:  # its file closed now, on an error too
                restored = restore_records(records, total=total, progress=progress)
            bring_data_to_this_release()
    except BackupUnreadable as exc:
        raise RestoreRefused(labelled(active_language(), str(path), exc)) from None
    return restored


def bring_data_to_this_release() -> None:
    """Run every data migration (each `RunPython` of the migration graph, in its order) over the data as it is
    now: a backup's records go into this release's tables as they were written, so a backup taken before a data
    migration would keep what that migration changes (an operator's trial: a v0.2.0 backup restored kept
    `Tian.HuiYu@CMBChina.com` and a full-width phone, which people.0006 brings to the stored form, and a
    re-import then showed false changes). A backup file says nothing of the release that wrote it, so every
    one runs: **a data migration must be idempotent** — it brings rows to a form, and rows in that form stay —
    and read its models from `apps` (the migration state of this release), with no use of `schema_editor`
    (None here: inside the restore's transaction SQLite opens none)."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("battlemap.")}
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state_apps = loader.project_state().apps
    plan = dict.fromkeys(
        key for leaf in loader.graph.leaf_nodes() for key in loader.graph.forwards_plan(leaf)
    )
    for key in plan:
        if key[0] not in ours:
            continue
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython) and operation.code is not RunPython.noop:
                operation.code(state_apps, None)
