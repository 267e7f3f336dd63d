from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext

from battlemap.audit.services import audit_purge
from battlemap.core.cli import DataCommand, days_refused, lazy_text


class Command(DataCommand):
    help = gettext_lazy(
        "Remove audit-log entries older than AUDIT_KEEP_DAYS days (run it daily, e.g. from cron)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=lazy_text(
                gettext_lazy("keep this many days, at least 1 (default AUDIT_KEEP_DAYS, now %(days)s)"),
                days=settings.AUDIT_KEEP_DAYS,
            ),
        )

    def handle(self, *args, days, **options):
        try:
            n = audit_purge(days=days)
        except ValidationError as exc:
            raise days_refused(exc) from None
        self.stdout.write(ngettext("purged %(n)d audit entry", "purged %(n)d audit entries", n) % {"n": n})
