"""Template filters for the deal pages: labels and help of vocabulary codes (battlemap.vocab), in the active language."""

from __future__ import annotations

from django import template
from django.utils import translation

from battlemap import vocab

register = template.Library()


def _lang() -> str:
    return translation.get_language() or "en"


@register.filter
def role_label(code: str) -> str:
    return vocab.BUYING_ROLES.label(code, _lang())


@register.filter
def role_help(code: str) -> str:
    return vocab.BUYING_ROLES.help(code, _lang())


@register.filter
def attitude_label(code: str) -> str:
    return vocab.ATTITUDES.label(code, _lang())


@register.filter
def attitude_help(code: str) -> str:
    return vocab.ATTITUDES.help(code, _lang())


@register.filter
def stage_label(code: str) -> str:
    return vocab.STAGES.label(code, _lang())


@register.filter
def relationship_label(level: int) -> str:
    return vocab.RELATIONSHIPS.label(level, _lang())


@register.filter
def percent(points, weight) -> int:
    """Share of a part's weight earned, 0..100, for a bar width."""
    try:
        return max(0, min(100, round(100 * abs(float(points)) / float(weight))))
    except (TypeError, ValueError, ZeroDivisionError):
        return 0
