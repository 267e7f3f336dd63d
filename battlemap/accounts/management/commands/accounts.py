from __future__ import annotations

from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account
from battlemap.accounts.selectors import deleted_accounts
from battlemap.core.access import accounts_visible_to
from battlemap.core.cli import DataCommand, user_named
from battlemap.core.dates import day_text, moment_text


class Command(DataCommand):
    help = gettext_lazy(
        "List accounts, one per line: slug, then name (tab-separated); with --deleted, the deleted ones still to "
        "restore: slug, name, owner, deleted at, by whom, restorable until."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help=gettext_lazy("only the accounts this user may see (or restore)"))
        parser.add_argument(
            "--deleted",
            action="store_true",
            help=gettext_lazy("the deleted accounts, which restore-account brings back"),
        )

    def handle(self, *args, user=None, deleted=False, **options):
        if deleted:  # the web's Deleted accounts, for an operator (times in TIME_ZONE, as every page)
            for a in deleted_accounts(user_named(user) if user else None):
                by = a.deleted_by.get_username() if a.deleted_by else a.deleted_by_name or "-"
                self.stdout.write(
                    f"{a.slug}\t{a.name}\t{a.owner.get_username()}\t{moment_text(a.deleted_at)}"
                    f"\t{by}\t{day_text(a.restorable_until)}"
                )
            return
        accounts = accounts_visible_to(user_named(user)) if user else Account.objects.all()
        for account in accounts.order_by("slug"):
            self.stdout.write(f"{account.slug}\t{account.name}")
