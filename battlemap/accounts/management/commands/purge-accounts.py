from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from battlemap.accounts.services import RESTORE_DAYS, accounts_purge
from battlemap.core.cli import DataCommand, days_refused


class Command(DataCommand):
    help = f"Remove for good the accounts deleted more than {RESTORE_DAYS} days ago (run it daily, e.g. from cron)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=RESTORE_DAYS, help=f"default and least {RESTORE_DAYS}"
        )

    def handle(self, *args, days, **options):
        try:
            slugs = accounts_purge(days=days)
        except ValidationError as exc:
            raise CommandError(days_refused(exc)) from None
        for slug in slugs:
            self.stdout.write(f"purged {slug}")
