"""Template filters of the surveys pages: labels of vocabulary codes (battlemap.vocab) in the active language;
what accepting a decision-factor proposal does (`factor_proposal`)."""

from __future__ import annotations

from django import template

from battlemap import vocab
from battlemap.core.vocab_filters import register_vocabulary_filters
from battlemap.surveys.selectors import factor_proposal_text

register = template.Library()
register.filter("factor_proposal", factor_proposal_text)

register_vocabulary_filters(
    register,
    {
        "factor_label": vocab.DECISION_FACTORS.label,
        "area_label": vocab.SATISFACTION_AREAS.label,
        "topic_label": vocab.INTERVIEW_TOPICS.label,
        "role_label": vocab.BUYING_ROLES.label,
        "stage_label": vocab.STAGES.label,
        "attitude_label": vocab.ATTITUDES.label,
        "source_label": vocab.FACTOR_SOURCES.label,
    },
)
