"""What an administrator reads in the journal of a fresh installation (an IT administrator's trial, Debian,
PostgreSQL, nginx in front): each task a worker runs, its start and its end, at the default LOG_LEVEL — as
docs/operations.md ("Logs") says; a request for a host not in ALLOWED_HOSTS on one line, not a traceback."""

from __future__ import annotations

import csv
import logging

from battlemap.ops.logging import TextFormatter

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


def test_a_request_for_a_host_not_allowed_is_one_warning_line_naming_the_host(client, db, caplog):
    """The trial: every request by the server's IP address (a scanner, a monitor, a name missing from
    ALLOWED_HOSTS) wrote an ERROR and a 13-line traceback to the journal. It is a refusal as meant, not a fault:
    one line, naming the host and the setting, as a 403 is (ops.logging)."""
    with caplog.at_level(logging.INFO):
        response = client.get("/login/", HTTP_HOST="203.0.113.9")
    assert response.status_code == 400
    [record] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert record.levelno == logging.WARNING
    line = TextFormatter().format(record)
    assert "\n" not in line and "Traceback" not in line
    assert "WARNING django.security.DisallowedHost: Invalid HTTP_HOST header: '203.0.113.9'" in line
    assert "ALLOWED_HOSTS" in line
