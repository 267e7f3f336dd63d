"""Writes of mail intelligence: ingest of archives into an account (its runs), and decisions on suggestions.

Interactions and their participants are written by the interactions services (in bulk for ingest);
accepted suggestions write the map through the people and deals services, their history explained.
"""

from battlemap.mail.services.batches import suggestions_accept_above, suggestions_undo_batch
from battlemap.mail.services.ingest import IngestError, IngestReport, ingest_error_message, mail_ingest
from battlemap.mail.services.ingest_summary import new_suggestions_text
from battlemap.mail.services.runs import (
    ingest_run_finish,
    ingest_run_progress,
    ingest_run_requeue,
    ingest_run_running,
    ingest_run_start,
    ingest_with_suggestions,
)
from battlemap.mail.services.suggestions import (
    SuggestionError,
    suggestion_accept,
    suggestion_reject,
    suggestions_refresh,
)

__all__ = [
    "IngestError",
    "ingest_error_message",
    "IngestReport",
    "ingest_run_finish",
    "ingest_run_progress",
    "ingest_run_requeue",
    "ingest_run_running",
    "ingest_run_start",
    "ingest_with_suggestions",
    "SuggestionError",
    "mail_ingest",
    "new_suggestions_text",
    "suggestion_accept",
    "suggestion_reject",
    "suggestions_accept_above",
    "suggestions_refresh",
    "suggestions_undo_batch",
]
