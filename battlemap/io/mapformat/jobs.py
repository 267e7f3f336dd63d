"""The web's *Import a map* and the API's `POST /api/maps` run as a background job (django-tasks, `battlemap
worker`) on the io app's job machinery (battlemap.io.jobs): the request checks the file (limits.read_map,
through accounts.map_file) and queues it; the worker loads it in one transaction (all or nothing), writing its
progress; the job page, or the API's `GET /api/maps/imports/{id}`, polls. `import-map` loads at once.

The upload waits in the private job folder (0600) beside the job's state, which names the user who may see
it (kind "map_import", no account yet). Why a job failed is kept in every language (core.multilingual), so
whoever opens the job page reads it in theirs."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from battlemap.core.errors import import_failed_unexpectedly
from battlemap.core.multilingual import every_language
from battlemap.core.uploads import write_private
from battlemap.io.jobs import JOBS, expire, job_state, jobs_dir, new_token, save_failed, save_state
from battlemap.ops.services import on_worker_died

from .limits import read_map
from .load import MapImportError, map_load

log = logging.getLogger("battlemap.import")

TASK_PATH = "battlemap.io.mapformat.jobs.map_import_task"
KIND = "map_import"
UPLOAD = ".map"  # the waiting file: <token>.map beside <token>.job
KEEP_SECONDS = 24 * 3600


def map_import_start(
    raw: bytes, *, user: Any, slug: str | None, team: str | None, filename: str, lang: str, via: str = ""
) -> str:
    """Queue the load of the map file `raw` (already checked by read_map) as a new account of `user`; the job's
    token. `via`: how it came, for the audit log ("api"; "" the web), as map_load takes it."""
    jobs_dir()
    expire(max_age=KEEP_SECONDS, suffix=UPLOAD)
    token = new_token()
    write_private(JOBS / f"{token}{UPLOAD}", raw)
    save_state(token, {"kind": KIND, "status": "queued", "user_id": user.pk, "slug": slug, "team": team,
                       "filename": filename, "lang": lang, "via": via, "done": 0, "total": 1})  # fmt: skip
    map_import_task.enqueue(token)
    return token


def map_import_state(token: str, user: Any) -> dict[str, Any] | None:
    """The map import job `token` of `user` (None when there is none, or it is another user's)."""
    state = job_state(token)
    if state is None or state.get("kind") != KIND or state.get("user_id") != user.pk:
        return None
    return state


@task(takes_context=True)
def map_import_task(context: TaskContext, token: str) -> None:
    """Load the map; the job state says queued → running (items done/total) → done (with the account's
    slug, and what of the map was not kept in every language) or failed (with the reason)."""
    state = job_state(token)
    if state is None:
        return
    state = {k: v for k, v in state.items() if k != "problems"}
    state["task_id"] = str(context.task_result.id)
    last = [0.0, 1]  # when the last progress was written, and the total of items

    def progress(done: int, total: int) -> None:
        last[1] = total
        if time.monotonic() - last[0] >= 0.5 or done >= total:
            last[0] = time.monotonic()
            save_state(token, {**state, "status": "running", "done": done, "total": total})

    save_state(token, {**state, "status": "running", "done": 0})
    path = JOBS / f"{token}{UPLOAD}"
    try:
        # a message not built lazily (core.multilingual) at least speaks the uploader's language
        with translation.override(state["lang"]):
            user = get_user_model().objects.get(pk=state["user_id"])
            data = read_map(path.read_bytes())
            via = state.get("via", "")  # a job queued before the API's route came has none: the web's
            loaded = map_load(
                data=data,
                owner=user,
                slug=state["slug"],
                team=state["team"],
                by=user,
                progress=progress,
                via=via,
            )
    except MapImportError as exc:  # the file's own problem, said as the loader says it
        problem = exc
        save_failed(
            token, state, lambda: [_("Battlemap cannot load this map: %(error)s") % {"error": problem}]
        )
    except Exception:  # the job must end in a state its page can show; the traceback goes to the log
        log.exception("map import %s failed", token)
        save_failed(token, state, lambda: [import_failed_unexpectedly()])
    else:
        total, account = last[1], loaded.account
        left_out = every_language(loaded.left_out.text) if loaded.left_out else None  # read in the viewer's
        save_state(token, {**state, "status": "done", "done": total, "total": total,
                           "account_slug": account.slug, "account_name": account.name,
                           "left_out": left_out})  # fmt: skip
    finally:
        path.unlink(missing_ok=True)


@on_worker_died(TASK_PATH)
def map_import_worker_died(args: list, kwargs: dict, task_id: str, last_beat) -> None:  # noqa: ANN001
    """The worker loading this map stopped: nothing was imported (one transaction); the job says so."""
    token = args[0]
    state = job_state(token)
    if state is None:
        return
    (JOBS / f"{token}{UPLOAD}").unlink(missing_ok=True)
    save_failed(
        token,
        state,
        lambda: [
            _(
                "The background worker loading this map stopped before it finished. Nothing was imported: "
                "the import is all or nothing. Import the file again."
            )
        ],
        task_id=task_id,
    )
