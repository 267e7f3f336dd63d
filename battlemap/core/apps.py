from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs) -> None:
    """After `migrate`: the database cache's table (CACHE_URL db://), so setting up is one command."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "battlemap.core"
    label = "core"
    verbose_name = _("Settings")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="battlemap-createcachetable")
