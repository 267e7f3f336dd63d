from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy

from battlemap.punctuation import join_names

# No inline script anywhere: scripts come from our own static files only.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/api/docs", "/admin/")):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and Django's never-cache headers) on every response to a signed-in
    user, every API response and every export, so no browser or proxy keeps a copy of a customer map.
    Static files (served before this by WhiteNoise) and the anonymous login page may be cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith("/api/") or response.has_header("Content-Disposition"):
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


METHOD_NOT_ALLOWED = gettext_lazy("This address does not take %(method)s; it takes %(allowed)s.")


class ApiMethodNotAllowedMiddleware:
    """A method an API route does not take (`DELETE /api/accounts`, `POST /api/people/7`): 405 in the API's one
    error shape, saying which methods it takes (the `Allow` header kept) — not django-ninja's bare text/html."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        from battlemap.core.api import error_body
        from battlemap.core.api_json import api_json_response

        allowed = response.get("Allow", "")
        methods = join_names(get_language(), (m.strip() for m in allowed.split(",") if m.strip()))
        detail = str(METHOD_NOT_ALLOWED) % {"method": request.method, "allowed": methods}
        refused = api_json_response(error_body(detail), status=405)
        refused["Allow"] = allowed
        return refused


IDLE_KEY = "battlemap_last_seen"


class IdleSessionTimeoutMiddleware:
    """A signed-in session unused for SESSION_IDLE_SECONDS (default 8 hours) ends: the next request is
    logged out and sent to the login page (the API answers 401). Besides Django's absolute expiry
    (SESSION_COOKIE_AGE). The time seen is written at most once a minute, so reads stay reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(IDLE_KEY)
            if last is not None and now - int(last) > settings.SESSION_IDLE_SECONDS:
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect(f"{settings.LOGIN_URL}?next={request.path}")
            elif last is None or now - int(last) >= 60:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


class DatabaseCannotSaveMiddleware:
    """A page whose write the database refused for a reason that passes — SQLite's write lock held past its busy
    timeout, a full disk — answers 503 with the site's page saying which and what to do
    (core.errors.cannot_save), not the generic 500 (an operator's trial: a login on a full disk). The API says
    the same in its JSON shape (battlemap/api.py); any other error stays a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):  # noqa: ANN001, ANN201
        from battlemap.core.errors import database_cannot_save

        return database_cannot_save(request, exception)


class GoneMiddleware:
    """A page asked for a row of the map deleted meanwhile (`core.access.Gone`) answers 410 saying what was
    deleted, by whom and when, and that nothing was saved — not the 404 page's "not yours to see"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):  # noqa: ANN001, ANN201
        from django.shortcuts import render

        from battlemap.core.access import Gone
        from battlemap.core.messages import named

        if not isinstance(exception, Gone):
            return None
        context = {
            "said": exception.said(named),
            "saving": request.method == "POST",
            "account": getattr(request, "resolver_match", None) and _account_of(request),
        }
        return render(request, "410.html", context, status=410)


def _account_of(request):  # noqa: ANN001, ANN202
    """The account of the page's address (its `slug`), if the user may see it; else None."""
    from battlemap.core.access import accounts_visible_to

    slug = (request.resolver_match.kwargs or {}).get("slug")
    return accounts_visible_to(request.user, "view").filter(slug=slug).first() if slug else None
