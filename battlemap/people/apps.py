from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "battlemap.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        # an erasure's marks read in the reader's language (people/erased.py)
        from battlemap.people import erased
        from battlemap.people.services.erase import text_columns

        erased.install(text_columns())
