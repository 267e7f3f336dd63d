from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext

from battlemap.accounts.services import RESTORE_DAYS, accounts_purge
from battlemap.core.cli import DataCommand, days_refused, lazy_text
from battlemap.core.multilingual import active_language
from battlemap.punctuation import join_names, labelled


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
        # one line, whether it removed any or none, as purge-audit's: the daily job's log says it ran
        said = ngettext(
            "purged %(n)d account deleted more than %(days)d days ago",
            "purged %(n)d accounts deleted more than %(days)d days ago",
            len(slugs),
        ) % {"n": len(slugs), "days": days}
        self.stdout.write(
            labelled(active_language(), said, join_names(active_language(), slugs)) if slugs else said
        )
