"""How long a login waits after too many failures (django-axes' AXES_COOLOFF_TIME, docs/security.md).

LOGIN_LOCKOUT_MINUTES after the first LOGIN_FAILURE_LIMIT failures for a username or from an address;
each further LOGIN_FAILURE_LIMIT failures double it, up to a day. While it lasts even the right password
is refused (axes checks the lock before the password)."""

from __future__ import annotations

from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.db.models import Max, Q

from battlemap.core.clients import client_address

LONGEST = timedelta(days=1)


def cool_off(request=None) -> timedelta:
    base = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    if request is None:
        return base
    from axes.models import AccessAttempt

    username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD) if request.method == "POST" else None
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    match = Q(ip_address=address) if address else Q(pk__in=[])
    if username:
        match |= Q(username=username)
    failures = AccessAttempt.objects.filter(match).aggregate(n=Max("failures_since_start"))["n"] or 0
    rounds = max(0, failures // max(settings.AXES_FAILURE_LIMIT, 1) - 1)
    return min(base * 2 ** min(rounds, 10), LONGEST)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock check, for every login from a request (the login page, the admin). A call of
    `authenticate()` without a request (tests, code on the server) has nobody to throttle: axes is
    skipped rather than refusing it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
