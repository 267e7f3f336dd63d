from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "battlemap.surveys"
    label = "surveys"
    verbose_name = _("Interviews and questionnaires")
