from __future__ import annotations

from django.core.management.base import CommandError

from battlemap.accounts.models import Account
from battlemap.accounts.services import RESTORE_DAYS, account_restore
from battlemap.core.cli import DataCommand


class Command(DataCommand):
    help = f"Restore a deleted account (deleted accounts are kept {RESTORE_DAYS} days): restore-account SLUG"

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        try:
            account = account_restore(slug=slug)
        except Account.DoesNotExist:
            raise CommandError(f"no deleted account {slug!r} (restorable for {RESTORE_DAYS} days)") from None
        self.stdout.write(f"restored {account.slug}\t{account.name}")
