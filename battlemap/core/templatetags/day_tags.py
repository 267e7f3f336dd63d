"""A day typed on a page's own form (the org chart's "See the map as it was on", the map as of, What changed since):
the forms' day box (`core.dates.DayInput`: text, YYYY-MM-DD whatever the browser's language), not the browser's date
box, which laid the day out by the browser's locale (mm/dd/yyyy in the Chinese UI of an English browser)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from battlemap.core.dates import DayInput

register = template.Library()


@register.simple_tag
def day_input(name: str, value: Any = None, **attrs: Any) -> SafeString:
    """`{% day_input "on" day id="asof-day" required=True %}` → the day box named `name` showing `value` (a date
    as 2026-12-31; None: empty, its placeholder YYYY-MM-DD). The page's view reads what is typed
    (`core.dates.read_day`) and names the field in its error."""
    return DayInput(attrs={key: v for key, v in attrs.items() if v not in (None, False)}).render(name, value)
