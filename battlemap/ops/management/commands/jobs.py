from __future__ import annotations

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from battlemap.core.cli import DataCommand, refused
from battlemap.core.text import command_line
from battlemap.ops.outcomes import task_offers_retry, task_origin, task_outcome
from battlemap.ops.selectors import uses_workers
from battlemap.ops.services import fail_dead_tasks, task_retry
from battlemap.ops.task_states import FAILED_RETRIED, RETRIED, WORKER_DIED


class Command(DataCommand):
    help = gettext_lazy(
        "The background tasks (newest first): state, task, account, user who asked for it, worker, time (a task "
        "whose job failed, as its page shows it, with what the page says); --retry ID runs again one whose "
        "worker died, or whose job failed by an unexpected error and offers a retry."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=20, help=gettext_lazy("how many tasks to list (default %(default)s)")
        )
        parser.add_argument(
            "--retry",
            metavar="ID",
            help=gettext_lazy("enqueue again a task whose worker died, or whose job offers a retry"),
        )

    def handle(self, *args, limit, retry, **options):
        if not uses_workers():
            raise CommandError(_("TASKS_BACKEND is not the database backend: tasks run inside the request."))
        if limit < 1:
            raise refused(f"--limit {limit}", _("must be 1 or more"))
        fail_dead_tasks()
        if retry:
            found = DBTaskResult.objects.filter(pk=retry).first() if _is_uuid(retry) else None
            if found is None:
                raise refused(f"--retry {retry}", _("no such task"))
            if not task_offers_retry(found):
                raise refused(
                    f"--retry {retry}",
                    _(
                        "its job kept nothing to run again (its page offers no retry): start it again, as its page says"
                    ),
                )
            new = task_retry(task_id=str(found.pk))
            if new is None:
                raise refused(
                    f"--retry {retry}",
                    _(
                        "only a task whose worker died, or whose job offers a retry, is retried, once (it is %(status)s)"
                    )
                    % {"status": found.status},
                )
            self.stdout.write(_("queued again as %(id)s") % {"id": new.id})
            return
        for task in DBTaskResult.objects.order_by("-enqueued_at")[:limit]:
            when = timezone.localtime(task.finished_at or task.started_at or task.enqueued_at)
            worker = task.worker_ids[-1] if task.worker_ids else "-"
            status = task.status + {
                WORKER_DIED: " (worker died)",
                RETRIED: " (worker died, retried)",
                FAILED_RETRIED: " (job failed, retried)",
            }.get(task.exception_class_path, "")
            said = ""
            # the task ran to completion, but its job (as its page shows it) may have failed
            outcome = task_outcome(task)
            if outcome is not None and outcome.failed:
                status, said = "FAILED (job failed)", f"\t{outcome.summary}"
            origin = task_origin(task)
            # a task the command line queued without --user: said as the timeline and the audit log say it
            asker = origin.user or (command_line() if origin.via == "cli" else "-")
            self.stdout.write(
                f"{task.pk}\t{status}\t{task.task_path.rsplit('.', 1)[-1]}\t{origin.account or '-'}\t"
                f"{asker}\t{worker}\t{when:%Y-%m-%d %H:%M:%S}{said}"
            )


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
