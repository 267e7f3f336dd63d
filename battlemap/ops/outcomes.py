"""What a background task came to, as the page of its job shows it.

A task that ran to completion (django-tasks' SUCCESSFUL) may still have failed at its job: an upload whose
files were all unreadable ingested nothing, and its page says "failed — Unreadable files, nothing was
ingested: …". The job's own record (the ingest run, the import or export job file) says which; the task's
state only says the code returned. `task_outcome` reads that record, so `battlemap jobs` lists what the
page shows: one rule, the record's, for both.

Each task path has its reader (`job_outcome`): `reader(args, kwargs)` gives the `Outcome` of the job the
task ran for, or None when the record is gone (expired): the task's own state then stands. Likewise
`job_origin`: the account the job was for and the user who asked for it (`task_origin`, `battlemap jobs`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    failed: bool
    summary: str  # what the job's page says of it, in the active language


@dataclass(frozen=True)
class Origin:
    account: str | None  # the account's slug (a deleted account's too)
    user: str | None  # the username of who asked for the job
    via: str = ""  # how it was asked for: "cli" the command line (no user: without --user), "api"; "" the web


Reader = Callable[
    [list[Any], dict[str, Any]], Any
]  # reader(args, kwargs) of a task: what its job's record says
_outcome_readers: dict[str, Reader] = {}
_retry_readers: dict[str, Reader] = {}
_origin_readers: dict[str, Reader] = {}

MAIL_INGEST = "battlemap.mail.tasks.ingest_upload"
IO_JOBS = (
    "battlemap.io.tabular.jobs.import_people_task",
    "battlemap.io.mapformat.jobs.map_import_task",
    "battlemap.io.export.jobs.export_task",
)


def _registry(readers: dict[str, Reader]) -> Callable[..., Callable[[Reader], Reader]]:
    def for_tasks(*task_paths: str) -> Callable[[Reader], Reader]:
        def register(reader: Reader) -> Reader:
            for path in task_paths:
                readers[path] = reader
            return reader

        return register

    return for_tasks


# Register, for the tasks (by path) it names, how to read of the job a task ran for: its Outcome (or None)…
job_outcome = _registry(_outcome_readers)
# …whether it offers a retry (kept what a second run needs)…
job_retry = _registry(_retry_readers)
# …and its Origin: the account it was for, the user who asked for it.
job_origin = _registry(_origin_readers)


def _read(readers: dict[str, Reader], result: Any, unknown: Any) -> Any:
    reader = readers.get(result.task_path)
    if reader is None:
        return unknown
    args_kwargs = result.args_kwargs or {}
    return reader(args_kwargs.get("args", []), args_kwargs.get("kwargs", {}))


def task_origin(result: Any) -> Origin:
    """The account a task's job was for and the user who asked for it (None where its record no longer says:
    an expired job file, a user removed since)."""
    return _read(_origin_readers, result, Origin(account=None, user=None))


def task_offers_retry(result: Any) -> bool:
    """Whether the job of a failed task (a DBTaskResult) offers a retry, as its page does: True unless its
    job's record says otherwise (a map import whose worker died keeps no upload: "import the file again")."""
    return _read(_retry_readers, result, True)


def task_outcome(result: Any) -> Outcome | None:
    """The outcome of the job a finished task (a DBTaskResult) ran for, as its page shows it; None for a
    task that has not finished, has no job record, or whose record is gone."""
    if result.status != "SUCCESSFUL":
        return None  # a task that failed, or is still to finish, says so itself
    return _read(_outcome_readers, result, None)


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
    from battlemap.punctuation import sentences

    token = (args or [kwargs.get("token", "")])[0]
    state = job_state(token) if isinstance(token, str) else None
    if state is None or state.get("status") not in ("done", "failed"):
        return None
    problems = for_viewer(state.get("problems")) or []
    return Outcome(failed=state["status"] == "failed", summary=sentences(str(p) for p in problems))


@job_retry(*IO_JOBS)
def _io_job_retry(args: list[Any], kwargs: dict[str, Any]) -> bool:
    from battlemap.io.jobs import job_state

    token = (args or [kwargs.get("token", "")])[0]
    state = job_state(token) if isinstance(token, str) else None
    # what its page's Retry button reads; a page that retries marks its job queued first
    return state is not None and (state.get("status") != "failed" or bool(state.get("retry")))


@job_origin(MAIL_INGEST)
def _ingest_run_origin(args: list[Any], kwargs: dict[str, Any]) -> Origin:
    from battlemap.mail.models import IngestRun

    run = IngestRun.objects.filter(pk=(args or [kwargs.get("run_id")])[0]).first()
    if run is None:
        return Origin(account=None, user=None)
    return _origin(account_id=run.account_id, user_id=run.created_by_id)


@job_origin(*IO_JOBS)
def _io_job_origin(args: list[Any], kwargs: dict[str, Any]) -> Origin:
    from battlemap.io.jobs import job_state

    token = (args or [kwargs.get("token", "")])[0]
    state = (job_state(token) if isinstance(token, str) else None) or {}
    # a people import's task carries them too (token, form, account_id, user_id, lang): its job file expires
    account_id, user_id = (args[2], args[3]) if len(args) >= 4 else (None, None)
    origin = _origin(account_id=state.get("account_id", account_id), user_id=state.get("user_id", user_id))
    if origin.account is None:  # a map import makes its account: named once done (or as asked for)
        origin = Origin(account=state.get("account_slug") or state.get("slug"), user=origin.user)
    return Origin(account=origin.account, user=origin.user, via=state.get("via", ""))


def _origin(*, account_id: int | None, user_id: int | None) -> Origin:
    from django.contrib.auth import get_user_model

    from battlemap.accounts.models import Account

    account = (
        Account.all_objects.filter(pk=account_id).values_list("slug", flat=True).first()
        if account_id
        else None
    )
    user = (
        get_user_model().objects.filter(pk=user_id).values_list("username", flat=True).first()
        if user_id
        else None
    )
    return Origin(account=account, user=user)
