"""A customer whose answers are refused before the questionnaire's view runs — the CSRF check (the page open long, a
phone's in-app browser that dropped its cookie) or a form too large — reads the questionnaire's own page in its
language, saying the answers were not sent, and nothing of the app: a trial found the seller's top bar, the
product's name (客户作战地图) and its "This week" and "Accounts" buttons on that page, telling the customer they
were asked from a battle map."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from tests.surveys.helpers import satisfaction, send

pytestmark = pytest.mark.django_db

APP_ONLY = ("客户作战地图", "Battlemap", "本周", "This week", "/accounts/")


def _refused(response, *, status: int, words: str) -> str:
    page = response.content.decode()
    assert response.status_code == status
    assert words in page
    assert not [w for w in APP_ONLY if w in page], page
    assert response["Cache-Control"] == "no-store" and "noindex" in response["X-Robots-Tag"]
    return page


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "您的回答未能提交"), ("en", "Your answers were not sent")],
)
def test_a_failed_csrf_check_says_the_answers_were_not_sent_in_the_questionnaires_look(
    world, language, words
):
    cache.clear()  # the links' rate limit
    ((_link, url),) = send(world, [world.cn_boss], language=language)
    phone = Client(
        enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="zh-CN"
    )  # no cookie: never opened, or dropped
    page = _refused(phone.post(url, satisfaction(4, 9)), status=403, words=words)
    assert f'href="{url}"' in page  # open the questionnaire again


def test_a_form_too_large_says_so_in_the_questionnaires_look(world, client, settings):
    cache.clear()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    ((_link, url),) = send(world, [world.cn_boss])
    response = client.post(url, {**satisfaction(4, 9), "comment": "长" * 20_000})
    _refused(response, status=413, words="请返回缩短您的留言")


def test_elsewhere_a_stale_form_keeps_the_apps_page(world, owner_client):
    owner_client.handler.enforce_csrf_checks = True
    response = owner_client.post("/accounts/guodian/surveys/send/", {"kind": "satisfaction"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


@pytest.mark.parametrize("after", ["extra/", "extra", "/", "a/b/c/"])
def test_other_addresses_under_q_are_a_link_that_does_not_open_in_the_questionnaires_look(
    world, client, after
):
    """`/q/<token>/extra/` (something pasted after a link) had the app's 404 page, its top bar and name."""
    cache.clear()
    ((_link, url),) = send(world, [world.cn_boss])
    _refused(client.get(url + after), status=404, words="请检查是否复制了完整的链接")
    assert _refused(client.get("/q/"), status=404, words="请检查是否复制了完整的链接")


def test_a_link_without_its_last_slash_still_opens_and_wrong_addresses_count_as_guesses(world, client):
    cache.clear()
    ((_link, url),) = send(world, [world.cn_boss])
    assert client.get(url.rstrip("/")).url == url
    for _ in range(10):
        client.get(url + "extra/")
    _refused(client.get(url + "extra/"), status=429, words="尝试次数过多")


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "可能没有送达"), ("en", "they may not have arrived")],
)
def test_a_server_error_on_the_questionnaire_is_said_in_its_own_look(world, monkeypatch, language, words):
    """A 500 while the answers were sent had the app's 500 page, its top bar and "Back to This week"."""
    from battlemap.surveys import services

    def broken(**_kwargs):
        raise RuntimeError("boom")

    cache.clear()
    ((_link, url),) = send(world, [world.cn_boss], language=language)
    monkeypatch.setattr(services, "response_record", broken)
    phone = Client(raise_request_exception=False)
    page = _refused(phone.post(url, satisfaction(4, 9)), status=500, words=words)
    assert f'href="{url}"' in page  # open the questionnaire again


def test_when_the_questionnaires_error_page_fails_too_the_apps_500_page_answers(world, monkeypatch):
    from battlemap.surveys import selectors, services

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    cache.clear()
    ((_link, url),) = send(world, [world.cn_boss])
    monkeypatch.setattr(services, "response_record", broken)
    real = selectors.link_for_token
    calls = []

    def fails_second_time(token):
        calls.append(token)
        if len(calls) > 1:
            raise RuntimeError("the database went away")
        return real(token)

    monkeypatch.setattr(selectors, "link_for_token", fails_second_time)
    response = Client(raise_request_exception=False).post(url, satisfaction(4, 9))
    assert response.status_code == 500 and 'id="server-error"' in response.content.decode()
