"""The ingest runs of the web upload: queued, running, then done or failed with a summary; an ingest and the
suggestions it brings, saved together."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from battlemap.mail.cache import account_inference
from battlemap.mail.models import IngestRun, Suggestion
from battlemap.mail.services.ingest import IngestReport, mail_ingest, mail_read
from battlemap.mail.services.suggestions import suggestions_refresh


def ingest_with_suggestions(
    *, progress: Callable[[str, int], None] | None = None, **arguments: Any
) -> tuple[IngestReport, list[Suggestion]]:
    """`mail_ingest(**arguments)` and the suggestions the account's inference then supports (the new ones
    returned), in one transaction: a run stopped anywhere — an error, a killed worker — keeps nothing, neither
    the messages nor the suggestions (the worker-died message says so). The report counts the new people left
    unsuggested past MAIL_NEW_PEOPLE_PER_RUN. Raises what `mail_ingest` raises.

    The files are read before the transaction opens (`mail_read`): on SQLite a transaction holds the one write
    lock, and reading a large archive takes minutes, during which every other user's save would wait (a mail
    trial). `progress(stage, items)`: ("reading", read so far) as the files are read, then ("storing", read)."""
    arguments.setdefault("now", timezone.now())
    arguments["parsed"] = mail_read(
        arguments["paths"],
        bodies=arguments.get("bodies", False),
        date_order=arguments.get("date_order"),
        now=arguments["now"],
        progress=(lambda read: progress(IngestRun.Stage.READING, read)) if progress else None,
    )
    if progress is not None:
        progress(IngestRun.Stage.STORING, len(arguments["parsed"].records))
    with transaction.atomic():
        report = mail_ingest(**arguments)
        created = suggestions_refresh(result=account_inference(arguments["account"]))
    report.people_left_out = created.people_left_out
    report.people_suggested = sum(1 for s in created if s.kind == Suggestion.Kind.PERSON)
    report.suggestions_made = len(created)
    return report, created


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


def ingest_run_progress(run: IngestRun, *, every: float = 2.0) -> Callable[[str, int], None]:
    """The `progress(stage, items)` callback of `ingest_with_suggestions` for `run`: its stage and items read,
    saved at most every `every` seconds while reading (the runs table asks every 3 s) and at once on a change of
    stage."""
    last = [0.0]

    def progress(stage: str, items: int) -> None:
        now = time.monotonic()
        if stage == run.stage and now - last[0] < every:
            return
        last[0] = now
        run.stage, run.items_read = stage, items
        run.save(update_fields=["stage", "items_read"])

    return progress


def ingest_run_finish(*, run: IngestRun, failed: bool, summary: str) -> IngestRun:
    """The run ended: done (or failed) with what the user should read."""
    run.status = IngestRun.Status.FAILED if failed else IngestRun.Status.DONE
    run.stage = ""
    run.summary = summary
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "stage", "summary", "finished_at"])
    return run


def ingest_run_requeue(*, run: IngestRun) -> IngestRun:
    """A run whose worker died, queued again (its task was enqueued again)."""
    run.status = IngestRun.Status.QUEUED
    run.summary, run.stage, run.items_read = "", "", 0
    run.finished_at = None
    run.save(update_fields=["status", "summary", "stage", "items_read", "finished_at"])
    return run
