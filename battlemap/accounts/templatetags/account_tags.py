"""Small template helpers for the account pages (query strings, sortable headers, labels)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from battlemap import vocab
from battlemap.core.multilingual import active_language
from battlemap.core.vocab_filters import register_vocabulary_filters
from battlemap.punctuation import aside, list_separator

register = template.Library()

# Older result rows name two parts differently; they are the same codes of the vocabulary.
_PART_ALIASES = {"flags": "open_flags", "deal_role": "role"}


@register.simple_tag
def sort_url(params: dict, sort: str, column: str) -> str:
    """The portfolio URL sorted by `column`; clicking the current column again reverses it."""
    order = f"-{column}" if sort == column else column
    query = {k: v for k, v in params.items() if v}
    query["sort"] = order
    return "?" + urlencode(query)


@register.simple_tag
def sort_state(sort: str, column: str) -> str:
    if sort == column:
        return "ascending"
    if sort == f"-{column}":
        return "descending"
    return ""


@register.filter
def account_links(accounts) -> str:
    """Accounts as links to their pages, each "name (slug)" as `services.check_no_namesake` names them, listed as
    the page's language lists names: the new account form's "You already see an account of this name" (the
    accounts of `selectors.accounts_named`, which the user sees). Names escaped."""
    lang = active_language()
    links = (
        format_html(
            '<a class="name" href="{}"><bdi>{}</bdi></a>{}',
            reverse("account", args=[a.slug]),
            a.name,
            aside(lang, a.slug),
        )
        for a in accounts
    )
    return mark_safe(list_separator(lang).join(links))


@register.filter
def part_label(part: dict) -> str:
    """A score part's label: the engine's own when it gives one, else the vocabulary's."""
    if part.get("label"):
        return str(part["label"])
    name = _PART_ALIASES.get(part.get("name", ""), part.get("name", ""))
    for parts in (vocab.HEALTH_PARTS, vocab.INFLUENCE_PARTS):
        if name in parts:
            return parts.label(name, active_language())
    return name.replace("_", " ")


@register.filter
def ring_label(code: str) -> str:
    """An influence-circle ring, as a caption (capitalised in English)."""
    return capfirst(vocab.RINGS.label(code, active_language()))


register_vocabulary_filters(
    register,
    {
        "stage_label": vocab.STAGES.label,
        "lifecycle_label": vocab.LIFECYCLE.label,
        "factor_kind_label": vocab.FACTOR_KINDS.label,
        "deal_status_label": vocab.DEAL_STATUSES.label,
    },
)
