from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.accounts.services import RESTORE_DAYS, accounts_purge
from battlemap.core.cli import DataCommand, days_refused, lazy_text


class Command(DataCommand):
    help = lazy_text(
        gettext_lazy(
            "Remove for good the accounts deleted more than %(days)s days ago (run it daily, e.g. from cron)"
        ),
        days=RESTORE_DAYS,
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=RESTORE_DAYS, help=gettext_lazy("default and least %(default)s")
        )

    def handle(self, *args, days, **options):
        try:
            slugs = accounts_purge(days=days)
        except ValidationError as exc:
            raise days_refused(exc) from None
        for slug in slugs:
            self.stdout.write(_("purged %(slug)s") % {"slug": slug})
