from __future__ import annotations

from django.core.management.base import BaseCommand

from battlemap.accounts.services import RESTORE_DAYS, accounts_purge


class Command(BaseCommand):
    help = f"Remove for good the accounts deleted more than {RESTORE_DAYS} days ago (run it daily, e.g. from cron)"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RESTORE_DAYS, help=f"default {RESTORE_DAYS}")

    def handle(self, *args, days, **options):
        for slug in accounts_purge(days=days):
            self.stdout.write(f"purged {slug}")
