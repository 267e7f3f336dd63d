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


@register.filter
def health_part_score(part: dict) -> str:
    """A part of a deal's health (`{points, shown, weight}`, analysis.health) as read beside its label: the
    `part_score` of its shown points — except open flags cut short by the health's floor of 0 (`shown_points`
    takes off only what the other parts earned), which say what was due: "−14 due, nothing left to take off:
    the health stops at 0" ("应扣 14 分，已无分可扣：健康度最低为 0"), not "no penalty"."""
    shown, weight = part.get("shown"), part.get("weight")
    try:
        due, taken = abs(round(float(part.get("points") or 0))), abs(int(shown or 0))
    except (TypeError, ValueError):
        return part_score(shown, weight)
    if float(weight or 0) > 0 or due <= taken:
        return part_score(shown, weight)
    if not taken:
        return _("−%(due)s due, nothing left to take off: the health stops at 0") % {"due": due}
    return _("−%(taken)s of %(due)s due: the health stops at 0") % {"taken": taken, "due": due}
