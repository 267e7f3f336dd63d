"""The look of the analysis on web pages, from battlemap.look (the one home of its colours):

{% load look_tags %}{% attitude_styles %}   → <style> .att-advocate { … } … </style>
"""

from __future__ import annotations

from functools import cache

from django import template
from django.utils.safestring import mark_safe

from battlemap.look import attitude_css

register = template.Library()


@cache
def _styles() -> str:
    return f"<style>{attitude_css()}</style>"


@register.simple_tag
def attitude_styles() -> str:
    return mark_safe(_styles())  # noqa: S308 – built from battlemap.look's constant colours, no user text
