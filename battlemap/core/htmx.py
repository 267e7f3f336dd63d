from __future__ import annotations


def is_htmx(request) -> bool:
    """True for a request made by htmx (it swaps a partial, not the whole page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def htmx_partial(request, full_template: str, partial_template: str) -> str:
    return partial_template if is_htmx(request) else full_template
