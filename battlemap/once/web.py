"""One-time form tokens: a create form posted twice (a double click, a second tab, a replayed request)
makes one row, and the second POST is sent to what the first one made.

The form carries a random token (`{% load once %}{% form_token %}`). A view decorated with `guarded`
runs, when the POST holds a token, in one transaction that first claims the token for the user
(once.services): a second POST with the same token is redirected to the first result. The create runs
in that same transaction; if it is refused (422 naming a field), the token is released and the
corrected form may be sent again. A POST without a token (the API, scripts) is not guarded.

A create is known to have succeeded by where it sends the user: its redirect (a plain POST), its
HX-Redirect, or, for an htmx create answered with a fresh partial (the deal room's action items, steps
and roles; the account's external factors), the page marked on the response with `result_at` (deals.web
.after_write marks it). A replay of such a form goes to that page.
The core script (app.js) also disables a form's submit buttons once it is sent.

Back to a create form already sent draws it with a fresh token; the same form filled in again and sent from that
page goes with the token it sent first (app.js keeps it in the page's history entry, with what was typed), so a
second save is sent to the first result, told it was saved already (`ALREADY_SAVED`).
A form carrying a token says `autocomplete="off"`: Back to a page the browser fetches again (the app's pages
are `no-store`) would otherwise fill the fresh form — with a fresh token — with what was typed and sent, and a
second save would make a second row (a tester logged a meeting, its new person and its action item twice)."""

from __future__ import annotations

import re
import secrets
from functools import wraps

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from battlemap.core.htmx import is_htmx
from battlemap.once.services import AlreadyUsed, token_claim, token_fulfil, token_release

FIELD = "form_token"
SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def posted_token(request) -> str | None:
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return token if SHAPE.match(token) and request.user.is_authenticated else None


RESULT = "once_result_url"

# what a form sent a second time is told, on the page of what the first one made
ALREADY_SAVED = _(
    "This form had been sent already: what it made is here, saved then. Nothing was saved a second time."
)


def result_at(response: HttpResponse, url: str) -> HttpResponse:
    """Mark a successful create answered in place (an htmx partial, status 200) with the page its
    result is on, where a second POST of the same form is sent."""
    setattr(response, RESULT, url)
    return response


def _result_url(response: HttpResponse) -> str | None:
    """Where a successful create sent the user: its redirect (a plain POST), HX-Redirect (htmx), or
    the page marked by `result_at` (a partial answered in place)."""
    if response.status_code in (301, 302, 303):
        return response["Location"]
    if response.status_code < 300 and getattr(response, RESULT, None):
        return getattr(response, RESULT)
    return response.headers.get("HX-Redirect")


def _go(request, url: str) -> HttpResponse:
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def guarded(view):
    """Decorate a create view (under @login_required): a POST with a used token goes to the first
    result; otherwise the view runs in the token's transaction, kept only when the view succeeded."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = posted_token(request)
        if token is None:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                claim = token_claim(user=request.user, token=token)
                response = view(request, *args, **kwargs)
                url = _result_url(response)
                if url:
                    token_fulfil(claim, url=url)
                else:
                    token_release(claim)
        except AlreadyUsed as used:
            messages.info(request, ALREADY_SAVED)
            return _go(request, used.url)
        return response

    return wrapper
