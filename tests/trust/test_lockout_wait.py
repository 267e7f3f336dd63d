"""The lockout page says how long this lock still lasts, in the user's language: LOGIN_LOCKOUT_MINUTES after
the first LOGIN_FAILURE_LIMIT failures, doubled while the guessing goes on, less the time already waited; a try while locked starts it again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests import factories as f

pytestmark = pytest.mark.django_db

GOOD = "Wide-river-42"


def _login(client, password, address="10.0.0.1", language="en"):
    return client.post(
        "/login/",
        {"username": "ann", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _lock(client, **kwargs):
    for _ in range(5):
        response = _login(client, "wrong", **kwargs)
    assert response.status_code == 429
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Try again in 15 minutes, or ask an administrator to unlock it."),
        ("zh-hans", "请 15 分钟后再试，或请管理员解除锁定。"),
    ],
)
def test_the_lockout_page_says_how_long_to_wait(settings, language, said):
    settings.LANGUAGE_CODE = language
    f.user("ann", password=GOOD)
    assert said in _lock(Client(), language=language)


def test_the_wait_is_the_configured_one_and_a_try_while_locked_starts_it_again(settings):
    settings.LANGUAGE_CODE = "en"
    settings.LOGIN_LOCKOUT_MINUTES = 30
    f.user("ann", password=GOOD)
    client = Client()
    assert "Try again in 30 minutes" in _lock(client)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=20)
    )
    # the right password while locked: refused, counted, and the wait starts again
    assert "Try again in 30 minutes" in _login(client, GOOD).content.decode()


def test_a_long_wait_is_said_in_hours(settings):
    settings.LANGUAGE_CODE = "en"
    settings.LOGIN_LOCKOUT_MINUTES = 15
    f.user("ann", password=GOOD)
    AccessAttempt.objects.create(
        username="ann", ip_address="10.0.0.2", user_agent="", failures_since_start=25
    )
    page = _lock(Client())  # 25 failures for ann: 5 rounds, doubled 4 times: 240 minutes
    assert "Try again in 4 hours" in page


def test_the_lockout_page_leads_back_to_the_login_page():
    """A trial's lockout page was a dead end: no way back to try again once the wait was over."""
    f.user("ann", password=GOOD)
    page = _lock(Client())
    assert '<a href="/login/">Back to the login page</a>' in page
