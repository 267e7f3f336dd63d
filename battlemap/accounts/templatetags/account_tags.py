"""Small template helpers for the account pages (query strings, sortable headers, labels)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import FACTOR_KIND_CHOICES, LIFECYCLE_CHOICES, STAGE_CHOICES, label

register = template.Library()

PART_LABELS = {
    "coverage": _("coverage"),
    "attitude": _("attitude"),
    "freshness": _("freshness"),
    "open_flags": _("open flags"),
    "flags": _("open flags"),
    "formal": _("formal authority"),
    "informal": _("informal influence"),
    "deal_role": _("role in the deal"),
}
RING_CODES = {
    "decision_unit": _("Decision unit"),
    "deal_roles": _("Other roles in the deal"),
    "organisation": _("Rest of the organisation"),
    "outside": _("Outside people and organisations"),
    "environment": _("Information sources and environment"),
}


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
def part_label(part: dict) -> str:
    """A score part's label: the engine's own when it gives one, else ours."""
    if part.get("label"):
        return str(part["label"])
    name = part.get("name", "")
    return str(PART_LABELS.get(name, name.replace("_", " ")))


@register.filter
def ring_label(code: str) -> str:
    return str(RING_CODES.get(code, code))


@register.filter
def stage_label(code: str) -> str:
    return label(STAGE_CHOICES, code)


@register.filter
def lifecycle_label(code: str) -> str:
    return label(LIFECYCLE_CHOICES, code)


@register.filter
def factor_kind_label(code: str) -> str:
    return label(FACTOR_KIND_CHOICES, code)
