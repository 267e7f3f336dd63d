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
    cut = _cut_by_floor(part)
    if cut is None:
        return part_score(part.get("shown"), part.get("weight"))
    taken, due = cut
    if not taken:
        return _("−%(due)s due, nothing left to take off: the health stops at 0") % {"due": due}
    return _("−%(taken)s of %(due)s due: the health stops at 0") % {"taken": taken, "due": due}


def _cut_by_floor(part: dict) -> tuple[int, int] | None:
    """(points taken off, points due) of a penalty part the health's floor of 0 cut short, else None."""
    try:
        due, taken = abs(round(float(part.get("points") or 0))), abs(int(part.get("shown") or 0))
        weighted = float(part.get("weight") or 0) > 0
    except (TypeError, ValueError):
        return None
    return None if weighted or due <= taken else (taken, due)


@register.filter
def health_part_points(part: dict) -> str:
    """`health_part_score` short, for a narrow cell: a penalty cut short by the floor as what was due ("−14
    due", "应扣 14 分"), its reason below it (`health_floor_note`)."""
    cut = _cut_by_floor(part)
    if cut is None:
        return part_score(part.get("shown"), part.get("weight"))
    return _("−%(due)s due") % {"due": cut[1]}


@register.filter
def health_floor_note(part: dict) -> str:
    """Why a penalty part took off less than was due ("Nothing left to take off: the health stops at 0."),
    "" for any other part."""
    cut = _cut_by_floor(part)
    if cut is None:
        return ""
    if not cut[0]:
        return str(_("Nothing left to take off: the health stops at 0."))
    return _("Only −%(taken)s taken off: the health stops at 0.") % {"taken": cut[0]}
