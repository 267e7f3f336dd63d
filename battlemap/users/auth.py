"""How API calls authenticate: a personal access token (`Authorization: Bearer bm_…`) or the web app's
own session cookie (then with CSRF on unsafe methods). Either sets `request.auth` to the user."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from battlemap.users.middleware import activate_user_language
from battlemap.users.tokens import token_authenticate


class BearerToken(HttpBearer):
    """A personal access token. A token that is sent but wrong, revoked or expired is a 401 at once."""

    def authenticate(self, request: HttpRequest, token: str):
        user = token_authenticate(token.strip())
        if user is None:
            raise AuthenticationError(message=_("Invalid, revoked or expired token."))
        request.user = user  # so history records who made the change
        activate_user_language(request, user)  # answers in the token user's language, as the web does
        return user


class SessionCookie(APIKeyCookie):
    """The web app's own calls: Django's session cookie, with CSRF on unsafe methods.

    Unlike ninja's SessionAuth, an anonymous request is not CSRF-checked first: it is simply
    unauthenticated (401), as the API promises.
    """

    param_name = "sessionid"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            reason = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if reason is not None:
                raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header."))
        return user


AUTH = [BearerToken(), SessionCookie()]
