"""Template filters for the deal pages: labels of vocabulary codes, in the active language."""

from __future__ import annotations

from django import template

from battlemap.core.choices import ATTITUDE_CHOICES, RELATIONSHIP_CHOICES, ROLE_CHOICES, STAGE_CHOICES, label
from battlemap.deals.help import ATTITUDE_HELP, ROLE_HELP

register = template.Library()
_SEVERITY = {"high": "high", "medium": "medium", "low": "low"}


@register.filter
def role_label(code: str) -> str:
    return label(ROLE_CHOICES, code)


@register.filter
def role_help(code: str) -> str:
    return str(ROLE_HELP.get(code, ""))


@register.filter
def attitude_label(code: str) -> str:
    return label(ATTITUDE_CHOICES, code)


@register.filter
def attitude_help(code: str) -> str:
    return str(ATTITUDE_HELP.get(code, ""))


@register.filter
def stage_label(code: str) -> str:
    return label(STAGE_CHOICES, code)


@register.filter
def relationship_label(level: int) -> str:
    return label(RELATIONSHIP_CHOICES, level)


@register.filter
def percent(points, weight) -> int:
    """Share of a part's weight earned, 0..100, for a bar width."""
    try:
        return max(0, min(100, round(100 * abs(float(points)) / float(weight))))
    except (TypeError, ValueError, ZeroDivisionError):
        return 0
