"""Writes of mail intelligence: ingest of archives into an account, and decisions on suggestions."""

from battlemap.mail.services.ingest import IngestError, IngestReport, mail_ingest
from battlemap.mail.services.suggestions import (
    SuggestionError,
    suggestion_accept,
    suggestion_reject,
    suggestions_refresh,
)

__all__ = [
    "IngestError",
    "IngestReport",
    "SuggestionError",
    "mail_ingest",
    "suggestion_accept",
    "suggestion_reject",
    "suggestions_refresh",
]
