"""Small helpers shared by the editing views: progressive enhancement (plain POST → redirect; htmx → the
updated partial), the status codes htmx is configured to swap (422 invalid, 409 stale) and a service's
errors put on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from battlemap.core.access import can, get_account_for
from battlemap.core.htmx import is_htmx, render_htmx
from battlemap.core.services import StaleEdit
from battlemap.once.web import result_at

T = TypeVar("T")


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


def form_account(request, slug: str):
    """The account of a write page (a form that adds to or changes the map), to edit, on GET as on POST:
    someone who may only read it gets 403 with the reason (`core.access.READ_ONLY`) before any form,
    an outsider 404. A page that is also read (a person's page) gates its POST only."""
    return get_account_for(request.user, slug, "edit")


def form_context(request, account, form, **more: Any) -> dict[str, Any]:
    """What every form page shows: the account, the form and whether you may edit; `more` adds to it."""
    return {"account": account, "form": form, "can_edit": can(request.user, account, "edit"), **more}


def submit(
    request, form, write: Callable[[], T], fields: dict[str, str] | None = None
) -> tuple[T | None, ValidationError | None]:
    """On a valid POST of `form`, `write()` (the service): (what it returns, None). A ValidationError
    goes onto the form (`fields` as in `attach_errors`) and comes back: (None, error). Not posted or
    invalid: (None, None), the form holds its errors."""
    if request.method != "POST" or not form.is_valid():
        return None, None
    try:
        return write(), None
    except ValidationError as e:
        attach_errors(form, e, fields)
        return None, e


def form_page(
    request, full: str, partial: str, context: dict, *, error: Exception | None = None
) -> HttpResponse:
    """Render the form of `context["form"]` (whole page, or only the partial for htmx); 422 when it
    carries errors or `error` is set, 409 for a stale edit.

    A stale edit refused from an htmx form swaps the whole page content (#main), not only the form: the
    form keeps what the user typed, and the header and history beside it show the record as it is now
    (the caller puts the current record in `context`), not as it was when the page was loaded."""
    invalid = error is not None or bool(context["form"].errors)
    if isinstance(error, StaleEdit) and is_htmx(request):
        response = render(request, full, context, status=409)
        response["HX-Retarget"] = "#main"
        response["HX-Reselect"] = "#main"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render_htmx(request, full, partial, context, status=error_status(error) if invalid else 200)


def after_write(request, url: str, partial: str | None = None, context: dict | None = None) -> HttpResponse:
    """After a successful write: htmx gets the refreshed partial (or is told to go to `url`); a plain
    form post is redirected (post/redirect/get). The partial is marked with `url` as where the write's
    result is, so a guarded create form sent twice (once.web) sends the second POST there."""
    if is_htmx(request):
        if partial is not None:
            return result_at(render(request, partial, context or {}), url)
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


def edit_page(
    request,
    account,
    form,
    save: Callable[[int | None], Any],
    *,
    done_url: Callable[[Any], str],
    full: str,
    partial: str,
    fields: dict[str, str] | None = None,
    **context: Any,
) -> HttpResponse:
    """An edit page of one versioned record: on a valid POST, `save(version)` (the service, with the
    version the form showed); done → "Saved." and on to `done_url(saved)`; otherwise the form page
    (its errors next to the fields, 422; a stale edit on top, 409). `context` adds to the page."""
    saved, error = submit(request, form, lambda: save(form.cleaned_data["version"]), fields)
    if saved is not None:
        messages.success(request, _("Saved."))
        return after_write(request, done_url(saved))
    return form_page(request, full, partial, form_context(request, account, form, **context), error=error)
