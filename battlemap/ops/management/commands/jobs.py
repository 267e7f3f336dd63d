from __future__ import annotations

from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from battlemap.core.cli import DataCommand
from battlemap.ops.selectors import uses_workers
from battlemap.ops.services import RETRIED, WORKER_DIED, fail_dead_tasks, task_retry


class Command(DataCommand):
    help = "The background tasks (newest first): state, task, worker, times; --retry ID runs one whose worker died."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=20, help="how many tasks to list (default 20)")
        parser.add_argument("--retry", metavar="ID", help="enqueue again a task whose worker died")

    def handle(self, *args, limit, retry, **options):
        if not uses_workers():
            raise CommandError("TASKS_BACKEND is not the database backend: tasks run inside the request.")
        fail_dead_tasks()
        if retry:
            found = DBTaskResult.objects.filter(pk=retry).first() if _is_uuid(retry) else None
            if found is None:
                raise CommandError(f"--retry {retry}: no such task")
            new = task_retry(task_id=str(found.pk))
            if new is None:
                raise CommandError(
                    f"--retry {retry}: only a task whose worker died is retried, once (it is {found.status})"
                )
            self.stdout.write(f"queued again as {new.id}")
            return
        for task in DBTaskResult.objects.order_by("-enqueued_at")[:limit]:
            when = timezone.localtime(task.finished_at or task.started_at or task.enqueued_at)
            worker = task.worker_ids[-1] if task.worker_ids else "-"
            died = {WORKER_DIED: " (worker died)", RETRIED: " (worker died, retried)"}.get(
                task.exception_class_path, ""
            )
            self.stdout.write(
                f"{task.pk}\t{task.status}{died}\t{task.task_path.rsplit('.', 1)[-1]}\t{worker}\t{when:%Y-%m-%d %H:%M:%S}"
            )


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
