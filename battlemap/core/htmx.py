"""htmx: the one place that tells an htmx request from a plain one and picks the partial it swaps."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render


def is_htmx(request) -> bool:
    """True for a request made by htmx (it swaps a partial, not the whole page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def htmx_partial(request, full_template: str, partial_template: str) -> str:
    """The template to render: only the partial for htmx, the whole page otherwise."""
    return partial_template if is_htmx(request) else full_template


def render_htmx(request, full: str, partial: str, context: dict, *, status: int = 200) -> HttpResponse:
    """Render the whole page, or for htmx only the partial it swaps."""
    return render(request, htmx_partial(request, full, partial), context, status=status)
