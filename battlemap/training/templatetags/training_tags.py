"""{% roleplay_card person roles %}: the role-play prompts for a real person (their buying roles in the
deals, their decision style), shown on the person's page."""

from __future__ import annotations

from django import template

from battlemap.core.multilingual import active_language
from battlemap.training import roleplay

register = template.Library()


@register.inclusion_tag("training/_person_roleplay.html")
def roleplay_card(person, roles):
    held = {code for r in roles for code in (r.roles or [])}
    lang = active_language()
    return {
        "cards": roleplay.role_cards(held, lang),
        "style": roleplay.style_advice(person.decision_style, lang),
    }
