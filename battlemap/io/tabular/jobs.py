"""Large web imports run as a background task (django-tasks API). The upload and the job's state
(status, progress, summary or problems) are small files beside each other in the upload folder, so
a worker process can report progress while its import transaction is still open."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from battlemap.core.uploads import upload_dir, write_private

UPLOADS = Path(settings.UPLOAD_DIR) / "imports"  # private: 0700, each file 0600 (core.uploads)
LARGE_FILE_ROWS = 2000  # above this, the web import runs in the background
PROGRESS_EVERY = 0.5  # seconds between progress writes
UPLOAD_MAX_AGE = 24 * 3600  # seconds an unconfirmed upload is kept


def _owner_path(token: str) -> Path:
    return UPLOADS / f"{token}.owner"


def stash(data: bytes, *, account_id: int, user_id: int) -> str:
    """Keep an upload between preview and confirm, tied to the account and user who uploaded it."""
    upload_dir()
    UPLOADS.mkdir(mode=0o700, exist_ok=True)
    _expire_old_uploads()
    token = uuid.uuid4().hex
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


def _expire_old_uploads() -> None:
    """Uploads of abandoned previews do not stay on disk: anything older than a day goes."""
    cutoff = time.time() - UPLOAD_MAX_AGE
    for path in UPLOADS.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue


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
    write_private(tmp, json.dumps(state, ensure_ascii=False))
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

    data = unstash(token, account_id=account_id, user_id=user_id)
    with translation.override(lang):
        try:
            if data is None:
                raise ReadError("empty")
            result = run_import(account, user, data=data, form=form, dry_run=False, progress=progress)
        except ReadError as exc:
            save_state(token, {**state, "status": "failed", "problems": [file_message(exc)]})
        except MappingError as exc:
            save_state(token, {**state, "status": "failed", "problems": [str(exc)]})
        except ImportFailed as exc:
            save_state(token, {**state, "status": "failed", "problems": [p.message() for p in exc.problems]})
        else:
            save_state(token, {**state, "status": "done", "summary": summary_lines(result)})
    forget(token)
