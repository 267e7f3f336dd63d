"""What a task's stored result (django-tasks' DBTaskResult) says beyond the states django-tasks gives it: read
by the services that fail and retry tasks, the selectors that find them, `battlemap jobs` and the jobs' own
tasks, so both sides take them from here.

The values are stored in the task table (`exception_class_path`, `return_value`) by every release since they
came: never change them, or the tasks already marked read as something else."""

from __future__ import annotations

# the worker running the task stopped before it finished (ops.services.fail_dead_tasks)
WORKER_DIED = "battlemap.ops.services.WorkerDied"
RETRIED = "battlemap.ops.services.WorkerDied.Retried"  # a dead worker's task that was enqueued again
# What a task returns when its job failed by an unexpected error (logged) that a second run may not meet:
# its job offers a retry, and ops.services.task_retry enqueues it again, once; then marked FAILED_RETRIED.
RETRYABLE = "retryable"
FAILED_RETRIED = "battlemap.ops.services.JobFailed.Retried"
