"""What an administrator reads in the journal of a fresh installation (an IT administrator's trial, Debian,
PostgreSQL, nginx in front): each task a worker runs, its start and its end, at the default LOG_LEVEL — as
docs/operations.md ("Logs") says."""

from __future__ import annotations

import csv

from .helpers import bm, env_for, migrated


def test_a_worker_logs_each_tasks_start_and_end_at_the_default_log_level(tmp_path):
    """The trial: exports and imports ran in the worker, and `journalctl -u battlemap-worker` showed only
    "waiting for tasks" — django-tasks' own lines were below the root logger's WARNING."""
    env = env_for(tmp_path / "var")
    env.pop("LOG_LEVEL", None)  # the default, as the systemd unit runs it
    migrated(env)
    bm(env, "createuser", "alice", "--password", "Correct-horse-9")
    bm(env, "create-account", "acme", "--name", "Acme", "--owner", "alice")
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["Name", "Title"], ["Ann Lee", "CIO"]])
    bm(env, "import", str(people), "--account", "acme", "--background", "--no-wait")

    said = bm(env, "worker", "--batch").stderr
    lines = [line for line in said.splitlines() if "Task id=" in line]
    assert len(lines) == 2, said  # its start and its end
    assert all(" INFO django_tasks: " in line and "import" in line for line in lines)
    assert "state=RUNNING" in lines[0] and "state=SUCCESSFUL" in lines[1]
