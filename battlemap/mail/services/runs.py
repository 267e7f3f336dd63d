"""The ingest runs of the web upload: queued, running, then done or failed with a summary; an ingest and the
suggestions it brings, saved together."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from battlemap.mail.cache import account_inference
from battlemap.mail.models import IngestRun, Suggestion
from battlemap.mail.services.ingest import IngestReport, mail_ingest
from battlemap.mail.services.suggestions import suggestions_refresh


def ingest_with_suggestions(**arguments: Any) -> tuple[IngestReport, list[Suggestion]]:
    """`mail_ingest(**arguments)` and the suggestions the account's inference then supports (the new ones
    returned), in one transaction: a run stopped anywhere — an error, a killed worker — keeps nothing, neither
    the messages nor the suggestions (the worker-died message says so). The report counts the new people left
    unsuggested past MAIL_NEW_PEOPLE_PER_RUN. Raises what `mail_ingest` raises."""
    with transaction.atomic():
        report = mail_ingest(**arguments)
        created = suggestions_refresh(result=account_inference(arguments["account"]))
    report.people_left_out = created.people_left_out
    return report, created


def new_suggestions_text(count: int) -> str:
    """What an ingest says of the suggestions it brought ("3 new suggestions."), in the active language."""
    return ngettext("%(count)d new suggestion.", "%(count)d new suggestions.", count) % {"count": count}


def ingest_run_start(*, account, user, files: list[str]) -> IngestRun:  # noqa: ANN001
    """A queued run of `user`'s upload of `files` into `account`."""
    run = IngestRun(account=account, created_by=user, files=files)
    run.full_clean()
    run.save()
    return run


def ingest_run_running(*, run: IngestRun) -> IngestRun:
    run.status = IngestRun.Status.RUNNING
    run.save(update_fields=["status"])
    return run


def ingest_run_finish(*, run: IngestRun, failed: bool, summary: str) -> IngestRun:
    """The run ended: done (or failed) with what the user should read."""
    run.status = IngestRun.Status.FAILED if failed else IngestRun.Status.DONE
    run.summary = summary
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "summary", "finished_at"])
    return run


def ingest_run_requeue(*, run: IngestRun) -> IngestRun:
    """A run whose worker died, queued again (its task was enqueued again)."""
    run.status = IngestRun.Status.QUEUED
    run.summary = ""
    run.finished_at = None
    run.save(update_fields=["status", "summary", "finished_at"])
    return run
