from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IoConfig(AppConfig):
    name = "battlemap.io"
    label = "bm_io"
    verbose_name = _("Imports and exports")
