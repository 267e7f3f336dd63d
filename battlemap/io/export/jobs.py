"""Web and API exports run as background jobs (django-tasks, `battlemap worker`), on the io app's job
machinery (battlemap.io.jobs): the click enqueues, the job page shows the steps done, then offers the file.

The file waits in the private job folder (0600) for EXPORT_KEEP_MINUTES; whoever may see the account may
download it (core.access), and each download is audited as an export. The command line exports at once."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from battlemap.core.errors import cannot_save, export_failed_unexpectedly
from battlemap.core.uploads import write_private
from battlemap.io.jobs import JOBS, expire, job_state, jobs_dir, new_token, save_failed, save_state
from battlemap.ops.selectors import uses_workers
from battlemap.ops.services import on_worker_died
from battlemap.ops.task_states import RETRYABLE

from . import CONTENT_TYPES, EXPORT_STEPS, attachment, export_account, export_filename

log = logging.getLogger("battlemap.export")

TASK_PATH = "battlemap.io.export.jobs.export_task"
OUT = ".out"  # the finished file: <token>.out beside <token>.job


def keep_seconds() -> float:
    return settings.EXPORT_KEEP_MINUTES * 60


def export_file_path(token: str) -> Path | None:
    return JOBS / f"{token}{OUT}" if token.isalnum() else None


def export_start(*, account: Any, user: Any, fmt: str, deal_id: int | None, lang: str) -> str:
    """Queue an export of `account` (access already checked, the deal known to be the account's); its token."""
    jobs_dir()
    expire(max_age=keep_seconds(), suffix=OUT)
    token = new_token()
    save_state(token, {"kind": "export", "status": "queued", "account_id": account.pk, "user_id": user.pk,
                       "format": fmt, "deal_id": deal_id, "lang": lang, "done": 0, "total": EXPORT_STEPS,
                       "created": timezone.now().isoformat()})  # fmt: skip
    export_task.enqueue(token)
    return token


def export_state(token: str, account_id: int) -> dict[str, Any] | None:
    """The export job `token` of this account (None when there is none, or it is of another account)."""
    state = job_state(token)
    if state is None or state.get("kind") != "export" or state.get("account_id") != account_id:
        return None
    if state.get("status") == "done":
        path = export_file_path(token)
        if path is None or not path.is_file():
            state = {**state, "status": "expired"}
    return state


@task(takes_context=True)
def export_task(context: TaskContext, token: str) -> str | None:
    """Draw the file; the job state says queued → running (step done/total) → done (with its name) or failed."""
    from battlemap.accounts.models import Account

    state = job_state(token)
    if state is None:
        return  # expired before a worker took it
    state = {k: v for k, v in state.items() if k not in ("problems", "retry")}
    state["task_id"] = str(context.task_result.id)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] >= 0.2 or done >= total:
            last[0] = time.monotonic()
            save_state(token, {**state, "status": "running", "done": done, "total": total})

    save_state(token, {**state, "status": "running", "done": 0})
    expire(max_age=keep_seconds(), suffix=OUT)
    with translation.override(state["lang"]):
        account = Account.objects.filter(pk=state["account_id"]).first()
        try:
            if account is None:
                raise LookupError(_("The account no longer exists."))
            data = export_account(
                account,
                fmt=state["format"],
                deal_id=state.get("deal_id"),
                lang=state["lang"],
                progress=progress,
            )
            write_private(JOBS / f"{token}{OUT}", data)  # a full disk: no half file left (write_private)
        # what the job page shows is kept in every language: whoever opens it reads their own
        except KeyError:
            save_failed(token, state, lambda: [_("No such deal in this account.")])
        except LookupError as exc:
            said = None if account is None else str(exc)
            save_failed(token, state, lambda: [said or _("The account no longer exists.")])
        # the job must end in a state its page can show; the traceback goes to the log. A full disk is said as
        # such (cannot_save logs it), to be retried once space is freed.
        except Exception as exc:
            full = cannot_save(exc)
            if full is None:
                log.exception("export %s failed", token)
            reason = full[1] if full else None  # lazy: save_failed says it in every language
            save_failed(
                token,
                state,
                lambda: [str(reason) if reason else export_failed_unexpectedly()],
                retry=uses_workers(),
            )
            return RETRYABLE  # its page offers a retry (ops.services.task_retry)
        else:
            name = export_filename(account.name, state["format"], timezone.localdate().isoformat())
            save_state(token, {**state, "status": "done", "done": EXPORT_STEPS, "total": EXPORT_STEPS,
                               "filename": name, "size": len(data)})  # fmt: skip


@on_worker_died(TASK_PATH)
def export_worker_died(args: list, kwargs: dict, task_id: str, last_beat) -> None:  # noqa: ANN001
    """The worker drawing this export stopped: the job fails, says why, and can be retried."""
    token = args[0]
    state = job_state(token)
    if state is None:
        return
    save_failed(
        token,
        state,
        lambda: [
            _(
                "The background worker drawing this export stopped before it finished. Retry it: the Retry "
                "button on its page, POST …/retry over the API, or battlemap jobs --retry."
            )
        ],
        retry=True,
        task_id=task_id,
    )


def export_response(account: Any, token: str, state: dict[str, Any], *, user: Any, **audit: str) -> Any:
    """The finished file of a done export job, as a download; recorded in the audit log as an export by the
    user downloading it (`audit`: extra details, e.g. via="api")."""
    from django.http import Http404, HttpResponse

    from battlemap.audit.services import Action, audit_record

    path = export_file_path(token)
    try:
        data = path.read_bytes() if path is not None else None
    except OSError:
        data = None
    if data is None:
        raise Http404
    audit_record(
        action=Action.EXPORT, account=account, user=user, what="file", format=state["format"], **audit
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[state["format"]])
    response["Content-Disposition"] = attachment(state["filename"])
    return response
