"""Retrying a background job of the io app (a large import, an export) whose worker stopped: a write over its
state (io.jobs) and the task queue (ops.services.task_retry). Apart from io.jobs, which the ops app reads
(ops.outcomes: what a job came to), so that the job states import nothing of ops."""

from __future__ import annotations

from typing import Any

from battlemap.io.jobs import save_state
from battlemap.ops.services import task_retry


def job_retry(token: str, state: dict[str, Any]) -> bool:
    """Queue again a job whose worker stopped (its worker-died hook set `retry`): the state back to queued with
    no problems, its task enqueued again once (ops.services.task_retry). False for any other job (queued,
    running, done, failed on its own problems, retried already) — the web's Retry button and the API's
    `…/retry` route alike."""
    if not (state.get("status") == "failed" and state.get("retry") and state.get("task_id")):
        return False
    keep = {k: v for k, v in state.items() if k not in ("problems", "summary", "retry")}
    save_state(token, {**keep, "status": "queued", "done": 0})
    task_retry(task_id=state["task_id"])
    return True
