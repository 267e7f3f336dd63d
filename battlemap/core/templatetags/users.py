"""`{{ user|user_name }}`: a user as every page shows them (core.text.user_name); a builtin, no load."""

from __future__ import annotations

from django import template

from battlemap.core.text import user_name as _user_name

register = template.Library()


@register.filter
def user_name(user) -> str:
    return _user_name(user)
