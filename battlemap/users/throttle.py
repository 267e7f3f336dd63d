"""How long a login waits after too many failures (django-axes' AXES_COOLOFF_TIME, docs/security.md).

LOGIN_LOCKOUT_MINUTES after the first LOGIN_FAILURE_LIMIT failures for a username or from an address;
each further LOGIN_FAILURE_LIMIT failures double it, up to a day. While it lasts even the right password
is refused (axes checks the lock before the password), and each try during it counts as a failure and
starts the wait again (axes' AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT). The lockout page
(`locked_out`, AXES_LOCKOUT_CALLABLE) says how long this lock still lasts."""

from __future__ import annotations

import math
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from battlemap.core.clients import client_address

LONGEST = timedelta(days=1)


def _attempts(request):
    """The failures that count for this request's login: its username's and its address's."""
    from axes.models import AccessAttempt

    username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD) if request.method == "POST" else None
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    match = Q(ip_address=address) if address else Q(pk__in=[])
    if username:
        match |= Q(username=username)
    return AccessAttempt.objects.filter(match)


def cool_off(request=None) -> timedelta:
    base = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    if request is None:
        return base
    failures = _attempts(request).aggregate(n=Max("failures_since_start"))["n"] or 0
    rounds = max(0, failures // max(settings.AXES_FAILURE_LIMIT, 1) - 1)
    return min(base * 2 ** min(rounds, 10), LONGEST)


def wait_left(request) -> timedelta:
    """How long the lock on this request's login still lasts: its cool-off from the latest failure that
    counts (the cool-off itself when there is none)."""
    wait = cool_off(request)
    last = _attempts(request).aggregate(at=Max("attempt_time"))["at"]
    if last is None:
        return wait
    return max(last + wait - timezone.now(), timedelta(minutes=1))


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): 429, saying how long to wait, in whole minutes
    up to 90 and in hours (rounded up) beyond."""
    minutes = math.ceil(wait_left(request).total_seconds() / 60)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes if minutes <= 90 else None,
        "hours": math.ceil(minutes / 60),
    }
    return render(request, "users/locked_out.html", context, status=429)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock check, for every login from a request (the login page, the admin). A call of
    `authenticate()` without a request (tests, code on the server) has nobody to throttle: axes is
    skipped rather than refusing it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER) whose reset on a successful login (AXES_RESET_ON_SUCCESS)
    clears only the failures of the name that signed in, from the address it signed in from: a user's own
    mistypes. Axes' own reset also clears every failure *from the address* and every failure *for the name*
    — so anyone with a login could guess a colleague's password without limit by signing in between
    guesses, and a user signing in cleared an attacker's count against her name (trial 24,
    tests/trust/test_logins_and_sessions.py). Returns the number of attempt rows deleted."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        from battlemap.users.services import login_failures_clear

        username = get_client_username(request, credentials)
        if not username:
            return 0
        return login_failures_clear(username=username, address=getattr(request, "axes_ip_address", None))
