"""Small helpers shared by the editing views: progressive enhancement (plain POST → redirect; htmx → the
updated partial), the status codes htmx is configured to swap (422 invalid, 409 stale) and a service's
errors put on the form."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from battlemap.core.htmx import is_htmx
from battlemap.core.services import StaleEdit


def error_status(error: Exception | None) -> int:
    return 409 if isinstance(error, StaleEdit) else 422


def attach_errors(form, error: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: next to its field when the form has it (`fields`
    maps a service's name to the form's, e.g. participants → people), else on top (a stale edit)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = (fields or {}).get(field, field)
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        form.add_error(None, error)


def form_page(
    request, full: str, partial: str, context: dict, *, error: Exception | None = None, invalid: bool = False
) -> HttpResponse:
    """Render the form (whole page, or only the partial for htmx); 422/409 when it carries errors."""
    status = error_status(error) if (invalid or error is not None) else 200
    return render(request, partial if is_htmx(request) else full, context, status=status)


def after_write(request, url: str, partial: str | None = None, context: dict | None = None) -> HttpResponse:
    """After a successful write: htmx gets the refreshed partial (or is told to go to `url`); a plain
    form post is redirected (post/redirect/get)."""
    if is_htmx(request):
        if partial is not None:
            return render(request, partial, context or {})
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def safe_next(request, default: str) -> str:
    """The `next` URL posted with a form, if it stays on this site; else `default`."""
    candidate = request.POST.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default
