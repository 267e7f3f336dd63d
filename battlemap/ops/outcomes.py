"""What a background task came to, as the page of its job shows it.

A task that ran to completion (django-tasks' SUCCESSFUL) may still have failed at its job: an upload whose
files were all unreadable ingested nothing, and its page says "failed — Unreadable files, nothing was
ingested: …". The job's own record (the ingest run, the import or export job file) says which; the task's
state only says the code returned. `task_outcome` reads that record, so `battlemap jobs` lists what the
page shows: one rule, the record's, for both.

Each task path has its reader (`job_outcome`): `reader(args, kwargs)` gives the `Outcome` of the job the
task ran for, or None when the record is gone (expired): the task's own state then stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    failed: bool
    summary: str  # what the job's page says of it, in the active language


OutcomeReader = Callable[[list[Any], dict[str, Any]], Outcome | None]
RetryReader = Callable[[list[Any], dict[str, Any]], bool]
_readers: dict[str, OutcomeReader] = {}
_retry_readers: dict[str, RetryReader] = {}

MAIL_INGEST = "battlemap.mail.tasks.ingest_upload"
IO_JOBS = (
    "battlemap.io.tabular.jobs.import_people_task",
    "battlemap.io.mapformat.jobs.map_import_task",
    "battlemap.io.export.jobs.export_task",
)


def job_outcome(*task_paths: str) -> Callable[[OutcomeReader], OutcomeReader]:
    """Register how to read the outcome of the job a task (by its path) ran for."""

    def register(reader: OutcomeReader) -> OutcomeReader:
        for path in task_paths:
            _readers[path] = reader
        return reader

    return register


def job_retry(*task_paths: str) -> Callable[[RetryReader], RetryReader]:
    """Register how to read whether the job a task ran for offers a retry (kept what a second run needs)."""

    def register(reader: RetryReader) -> RetryReader:
        for path in task_paths:
            _retry_readers[path] = reader
        return reader

    return register


def task_offers_retry(result: Any) -> bool:
    """Whether the job of a failed task (a DBTaskResult) offers a retry, as its page does: True unless its
    job's record says otherwise (a map import whose worker died keeps no upload: "import the file again")."""
    reader = _retry_readers.get(result.task_path)
    if reader is None:
        return True
    args_kwargs = result.args_kwargs or {}
    return reader(args_kwargs.get("args", []), args_kwargs.get("kwargs", {}))


def task_outcome(result: Any) -> Outcome | None:
    """The outcome of the job a finished task (a DBTaskResult) ran for, as its page shows it; None for a
    task that has not finished, has no job record, or whose record is gone."""
    if result.status != "SUCCESSFUL":
        return None  # a task that failed, or is still to finish, says so itself
    reader = _readers.get(result.task_path)
    if reader is None:
        return None
    args_kwargs = result.args_kwargs or {}
    return reader(args_kwargs.get("args", []), args_kwargs.get("kwargs", {}))


# The jobs of the apps. Their readers belong beside each task's `on_worker_died` handler (mail/tasks.py,
# io/*/jobs.py); they are here, reading each app's own record, until they move there.


@job_outcome(MAIL_INGEST)
def _ingest_run(args: list[Any], kwargs: dict[str, Any]) -> Outcome | None:
    from battlemap.mail.models import IngestRun

    run = IngestRun.objects.filter(pk=(args or [kwargs.get("run_id")])[0]).first()
    if run is None or run.status not in (IngestRun.Status.DONE, IngestRun.Status.FAILED):
        return None
    return Outcome(failed=run.status == IngestRun.Status.FAILED, summary=run.summary_text)


@job_outcome(*IO_JOBS)
def _io_job(args: list[Any], kwargs: dict[str, Any]) -> Outcome | None:
    from battlemap.core.multilingual import for_viewer
    from battlemap.io.jobs import job_state

    token = (args or [kwargs.get("token", "")])[0]
    state = job_state(token) if isinstance(token, str) else None
    if state is None or state.get("status") not in ("done", "failed"):
        return None
    problems = for_viewer(state.get("problems")) or []
    return Outcome(failed=state["status"] == "failed", summary=" ".join(str(p) for p in problems))


@job_retry(*IO_JOBS)
def _io_job_retry(args: list[Any], kwargs: dict[str, Any]) -> bool:
    from battlemap.io.jobs import job_state

    token = (args or [kwargs.get("token", "")])[0]
    state = job_state(token) if isinstance(token, str) else None
    # what its page's Retry button reads; a page that retries marks its job queued first
    return state is not None and (state.get("status") != "failed" or bool(state.get("retry")))
