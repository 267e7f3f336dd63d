"""`{% comment_thread account deal=deal %}` / `{% comment_thread account person=person %}`: the comments
and the form, on any page; `{% my_mentions %}`: the comments that mention the user (This week);
`|mentions_marked`: a comment's text, escaped, with its mentions marked."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from battlemap.comments.selectors import MENTION_DAYS, mentions_of, thread
from battlemap.comments.services import MENTION

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, account, deal=None, person=None):
    request = context["request"]
    return {
        "account": account,
        "deal": deal,
        "person": person,
        "comments": list(thread(deal=deal, person=person)),
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("comments/_mentions.html", takes_context=True)
def my_mentions(context):
    return {"mentions": list(mentions_of(context["request"].user)[:50]), "days": MENTION_DAYS}


@register.filter
def mentions_marked(text: str):
    """Escape `text`, keep its line breaks, and wrap each @mention in <span class="mention">."""
    escaped = str(conditional_escape(text))
    marked = MENTION.sub(lambda m: str(format_html('<span class="mention">@{}</span>', m.group(1))), escaped)
    return mark_safe(marked.replace("\n", "<br>"))
