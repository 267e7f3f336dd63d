"""Template filters for the deal pages: labels and help of vocabulary codes (battlemap.vocab), in the active language."""

from __future__ import annotations

from django import template

from battlemap import vocab
from battlemap.core.vocab_filters import register_vocabulary_filters

register = template.Library()


register_vocabulary_filters(
    register,
    {
        "role_label": vocab.BUYING_ROLES.label,
        "role_help": vocab.BUYING_ROLES.help,
        "attitude_label": vocab.ATTITUDES.label,
        "attitude_help": vocab.ATTITUDES.help,
        "stage_label": vocab.STAGES.label,
        "relationship_label": vocab.RELATIONSHIPS.label,
        "qualification_status_label": vocab.QUALIFICATION_STATUSES.label,
        "influence_degree_label": vocab.INFLUENCE_DEGREES.label,
        "response_mode_label": vocab.RESPONSE_MODES.label,
        "strength_label": vocab.STRENGTHS.label,
        "flag_label": vocab.FLAGS.label,
    },
)


@register.filter
def percent(points, weight) -> int:
    """Share of a part's weight earned, 0..100, for a bar width; a part without weight (the penalty of
    open flags) is measured against the whole 100-point score."""
    try:
        points, weight = abs(float(points)), float(weight)
    except (TypeError, ValueError):
        return 0
    return max(0, min(100, round(100 * points / (weight if weight > 0 else 100.0))))
