"""Amounts on every page: grouped by thousands as the language writes them (12,000,000 CNY in both
Chinese and English, as CLDR has it for zh-Hans and en), decimals only when there are any."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def grouped(value) -> str:
    """12000000 → "12,000,000"; 1234.5 → "1,234.50"; empty or not a number → ""."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    places = 0 if number == number.to_integral_value() else 2
    return f"{number:,.{places}f}"


@register.filter
def money(value, currency: str = "") -> str:
    """An amount with its currency code: {{ deal.amount|money:deal.currency }} → "12,000,000 CNY"."""
    text = grouped(value)
    return f"{text} {currency}".strip() if text else ""


@register.filter
def part_score(points, weight) -> str:
    """A score part as read beside its label: "12.5 / 40" (points earned of the part's weight), and a
    part without weight — a penalty, such as a deal's open flags — as the points it takes off:
    "−22 points" ("扣 22 分"), or "no penalty"."""
    try:
        points, weight = float(points), float(weight or 0)
    except (TypeError, ValueError):
        return ""
    shown = floatformat(abs(points), "-1")
    if weight > 0:
        return f"{floatformat(points, '-1')} / {floatformat(weight, '-1')}"
    if not points:
        return str(_("no penalty"))
    return _("−%(points)s points") % {"points": shown}
