"""The task queue in the database (django-tasks' database backend, `battlemap worker`) as the admin shows it:
named in the user's language, with Chinese for its model's names, which its own catalog lacks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


TASK_LABELS = (gettext_noop("Task Result"), gettext_noop("Task Results"))
