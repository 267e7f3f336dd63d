from __future__ import annotations

from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account
from battlemap.core.access import accounts_visible_to
from battlemap.core.cli import DataCommand, user_named


class Command(DataCommand):
    help = gettext_lazy("List accounts, one per line: slug, then name (tab-separated).")

    def add_arguments(self, parser):
        parser.add_argument("--user", help=gettext_lazy("only the accounts this user may see"))

    def handle(self, *args, user=None, **options):
        accounts = accounts_visible_to(user_named(user)) if user else Account.objects.all()
        for account in accounts.order_by("slug"):
            self.stdout.write(f"{account.slug}\t{account.name}")
