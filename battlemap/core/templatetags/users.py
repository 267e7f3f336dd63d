"""`{{ user|user_name }}`: a user as every page shows them (core.text.user_name); `{{ user|colleague_label }}`:
the same, marked when deactivated (core.text.colleague_label); builtins, no load."""

from __future__ import annotations

from django import template

from battlemap.core.text import colleague_label as _colleague_label
from battlemap.core.text import user_name as _user_name

register = template.Library()


@register.filter
def user_name(user) -> str:
    return _user_name(user)


@register.filter
def colleague_label(user) -> str:
    return _colleague_label(user)
