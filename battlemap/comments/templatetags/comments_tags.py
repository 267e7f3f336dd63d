"""`{% comment_thread account deal=deal %}` / `{% comment_thread account person=person %}`: the comments
and the form, on any page; `{% my_mentions %}`: the comments that mention the user (This week);
`|mentions_marked`: a comment's text, escaped, with its mentions marked; `{% comment_text comment %}`
(and `{% long_text text %}` for any comment-like text): that text shortened when long, with the whole a
click away (the thread, This week and the questionnaires' answers alike)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from battlemap.comments.selectors import MENTION_DAYS, mentions_of, thread
from battlemap.comments.services import MENTION

register = template.Library()

# A comment longer than this many characters or lines shows shortened, with "Show all" to read the rest
# (a <details>: no script), on the deal room's and the person page's thread and on This week alike.
SHORT_CHARS = 280
SHORT_LINES = 6


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
def mentions_marked(text: str, comment=None):
    """Escape `text`, keep its line breaks, and wrap each @mention that reached someone (one of
    `comment.mentions`) in <span class="mention">; an @name that reached nobody (no such user, or one
    who may not see the account) stays plain text, so it does not look delivered."""
    reached = {u.get_username().casefold() for u in comment.mentions.all()} if comment is not None else set()
    escaped = str(conditional_escape(text))

    def mark(match) -> str:
        name = match.group(1).rstrip(".")  # "@bob." ends a sentence: the dot is not his name's
        if name.casefold() not in reached:
            return match.group(0)
        rest = match.group(1)[len(name) :]
        return str(format_html('<span class="mention">@{}</span>{}', name, rest))

    return mark_safe(MENTION.sub(mark, escaped).replace("\n", "<br>"))


def shortened(text: str) -> str | None:
    """The first SHORT_LINES lines of `text` cut to SHORT_CHARS characters (with "…"), or None when it is
    short enough to show whole."""
    lines = text.splitlines()
    if len(text) <= SHORT_CHARS and len(lines) <= SHORT_LINES:
        return None
    head = "\n".join(lines[:SHORT_LINES])
    return truncatechars(head, SHORT_CHARS) if len(head) > SHORT_CHARS else f"{head}…"


@register.simple_tag
def comment_text(comment):
    """A comment's body as `long_text` shows it, its mentions marked."""
    return long_text(comment.body, comment)


@register.simple_tag
def long_text(text, comment=None):
    """`text` as `mentions_marked` shows it; when long (`shortened`), its start with "Show all" that opens
    the whole, the start hidden then. Any free text said like a comment (a questionnaire's comment) is
    shown by this one rule; without `comment`, no @name is marked as delivered."""
    text = text or ""
    short = shortened(str(text))
    if short is None:
        return mentions_marked(text, comment)
    return format_html(
        '<details class="comment-long"><summary><span class="comment-short">{}</span> '
        '<span class="comment-more">{}</span><span class="comment-less">{}</span></summary>'
        '<div class="comment-whole">{}</div></details>',
        mentions_marked(short, comment),
        _("Show all"),
        _("Show less"),
        mentions_marked(text, comment),
    )
