"""A dry run of ingest: what `mail_ingest` would store, with nothing kept."""

from __future__ import annotations

from typing import Any

from battlemap.mail.services.ingest import IngestReport, mail_ingest


def mail_ingest_preview(**arguments: Any) -> IngestReport:
    """The very ingest `mail_ingest(**arguments)` would run, rolled back (`dry_run=True`): the report is exact
    (new, duplicates, interactions, what made no interaction and why) and the database is left as it was."""
    return mail_ingest(**arguments, dry_run=True)
