"""The io app's background jobs (large imports, exports): each job's state is a small JSON file in a
private folder (0700, each file 0600), so a worker process reports progress while its transaction is still
open and the web page that shows the job reads it without touching the database.

A state holds `kind` ("import" when missing, or "export"), `status` (queued → running → done or failed),
`account_id`, `done`/`total` for the progress bar, `task_id` (the django-tasks result, for a retry:
io.job_retry), and what the kind needs (an import's `summary`/`problems`, an export's `format` and `filename`)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from battlemap.core.multilingual import every_language
from battlemap.core.uploads import upload_dir, write_private

JOBS = Path(settings.UPLOAD_DIR) / "imports"  # the folder of waiting uploads, job states and export files


def jobs_dir() -> Path:
    upload_dir()
    JOBS.mkdir(mode=0o700, exist_ok=True)
    return JOBS


def new_token() -> str:
    return uuid.uuid4().hex


def job_state(token: str) -> dict[str, Any] | None:
    if not token.isalnum():
        return None
    try:
        return json.loads((JOBS / f"{token}.job").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_state(token: str, state: dict[str, Any]) -> None:
    path = jobs_dir() / f"{token}.job"
    tmp = path.with_suffix(".tmp")
    write_private(tmp, json.dumps(state, ensure_ascii=False))
    tmp.replace(path)  # readers never see half a file


def save_failed(token: str, state: dict[str, Any], problems: Callable[[], list[Any]], **more: Any) -> None:
    """The job failed: `problems()` (what its page lists) kept in every language of the site
    (core.multilingual), so whoever opens the job reads them in theirs (`for_viewer`)."""
    save_state(token, {**state, "status": "failed", "problems": every_language(problems), **more})


def expire(*, max_age: float, suffix: str | None = None) -> None:
    """Remove the job folder's files older than `max_age` seconds (those ending in `suffix`, with their
    job state, when given)."""
    cutoff = time.time() - max_age
    for path in jobs_dir().iterdir():
        if suffix is not None and not path.name.endswith(suffix):
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                if suffix is not None:
                    (JOBS / (path.name.removesuffix(suffix) + ".job")).unlink(missing_ok=True)
        except OSError:
            continue
