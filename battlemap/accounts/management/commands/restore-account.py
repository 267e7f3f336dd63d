from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account
from battlemap.accounts.services import RESTORE_DAYS, account_restore
from battlemap.core.cli import DataCommand, lazy_text


class Command(DataCommand):
    help = lazy_text(
        gettext_lazy(
            "Restore a deleted account (deleted accounts are kept %(days)s days): restore-account SLUG"
        ),
        days=RESTORE_DAYS,
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        try:
            account = account_restore(slug=slug, via="cli")
        except Account.DoesNotExist:
            raise CommandError(
                _("no deleted account %(slug)s (restorable for %(days)s days)")
                % {"slug": repr(slug), "days": RESTORE_DAYS}
            ) from None
        self.stdout.write(_("restored %(slug)s\t%(name)s") % {"slug": account.slug, "name": account.name})
