"""Behind nginx every request comes from the proxy's address: with TRUSTED_PROXY_COUNT the one helper
(core.clients.client_address) reads the client from X-Forwarded-For, and both things that count by client
— the login throttling (django-axes) and the questionnaire links' rate limit — use it and agree (issue 18).
Default off: the header is ignored, so nobody escapes a limit by writing it."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

from battlemap.core.clients import client_address
from tests import factories as f
from tests.surveys.helpers import send

PROXY = "127.0.0.1"  # nginx on the same machine: the peer of every request
GOOD = "Wide-river-42"


def _request(forwarded: str | None = None, peer: str = PROXY):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_by_default_the_client_is_the_peer_and_the_header_is_ignored():
    assert client_address(_request("203.0.113.9")) == PROXY


@pytest.mark.parametrize(
    ("count", "forwarded", "client"),
    [
        (1, "203.0.113.9", "203.0.113.9"),  # nginx appended the client
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote 6.6.6.6 itself: not trusted
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # a load balancer, then nginx
        (2, "203.0.113.9", PROXY),  # fewer entries than trusted proxies: the peer
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_client_is_read_from_x_forwarded_for(count, forwarded, client):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_address(_request(forwarded)) == client


def _login(client, username, password, forwarded):
    return client.post(
        "/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.parametrize("count", [0, 1])
def test_login_throttling_counts_the_client_behind_the_proxy(db, settings, count):
    settings.LANGUAGE_CODE = "en"
    settings.TRUSTED_PROXY_COUNT = count
    f.user("ann", password=GOOD)
    for n in range(5):  # one client guesses five accounts
        _login(Client(), f"user{n}", "wrong", forwarded="6.6.6.6, 203.0.113.9")
    assert _login(Client(), "ann", GOOD, forwarded="203.0.113.9").status_code == 429
    other = _login(Client(), "ann", GOOD, forwarded="198.51.100.7")  # another customer, same proxy
    if count:
        assert other.status_code == 302  # not locked out by someone else's guessing
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    else:
        assert other.status_code == 429  # without the setting, everyone behind the proxy is one address
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


@pytest.mark.parametrize("count", [0, 1])
def test_the_survey_links_rate_limit_counts_the_client_behind_the_proxy(world, count):
    ((link, url),) = send(world, [world.cn_boss])
    cache.clear()
    with override_settings(SURVEY_GUESS_LIMIT=3, TRUSTED_PROXY_COUNT=count):
        guesser = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}
        for n in range(3):
            assert Client().get(f"/q/guess{n}xxxxxxxxxxxxxxxxxxxxxxxx/", **guesser).status_code == 404
        assert Client().get("/q/guess3xxxxxxxxxxxxxxxxxxxxxxxx/", **guesser).status_code == 429
        assert Client().get(url, **guesser).status_code == 200  # a real link counts on its own budget
        mistyped = Client().get(
            "/q/typoxxxxxxxxxxxxxxxxxxxxxxxxxx/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
        assert mistyped.status_code == (404 if count else 429)  # another customer's miss: their own address
    cache.clear()


def test_a_request_without_any_address_logs_in_and_is_stored_without_one(db):
    # Django's force_login builds a request with no REMOTE_ADDR; django-axes records the login with the
    # address this helper gives, in a column PostgreSQL refuses any non-address text for
    from axes.models import AccessLog

    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) == ""
    user = f.user("nowhere")
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code in (200, 302)
    assert AccessLog.objects.filter(username="nowhere").values_list("ip_address", flat=True).first() in (
        None,
        "",
    )
