from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from battlemap.audit.services import audit_purge


class Command(BaseCommand):
    help = "Remove audit-log entries older than AUDIT_KEEP_DAYS days (run it daily, e.g. from cron)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"keep this many days (default AUDIT_KEEP_DAYS, now {settings.AUDIT_KEEP_DAYS})",
        )

    def handle(self, *args, days, **options):
        n = audit_purge(days=days)
        self.stdout.write(f"purged {n} audit entries")
