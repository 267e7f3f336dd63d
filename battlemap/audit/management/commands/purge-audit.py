from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from battlemap.audit.services import audit_purge
from battlemap.core.cli import DataCommand, days_refused


class Command(DataCommand):
    help = "Remove audit-log entries older than AUDIT_KEEP_DAYS days (run it daily, e.g. from cron)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"keep this many days, at least 1 (default AUDIT_KEEP_DAYS, now {settings.AUDIT_KEEP_DAYS})",
        )

    def handle(self, *args, days, **options):
        try:
            n = audit_purge(days=days)
        except ValidationError as exc:
            raise CommandError(days_refused(exc)) from None
        self.stdout.write(f"purged {n} audit entries")
