from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessConfig(AppConfig):
    name = "battlemap.process"
    label = "process"
    verbose_name = _("Decision bodies and purchase process")
