"""Large web imports run as a background task (django-tasks API). The upload and the job's state
(status, progress, summary or problems; battlemap.io.jobs) are small files beside each other in the
private job folder, so a worker process can report progress while its import transaction is still open."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from battlemap.core.errors import cannot_save, import_failed_unexpectedly
from battlemap.core.multilingual import active_language, every_language
from battlemap.core.uploads import write_private
from battlemap.io.jobs import JOBS as UPLOADS
from battlemap.io.jobs import expire, job_state, jobs_dir, new_token, save_state
from battlemap.ops.services import on_worker_died

log = logging.getLogger("battlemap.import")

LARGE_FILE_ROWS = settings.IMPORT_BACKGROUND_ROWS  # above this, the web import runs in the background
PROGRESS_EVERY = 0.5  # seconds between progress writes
UPLOAD_MAX_AGE = 24 * 3600  # seconds an unconfirmed upload is kept


def _owner_path(token: str) -> Path:
    return UPLOADS / f"{token}.owner"


def stash(data: bytes, *, account_id: int, user_id: int) -> str:
    """Keep an upload between preview and confirm, tied to the account and user who uploaded it."""
    jobs_dir()
    expire(max_age=UPLOAD_MAX_AGE)  # uploads of abandoned previews do not stay on disk
    token = new_token()
    write_private(UPLOADS / token, data)
    write_private(_owner_path(token), json.dumps({"account_id": account_id, "user_id": user_id}))
    return token


def unstash(token: str, *, account_id: int, user_id: int) -> bytes | None:
    """The upload, only for the account and user it was stashed for (a token alone opens nothing)."""
    if not token.isalnum():
        return None
    try:
        owner = json.loads(_owner_path(token).read_text(encoding="utf-8"))
        if owner != {"account_id": account_id, "user_id": user_id}:
            return None
        return (UPLOADS / token).read_bytes()
    except (OSError, ValueError):
        return None


def forget(token: str) -> None:
    if token.isalnum():
        (UPLOADS / token).unlink(missing_ok=True)
        _owner_path(token).unlink(missing_ok=True)


TASK_PATH = "battlemap.io.tabular.jobs.import_people_task"


def import_queue(
    token: str, *, account: Any, user: Any, form: dict[str, str], rows: int, via: str = ""
) -> None:
    """Queue the import of the upload stashed as `token` (`stash`) into `account` (access checked by the
    caller): the job file says queued with `rows` to go, and `import_people_task` runs it in a worker — the web's
    confirmed import, `battlemap import --background` and the API's import past IMPORT_BACKGROUND_ROWS alike.
    `form` holds the web form's fields (views_helpers.FORM_FIELDS) and `dry_run` ("1": check and count, write
    nothing); `via`: how it came, for the audit log ("api", "cli"; "" the web), as people_import takes it."""
    save_state(token, {"kind": "import", "status": "queued", "account_id": account.pk,
                       "user_id": user.pk if user else None, "via": via, "filename": form["filename"],
                       "dry_run": form.get("dry_run") == "1", "done": 0, "total": rows})  # fmt: skip
    import_people_task.enqueue(token, form, account.pk, user.pk if user else None, active_language())


@task(takes_context=True)
def import_people_task(
    context: TaskContext, token: str, form: dict[str, str], account_id: int, user_id: int | None, lang: str
) -> None:
    """Run a queued import (`import_queue`); the job file says queued → running (done/total) → done or failed.

    Done, it keeps the summary lines and the answer the API gives within a request (`result`, io.schemas.ImportOut)
    in every language; failed, the problems and the field each names (`fields`: `rows.<row>.<column>`, `file`,
    `mapping`), as the API's 422 names them. The import is one transaction: a worker that dies half-way leaves
    nothing of it (the job then says so and can be retried, ops.services.fail_dead_tasks). A dry run
    (`form["dry_run"] == "1"`) writes nothing."""
    from battlemap.accounts.models import Account

    from .file_problems import file_message
    from .mappingfile import MappingError
    from .problems import ImportFailed
    from .readers import ReadError
    from .summary import summary_lines
    from .views_helpers import run_import

    state = {
        k: v
        for k, v in (job_state(token) or {}).items()
        if k not in ("problems", "fields", "summary", "retry")
    }
    state["task_id"] = str(context.task_result.id)
    account = Account.objects.get(pk=account_id)
    user = get_user_model().objects.get(pk=user_id) if user_id is not None else None
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY or done >= total:
            last[0] = time.monotonic()
            save_state(token, {**state, "status": "running", "done": done, "total": total})

    save_state(token, {**state, "status": "running", "done": 0})
    data = unstash(token, account_id=account_id, user_id=user_id)
    with translation.override(lang):
        try:
            if data is None:
                raise ReadError("empty")
            dry_run = form.get("dry_run") == "1"
            via = state.get("via", "")  # a job queued before `via` was kept has none: the web's
            result = run_import(
                account, user, data=data, form=form, dry_run=dry_run, progress=progress, via=via
            )
        # what the job page shows is kept in every language: whoever opens it reads their own
        except ReadError as exc:
            error = exc
            problems = every_language(lambda: [file_message(error)])
            save_state(token, {**state, "status": "failed", "problems": problems, "fields": ["file"]})
        except MappingError as exc:
            bad_mapping = exc
            problems = every_language(
                lambda: [_("Mapping file: %(error)s") % {"error": bad_mapping.message()}]
            )
            save_state(token, {**state, "status": "failed", "problems": problems, "fields": ["mapping"]})
        except ImportFailed as exc:
            failed = exc.problems
            problems = every_language(lambda: [p.message() for p in failed])
            fields = [f"rows.{p.row}.{p.column}" for p in failed]
            save_state(token, {**state, "status": "failed", "problems": problems, "fields": fields})
        # anything else (a full disk, a bug) must end the job in a state its page can show, not "running" for
        # ever; the traceback goes to the log (a full disk is said as such: cannot_save logs it)
        except Exception as exc:
            full = cannot_save(exc)
            if full is None:
                log.exception("import %s failed", token)
            reason = full[1] if full else None
            problems = every_language(lambda: [str(reason) if reason else import_failed_unexpectedly()])
            save_state(token, {**state, "status": "failed", "problems": problems})
        else:
            save_state(token, {**state, "status": "done", "done": result.rows, "total": result.rows,
                               "summary": every_language(lambda: summary_lines(result)),
                               "result": every_language(lambda: import_answer(result))})  # fmt: skip
    forget(token)


@on_worker_died(TASK_PATH)
def import_worker_died(args: list, kwargs: dict, task_id: str, last_beat) -> None:  # noqa: ANN001
    """The worker running this import stopped: the job fails, says why, and keeps its upload for a retry."""
    token = args[0]
    state = job_state(token) or {}
    problems = every_language(
        lambda: [
            _(
                "The background worker running this import stopped before it finished (its last sign of life: "
                "%(when)s). Nothing was imported: the import is all or nothing. Retry it: the Retry button on its "
                "page, POST …/retry over the API, or battlemap jobs --retry."
            )
            % {"when": translation.gettext("never") if last_beat is None else _localtime(last_beat)}
        ]
    )
    save_state(token, {**state, "status": "failed", "problems": problems, "retry": True, "task_id": task_id})


def import_answer(result: Any) -> dict[str, Any]:
    """The API's answer to an import (io.schemas.ImportOut) as JSON, in the active language (its summary and
    warnings): what a background job keeps for the client that polls it."""
    from battlemap.io.schemas import ImportOut

    return ImportOut.from_orm(result).model_dump(mode="json")


def _localtime(moment) -> str:  # noqa: ANN001
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
