"""Reads of the ops app: which workers are alive, the health of this installation."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task_backends

from battlemap.ops.backup_contents import backup_models
from battlemap.ops.models import WorkerBeat
from battlemap.ops.task_states import WORKER_DIED

log = logging.getLogger(__name__)


def uses_workers() -> bool:
    """True when tasks run in worker processes (the database backend), not inside the request."""
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def last_worker_beat():  # noqa: ANN201 - datetime | None
    return WorkerBeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def workers_alive() -> int:
    """How many workers beat within WORKER_STALE_SECONDS."""
    since = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    return WorkerBeat.objects.filter(beat_at__gte=since).count()


def migrations_pending() -> int:
    """How many migrations the database lacks (0: migrated); DatabaseError when it cannot be reached."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def not_migrated_notice() -> str | None:
    """What `serve` and `worker` refuse to start with on a database that lacks migrations (a fresh install,
    or an upgrade before `battlemap migrate`); None when it is migrated."""
    pending = migrations_pending()
    if not pending:
        return None
    return ngettext(
        "%(n)d migration is not applied to this database: run `battlemap migrate` first.",
        "%(n)d migrations are not applied to this database: run `battlemap migrate` first.",
        pending,
    ) % {"n": pending}


def no_worker_notice(job_status: str | None) -> str | None:
    """What a job's page, the API and the CLI say of a job waiting for a worker ("queued") while no worker
    beat within WORKER_STALE_SECONDS: that none is running and how to start one (a translated sentence).
    None when the job is not waiting, a worker is alive, or tasks run inside the request."""
    if job_status != "queued" or not uses_workers() or workers_alive():
        return None
    return _(
        "No background worker is running: start one with `battlemap worker` (`battlemap serve` starts one)."
    )


def free_disk_space() -> tuple[dict[str, float], list[str]]:
    """The free space, in MB, of each folder Battlemap writes to — `database` (SQLite's file's folder), `var`
    (BATTLEMAP_VAR_DIR), `uploads` (BATTLEMAP_UPLOAD_DIR), each named even when they share a disk; and those
    with less than HEALTH_MIN_FREE_MB. Read by statvfs: no write, no lock. A PostgreSQL database's disk is its server's, not
    seen here. The space counted is what the service's user may fill (root's reserve left out)."""
    import os
    from pathlib import Path

    folders = {"var": Path(settings.VAR_DIR), "uploads": Path(settings.UPLOAD_DIR)}
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        folders = {"database": Path(connection.settings_dict["NAME"]).parent, **folders}
    free: dict[str, float] = {}
    for name, folder in folders.items():
        try:
            stats = os.statvfs(folder)
        except OSError:
            continue  # a folder not made yet (uploads before the first upload): nothing written there
        free[name] = round(stats.f_bavail * stats.f_frsize / 1e6, 1)
    minimum = settings.HEALTH_MIN_FREE_MB
    return free, [name for name, mb in free.items() if minimum and mb < minimum]


def health() -> tuple[bool, dict]:
    """(healthy, report): the database answers and is migrated, its disk and the var folder's have
    HEALTH_MIN_FREE_MB free (else `disk` low and `status` degraded: healthy is False, so `?strict=1` answers 503)
    and, with the database backend, a worker beat recently (`worker` ok, stale, or none when no worker beats at
    all).

    The report holds no account data: only states, counts of queued tasks, seconds and MB."""
    workers_ok, report = _database_and_workers()
    free, short = free_disk_space()
    report["disk"], report["disk_free_mb"] = ("low" if short else "ok"), free
    if short:
        # degraded, not down: pages and saves still work, and every app server on that disk would leave the load
        # balancer's rotation at once (a reviewer's find); `?strict=1` answers 503
        if report.get("status") != "down":
            report["status"] = "degraded"
        workers_ok = False
        minimum = settings.HEALTH_MIN_FREE_MB
        low = (
            f"less than HEALTH_MIN_FREE_MB ({minimum:,.0f} MB) free on the disk of: "
            f"{', '.join(short)}; every save fails once it is full"
        )
        report["reason"] = "; ".join(filter(None, (report.get("reason"), low)))
    return workers_ok, report


def _database_and_workers() -> tuple[bool, dict]:
    report: dict = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"
        # for the monitor, the kind of failure (no text: the probe needs no login); the whole of it is logged
        log.exception("/healthz: the database did not answer")
        report["database"] = "unreachable"
        report["error"] = type(exc).__name__
        report["status"] = "down"
        return False, report
    if not uses_workers():
        report["worker"] = "not used (tasks run inside the request)"
        report["status"] = "ok"
        return True, report
    from django_tasks_db.models import DBTaskResult

    try:
        last = last_worker_beat()
        report["workers_alive"] = workers_alive()
        report["tasks_queued"] = DBTaskResult.objects.ready().count()
        report["tasks_running"] = DBTaskResult.objects.running().count()
    except (
        DatabaseError
    ) as exc:  # it answers, but without the tables: never migrated, or not since an upgrade
        return False, {"database": "not migrated", "error": type(exc).__name__,
                       "reason": "run battlemap migrate", "status": "down"}  # fmt: skip
    stale = timedelta(seconds=settings.WORKER_STALE_SECONDS)
    age = (timezone.now() - last).total_seconds() if last else None
    if age is None:
        report["worker"] = "none"  # no worker ever beat (or every one stopped cleanly)
    else:
        report["worker"] = "ok" if age < stale.total_seconds() else "stale"
    report["worker_last_beat_seconds"] = round(age, 1) if age is not None else None
    report["status"] = "ok" if report["worker"] == "ok" else "degraded"
    if report["worker"] != "ok":
        report["reason"] = _NO_WORKER[report["worker"]] % {"stale": settings.WORKER_STALE_SECONDS}
    return report["worker"] == "ok", report


# Degraded, not down, without a live worker: pages and saves work, but every export, large import and mail upload
# waits in the queue. Said in the report, as a low disk is: an administrator who had just started the web server
# read "degraded" with nothing saying why or what to start (an IT administrator's trial).
_NO_WORKER = {
    "none": (
        "no worker is running: exports, large imports and mail uploads wait in the queue until one starts "
        "(`battlemap worker`; `battlemap serve` without --no-worker starts one, alive within seconds)"
    ),
    "stale": (
        "no worker has beaten for WORKER_STALE_SECONDS (%(stale)s s): exports, large imports and mail uploads "
        "wait in the queue; is `battlemap worker` still running?"
    ),
}


def died_task(task_path: str, first_arg) -> str | None:  # noqa: ANN001
    """The id of the task `task_path(first_arg, …)` whose worker died and that was not retried yet, if any."""
    if not uses_workers():
        return None
    from django_tasks_db.models import DBTaskResult

    found = (
        DBTaskResult.objects.filter(
            task_path=task_path, exception_class_path=WORKER_DIED, args_kwargs__args__0=first_arg
        )
        .order_by("-enqueued_at")
        .values_list("pk", flat=True)
        .first()
    )
    return str(found) if found else None


def backup_size() -> int:
    """How many records `battlemap backup` writes (ops.backup_contents.backup_labels: users, groups and the
    project's models, deleted accounts too): what it says before it starts."""
    return sum(model._base_manager.count() for model in backup_models())
