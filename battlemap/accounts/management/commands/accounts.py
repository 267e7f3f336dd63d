from __future__ import annotations

from django.core.checks import Tags
from django.core.management.base import BaseCommand

from battlemap.accounts.models import Account
from battlemap.core.access import accounts_visible_to
from battlemap.core.cli import user_named


class Command(BaseCommand):
    help = "List accounts, one per line: slug, then name (tab-separated)."
    # A listing starts at once: the model checks only. The URL checks import every page and API module
    # (half a second of schemas); `battlemap check`, `migrate` and `serve` still run them all.
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only the accounts this user may see")

    def handle(self, *args, user=None, **options):
        accounts = accounts_visible_to(user_named(user)) if user else Account.objects.all()
        for account in accounts.order_by("slug"):
            self.stdout.write(f"{account.slug}\t{account.name}")
