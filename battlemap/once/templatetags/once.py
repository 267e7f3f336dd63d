from django import template
from django.utils.html import format_html

from battlemap.once.web import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    """The hidden one-time token of a create form (once.web.guarded), a new one at each rendering: a
    page may hold several create forms (the deal room), and a form rendered again after a POST (refused
    with its errors, or fresh after an htmx create) must not carry the token just used or another
    form's."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
