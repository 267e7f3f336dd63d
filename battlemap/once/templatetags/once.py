from django import template
from django.utils.html import format_html

from battlemap.once.web import FIELD, SHAPE, new_token

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context) -> str:
    """The hidden one-time token of a create form (once.services.guarded): the posted one again when
    the form comes back with errors, else a new one."""
    request = context.get("request")
    posted = request.POST.get(FIELD, "") if request is not None and request.method == "POST" else ""
    token = posted if SHAPE.match(posted) else new_token()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)
