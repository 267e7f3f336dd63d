from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: background workers and their heartbeats, the health check, JSON logs, backups."""

    name = "battlemap.ops"
    label = "ops"
    verbose_name = _("Operations: workers, health, backups")
