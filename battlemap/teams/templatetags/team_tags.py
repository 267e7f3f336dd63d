"""`{% colleague user %}`: a colleague named as every list shows them (`core.text.colleague_label`: "dave
(deactivated)"), and, when deactivated and the reader runs a team of theirs, the link to hand their accounts over
(`selectors.handover_membership`) — where a manager meets a departed seller's deals (pipeline, portfolio, This
week) he is shown where to give them to someone at work."""

from __future__ import annotations

from django import template

from battlemap.teams.selectors import handover_membership

register = template.Library()


@register.inclusion_tag("teams/_colleague.html", takes_context=True)
def colleague(context, user) -> dict:
    request = context.get("request")
    membership = None
    if request is not None and user is not None and not user.is_active:
        # one lookup per departed colleague and page, however many of their deals it lists
        found = request.__dict__.setdefault("_handover_memberships", {})
        if user.pk not in found:
            found[user.pk] = handover_membership(request.user, user)
        membership = found[user.pk]
    return {"colleague": user, "membership": membership}
