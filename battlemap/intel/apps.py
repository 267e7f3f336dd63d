from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelConfig(AppConfig):
    name = "battlemap.intel"
    label = "intel"
    verbose_name = _("Interaction intelligence")
    default_auto_field = "django.db.models.BigAutoField"
