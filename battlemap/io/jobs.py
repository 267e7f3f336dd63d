"""Large web imports run as a background task (django-tasks API). The upload and the job's state
(status, progress, summary or problems) are small files beside each other in the upload folder, so
a worker process can report progress while its import transaction is still open."""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

UPLOADS = Path(os.environ.get("BATTLEMAP_UPLOAD_DIR", Path(tempfile.gettempdir()) / "battlemap-imports"))
LARGE_FILE_ROWS = 2000  # above this, the web import runs in the background
PROGRESS_EVERY = 0.5  # seconds between progress writes


def stash(data: bytes) -> str:
    UPLOADS.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    (UPLOADS / token).write_bytes(data)
    return token


def unstash(token: str) -> bytes | None:
    if not token.isalnum():
        return None
    try:
        return (UPLOADS / token).read_bytes()
    except OSError:
        return None


def forget(token: str) -> None:
    if token.isalnum():
        (UPLOADS / token).unlink(missing_ok=True)


def job_state(token: str) -> dict[str, Any] | None:
    if not token.isalnum():
        return None
    try:
        return json.loads((UPLOADS / f"{token}.job").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_state(token: str, state: dict[str, Any]) -> None:
    path = UPLOADS / f"{token}.job"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)  # readers never see half a file


@task()
def import_people_task(token: str, form: dict[str, str], account_id: int, user_id: int, lang: str) -> None:
    """Run a confirmed web import; the job file says queued → running (done/total) → done or failed."""
    from battlemap.accounts.models import Account

    from .mappingfile import MappingError
    from .problems import ImportFailed, file_message
    from .readers import ReadError
    from .summary import summary_lines
    from .views_helpers import run_import

    state = job_state(token) or {}
    account = Account.objects.get(pk=account_id)
    user = get_user_model().objects.get(pk=user_id)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY or done >= total:
            last[0] = time.monotonic()
            save_state(token, {**state, "status": "running", "done": done, "total": total})

    data = unstash(token)
    with translation.override(lang):
        try:
            if data is None:
                raise ReadError("empty")
            result = run_import(account, user, data=data, form=form, dry_run=False, progress=progress)
        except ReadError as exc:
            save_state(token, {**state, "status": "failed", "problems": [file_message(str(exc))]})
        except MappingError as exc:
            save_state(token, {**state, "status": "failed", "problems": [str(exc)]})
        except ImportFailed as exc:
            save_state(token, {**state, "status": "failed", "problems": [p.message() for p in exc.problems]})
        else:
            save_state(token, {**state, "status": "done", "summary": summary_lines(result)})
    forget(token)
