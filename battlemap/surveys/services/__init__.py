"""Writes of the surveys app: questionnaires (send, revoke a link, record the answers given by link) and
guided interviews (record one, accept or dismiss the map updates it implies). The only writers of these
models."""

from battlemap.surveys.services.interviews import (
    interview_record,
    proposal_accept,
    proposal_dismiss,
)
from battlemap.surveys.services.questionnaires import (
    ASKED,
    BAD_DAYS,
    DEFAULT_DAYS,
    MAX_DAYS,
    NO_CONSENT,
    NO_PEOPLE,
    RATE_ONE,
    link_revoke,
    person_survey_parts_move,
    questionnaire_send,
    rated_codes,
    response_record,
    token_digest,
)

__all__ = [
    "ASKED",
    "BAD_DAYS",
    "DEFAULT_DAYS",
    "interview_record",
    "link_revoke",
    "person_survey_parts_move",
    "MAX_DAYS",
    "NO_CONSENT",
    "NO_PEOPLE",
    "proposal_accept",
    "proposal_dismiss",
    "questionnaire_send",
    "RATE_ONE",
    "rated_codes",
    "response_record",
    "token_digest",
]
