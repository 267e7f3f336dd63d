"""The public links' rate limit (surveys/throttle.py) with the installation's defaults: a whole customer behind one
office address answers, each through their own link, and a few mistyped or truncated links do not lock the real
ones out; guessing tokens is still refused. A trial found one budget per address: about 20 respondents of one
company got through before "您所在网络的尝试次数过多", and ten links cut off in a chat app blocked every real link of
that company for ten minutes."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from battlemap.surveys.models import SurveyResponse
from tests import factories as f
from tests.surveys.helpers import satisfaction, send

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"  # the customer's one public address (NAT)
BUSY = "尝试次数过多"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def _office() -> Client:
    return Client(REMOTE_ADDR=OFFICE, HTTP_ACCEPT_LANGUAGE="zh-CN")


def test_25_colleagues_behind_one_address_each_answer_their_own_link(world):
    colleagues = [f.person(account=world.cn, name=f"同事{n}") for n in range(25)]
    for _link, url in send(world, colleagues):
        phone = _office()
        assert phone.get(url).status_code == 200
        assert phone.get(url).status_code == 200  # a reload
        answered = phone.post(url, satisfaction(4, 9), follow=True)
        assert answered.status_code == 200 and "我们已收到您的回答" in answered.content.decode()
    assert SurveyResponse.objects.count() == 25


def test_mistyped_links_do_not_block_the_real_ones_of_that_address(world):
    ((_link, url),) = send(world, [world.cn_boss])
    phone = _office()
    for n in range(11):  # cut off in a chat app, mistyped
        phone.get(f"{url[: -1 - n - 1]}/")
    page = phone.get(url)
    assert page.status_code == 200 and BUSY not in page.content.decode()
    assert phone.post(url, satisfaction(4, 9), follow=True).status_code == 200
    assert SurveyResponse.objects.count() == 1


def test_guessing_tokens_is_still_refused(world):
    phone = _office()
    answers = [phone.get(f"/q/guess{n:02d}xxxxxxxxxxxxxxxxxxxxxxxxx/").status_code for n in range(30)]
    assert answers[:10] == [404] * 10 and answers[10:] == [429] * 20
    assert BUSY in phone.get("/q/guessagainxxxxxxxxxxxxxxxxxxxxx/").content.decode()
    other = Client(REMOTE_ADDR="198.51.100.1")  # another address guesses on its own budget
    assert other.get("/q/guessyyyyyyyyyyyyyyyyyyyyyyyyyyy/").status_code == 404


def test_one_link_asked_too_often_is_refused_and_only_that_link(world, settings):
    settings.SURVEY_RATE_LIMIT = 5
    (_first, url), (_second, other_url) = send(
        world, [world.cn_boss, f.person(account=world.cn, name="李四")]
    )
    phone = _office()
    assert [phone.get(url).status_code for _ in range(6)] == [200] * 5 + [429]
    assert "此链接在短时间内打开次数过多" in phone.get(url).content.decode()
    assert phone.get(other_url).status_code == 200
