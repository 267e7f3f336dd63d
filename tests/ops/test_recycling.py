"""Memory a big task or answer grew is given back (an operator's trial: `battlemap serve`'s worker kept 1.8 GB
after a 20,000-person deck, its web workers 420–590 MB each): the worker `serve` starts stops after
WORKER_MAX_TASKS tasks and is replaced, as the systemd unit's; gunicorn replaces a web worker after about
WEB_MAX_REQUESTS requests."""

from __future__ import annotations

from django.core.management import call_command
from django.test.utils import override_settings

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_serves_worker_is_recycled_after_worker_max_tasks(db, settings, monkeypatch):
    from battlemap.ops.management.commands import serve, worker

    spawned = []
    monkeypatch.setattr(serve.subprocess, "Popen", lambda args, **kwargs: spawned.append(args))
    serve.WorkerChild()._spawn()
    assert spawned[0][-2:] == ["worker", "--recycle"]

    ran_with = []
    monkeypatch.setattr(worker.PatientWorker, "run", lambda self: ran_with.append(self.max_tasks))
    settings.WORKER_MAX_TASKS, settings.WORKER_NICE = 7, 0
    with override_settings(TASKS=DB_QUEUE):
        call_command(*spawned[0][-2:], verbosity=0)
        call_command("worker", verbosity=0)  # by hand: it runs until stopped
        call_command("worker", "--recycle", "--max-tasks", "3", verbosity=0)
    assert ran_with == [7, None, 3]


def test_gunicorn_replaces_a_web_worker_after_about_web_max_requests(db, monkeypatch, settings):
    from gunicorn.app.base import BaseApplication

    configs = []
    monkeypatch.setattr(BaseApplication, "run", lambda self: configs.append(self.cfg))
    call_command("serve", "--no-worker", "--port", "8999")
    assert configs[0].max_requests == 1000 and configs[0].max_requests_jitter == 100
    settings.WEB_MAX_REQUESTS = 0  # WEB_MAX_REQUESTS=0, read by settings: never
    call_command("serve", "--no-worker", "--port", "8999")
    assert configs[1].max_requests == 0
