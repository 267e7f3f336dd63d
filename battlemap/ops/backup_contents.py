"""What a backup holds: the models `battlemap backup` writes and `restore` reads, from the app registry.
Read by the backup's writer (ops.services.backup_write) and its size (ops.selectors.backup_size) alike."""

from __future__ import annotations

from django.apps import apps
from django.core import serializers

# Logins, sessions, task results, heartbeats, permissions and content types are not data: migrate makes
# the last two, the others are of the moment.
# users and groups; the admin's log: who deactivated a user, made one an administrator, reset a password
BACKUP_MODELS_OUTSIDE = ("auth.user", "auth.group", "admin.logentry")


def backup_labels() -> list[str]:
    """What a backup holds: users and groups, and every model of the project's apps (accounts, people,
    deals, interactions, mail records, suggestions, comments, teams, tokens…) with their history."""
    labels = list(BACKUP_MODELS_OUTSIDE)
    for config in apps.get_app_configs():
        if config.name.startswith("battlemap.") and config.label != "ops" and list(config.get_models()):
            labels.append(config.label)
    return labels


def backup_models() -> list:
    """The models a backup holds (backup_labels; no proxy), in the order it writes them: the models a record
    names by natural key before it (Django's sort_dependencies, as `dumpdata --natural-foreign` orders them)."""
    app_list: dict = {}
    for label in backup_labels():
        if "." in label:
            app_label, model_name = label.split(".")
            config = apps.get_app_config(app_label)
            app_list.setdefault(config, []).append(config.get_model(model_name))
        else:
            app_list[apps.get_app_config(label)] = None
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [model for model in ordered if not model._meta.proxy]
