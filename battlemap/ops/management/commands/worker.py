"""`battlemap worker`: run background tasks (large imports, mail uploads) from the database queue.

django-tasks-db's worker loop, with a heartbeat thread: every WORKER_BEAT_SECONDS it records that this
worker is alive and fails the tasks of workers that stopped beating (ops.services.fail_dead_tasks)."""

from __future__ import annotations

import logging
import os
import threading
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, OperationalError, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.utils import is_locked_database_exception

from battlemap.core.cli import TranslatedCommand
from battlemap.ops.selectors import not_migrated_notice, uses_workers
from battlemap.ops.services import fail_dead_tasks, new_worker_id, worker_beat, worker_gone
from battlemap.ops.warm import Warmer

log = logging.getLogger("battlemap.worker")


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def beat(self) -> None:
        worker_beat(worker_id=self.worker_id, started_at=self.started_at)
        try:
            fail_dead_tasks()
        except DatabaseError as exc:
            log.warning("could not check for dead workers: %s", exc)

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.WORKER_BEAT_SECONDS):
                try:
                    self.beat()
                except Exception:  # noqa: BLE001 - the heartbeat must go on
                    log.exception("heartbeat failed")
        finally:
            connection.close()


class PatientWorker(Worker):
    """django-tasks-db's worker loop, which waits for SQLite's write lock instead of stopping: the idle claim of
    a task begins an exclusive transaction, and when another process (`import-map`, a long import) holds the
    lock past the busy timeout, that BEGIN fails with "database is locked" outside the library's own retry —
    the worker exited (an operator's trial). It now logs a warning and tries again after its interval. A lock
    error while a task is running or being recorded still stops the worker: its task is then failed as a dead
    worker's and offers a retry (ops.services.fail_dead_tasks), never left marked running."""

    def run(self) -> None:
        while True:
            self.in_task = False
            try:
                return super().run()
            except OperationalError as exc:
                if self.in_task or not self.running or not is_locked_database_exception(exc):
                    raise
                log.warning(
                    "the database is locked by another writer (%s): waiting %.0f s, then trying again",
                    exc,
                    self.interval or 1,
                )
                self.startup_delay = False
                time.sleep(self.interval or 1)

    def run_task(self, db_task_result) -> None:  # noqa: ANN001
        self.in_task = True
        super().run_task(db_task_result)
        self.in_task = False


class Command(TranslatedCommand):
    help = gettext_lazy("Run a background worker: large imports and mail uploads (the database task queue).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help=gettext_lazy("seconds between polls when idle")
        )
        parser.add_argument(
            "--batch", action="store_true", help=gettext_lazy("run the queued tasks, then stop")
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help=gettext_lazy("stop after this many tasks")
        )
        parser.add_argument(
            "--recycle",
            action="store_true",
            help=gettext_lazy(
                "stop after WORKER_MAX_TASKS tasks, for a supervisor that starts a fresh worker "
                "(`battlemap serve`, systemd): the memory of a big task is given back"
            ),
        )

    def handle(self, *args, interval, batch, max_tasks, recycle, **options):
        if max_tasks is None and recycle:
            max_tasks = settings.WORKER_MAX_TASKS
        if not uses_workers():
            raise CommandError(
                _(
                    "TASKS_BACKEND is not the database backend (django_tasks_db.DatabaseBackend): "
                    "tasks run inside the request and need no worker."
                )
            )
        not_migrated = not_migrated_notice()
        if not_migrated:  # not a login page over missing tables, nor a worker restarted in a loop
            raise CommandError(not_migrated)
        if settings.WORKER_NICE > 0:
            # background work yields the CPU to the web requests people wait for (on the same machine)
            os.nice(settings.WORKER_NICE)
        worker_id = new_worker_id()
        heartbeat = Heartbeat(worker_id)
        heartbeat.beat()  # alive (and the dead failed) before the first task is claimed
        heartbeat.start()
        if options.get("verbosity", 1) >= 1:  # a log line (LOG_FORMAT=json: a JSON one), as the tasks' own
            log.info(_("battlemap worker %(id)s: waiting for tasks") % {"id": worker_id})
        worker = PatientWorker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        warmer = None
        if not batch and settings.ANALYSIS_WARM_MINUTES > 0:
            warmer = Warmer(idle=lambda: not worker.running_task)
            warmer.start()
        try:
            worker.run()
        finally:
            if warmer is not None:
                warmer.stopped.set()
            heartbeat.stopped.set()
            heartbeat.join(timeout=settings.WORKER_BEAT_SECONDS + 5)
            worker_gone(worker_id=worker_id)
