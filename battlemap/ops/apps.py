import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: background workers and their heartbeats, the health check, JSON logs, backups."""

    name = "battlemap.ops"
    label = "ops"
    verbose_name = _("Operations: workers, health, backups")

    def ready(self) -> None:
        # LOG_FORMAT=json: Python's warnings (WhiteNoise's "No directory at: …/static/" at every start before
        # `collectstatic`) are logged (logger `py.warnings`), so JSON lines too, not text among them.
        if settings.LOG_FORMAT == "json":
            logging.captureWarnings(True)
        # TASKS_BACKEND naming no backend (`foo.Bar`): loaded here, so every command refuses it at start in one line
        # (battlemap.cli), as every other bad setting — not only those that run the system checks or queue a task.
        from django_tasks import task_backends

        task_backends["default"]
