"""A dry run of ingest: what `mail_ingest` would store, with nothing kept."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from battlemap.mail.services.ingest import IngestReport, mail_ingest


def mail_ingest_preview(**arguments: Any) -> IngestReport:
    """The very ingest `mail_ingest(**arguments)` would run, inside a transaction that is rolled back:
    the report is exact (new, duplicates, interactions) and the database is left as it was."""
    with transaction.atomic():
        report = mail_ingest(**arguments)
        transaction.set_rollback(True)
    return report
