"""Writes of the intel app: ingest of archives into an account, and decisions on suggestions."""

from battlemap.intel.services.ingest import IngestError, IngestReport, mail_ingest
from battlemap.intel.services.suggestions import (
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
