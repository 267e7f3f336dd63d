"""How API calls authenticate: a personal access token (`Authorization: Bearer bm_…`) or the web app's
own session cookie (then with CSRF on unsafe methods). Either sets `request.auth` to the user."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from battlemap.audit.services import audit_view
from battlemap.core.access import accounts_visible_to
from battlemap.core.errors import API_CSRF_FAILED
from battlemap.users.middleware import activate_user_language, query_language
from battlemap.users.tokens import token_authenticate


def check_account_in_path(request: HttpRequest, user) -> None:
    """A call under /api/accounts/<slug>/ that names an account the user may not see is a 404 here, before
    its body is read and validated: an outsider learns nothing and costs no more than a lookup. The route
    still takes its account through core.access (get_account_for), which also refuses what the user may
    only read. A read (GET) is in the audit log as a view through the API, one entry per user, account and hour
    (`audit_view`): a token's copy of a whole account (its map, people, interactions) left no trace."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match is not None else None
    if slug and request.path.startswith("/api/accounts/"):
        account = accounts_visible_to(user).filter(slug=slug).first()
        if account is None:
            raise Http404("No such account")
        if request.method == "GET":
            audit_view(account=account, user=user, via="api")


TOKEN_REFUSED = gettext_lazy("Invalid, revoked or expired token.")


class BearerToken(HttpBearer):
    """A personal access token. A token that is sent but wrong, revoked or expired is a 401 at once; a read-only
    token (`ApiToken.read_only`: a report or BI tool's) is a 403 on any method but GET, HEAD and OPTIONS — unless
    the route declares it changes no data (`reads_only`: its `auth=READ_ONLY_TOKENS_TOO`)."""

    def __init__(self, *, reads_only: bool = False) -> None:
        self.reads_only = reads_only
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str):
        found = token_authenticate(token.strip())
        if found is None:
            # lazy: said in the `?lang=` the 401's handler (api._auth) activates, as every other answer
            raise AuthenticationError(message=TOKEN_REFUSED)
        user = found.user
        request.user = user  # so history records who made the change
        # the language the client asks for (`?lang=`, Accept-Language), else the token user's, as the web's:
        # before the read-only refusal, which is said in it too
        activate_user_language(request, user, header_wins=True)
        if found.read_only and request.method not in READS and not self.reads_only:
            raise HttpError(403, _("This token is read-only: it reads and never changes anything."))
        check_account_in_path(request, user)
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
                raise HttpError(403, str(API_CSRF_FAILED))
        if (asked := query_language(request)) is not None:  # `?lang=` as a token's call takes it
            translation.activate(asked)
        check_account_in_path(request, user)
        return user


READS = {"GET", "HEAD", "OPTIONS"}
AUTH = [BearerToken(), SessionCookie()]
# A POST that changes no data — it starts a job that reads, as an export in a worker (a manager who may only read
# may already): read-only tokens may call it too. Declared on the route: `auth=READ_ONLY_TOKENS_TOO`.
READ_ONLY_TOKENS_TOO = [BearerToken(reads_only=True), SessionCookie()]
