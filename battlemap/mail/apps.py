from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "battlemap.mail"
    label = "intel"  # the database tables and migrations keep the app's first label
    verbose_name = _("Mail intelligence")
    default_auto_field = "django.db.models.BigAutoField"
