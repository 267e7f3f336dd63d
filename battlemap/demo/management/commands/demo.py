from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand
from battlemap.core.multilingual import active_language
from battlemap.demo.loader import load_demo
from battlemap.punctuation import join_names


class Command(DataCommand):
    help = gettext_lazy(
        "Load the demo accounts and the users demo/demo and manager/manager (running it again changes nothing)."
    )

    def handle(self, *args, **options):
        loaded = load_demo()
        if loaded:
            self.stdout.write(
                _("loaded demo accounts: %(slugs)s (log in as demo / demo)")
                % {"slugs": join_names(active_language(), loaded)}
            )
        else:
            self.stdout.write(_("demo accounts already loaded; nothing changed"))
