"""What changed counts from the end of the day given (the web's `?since=`, the API's and the CLI's `since`),
so since today is empty by definition: the page's picker offers days up to yesterday, a `?since=` of today
says it has not ended and shows today's changes, and the API and the CLI refuse it naming `since`
(core.dates.since_has_ended; review h4b, finding 3: picking today showed 0 everywhere)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from battlemap.users.models import Profile
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


def _page(client, world, **params):
    return client.get(reverse("account_changes", args=[world.cn.slug]), params)


def _picker(body: str) -> str:
    return re.search(r'<input[^>]*id="since"[^>]*>', body).group(0)


def test_the_picker_offers_no_day_that_has_not_ended(owner_client, world):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    # the day box of the forms (core.dates.DayInput), YYYY-MM-DD whatever the browser's language
    assert 'placeholder="YYYY-MM-DD"' in _picker(_page(owner_client, world).content.decode())
    # since a review made today (a moment): the box shows yesterday, a day it may submit (today typed is
    # said to have not ended: test_today_picked_says_it_has_not_ended_and_shows_today_s_changes)
    assert owner_client.post(reverse("account_reviews", args=[world.cn.slug]), {}).status_code == 302
    box = _picker(_page(owner_client, world).content.decode())
    assert f'value="{yesterday}"' in box


@pytest.mark.parametrize(("lang", "said"), [("en", "has not ended"), ("zh-hans", "尚未结束")])
def test_today_picked_says_it_has_not_ended_and_shows_today_s_changes(owner_client, world, lang, said):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": lang})
    today = timezone.localdate()
    page = _page(owner_client, world, since=today.isoformat())
    assert page.status_code == 200 and page.context["since"] == today - timedelta(days=1)
    alert = page.content.decode().split('role="alert">')[1].split("</p>")[0]
    assert today.isoformat() in alert and said in alert
    # the account was made today: its people are today's news, not "no change"
    added = {p["name"] for p in page.context["changes"]["people_added"]}
    assert world.cn_boss.name in added and world.cn_boss.name in page.content.decode()


def test_the_api_refuses_since_today_naming_it_and_takes_yesterday(world):
    secret = token_create(user=world.owner, name="t").secret
    auth = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
    today, yesterday = timezone.localdate(), timezone.localdate() - timedelta(days=1)
    for path in (
        f"/api/accounts/{world.cn.slug}/what-changed",
        f"/api/deals/{world.cn_deal.pk}/what-changed",
        f"/api/accounts/{world.cn.slug}/analysis",
    ):
        refused = Client().get(path, {"since": today.isoformat()}, headers=auth)
        assert refused.status_code == 422, path
        error = refused.json()["errors"][0]
        assert error["field"] == "since" and today.isoformat() in error["message"]
        assert "has not ended" in error["message"] and "yesterday" in error["message"]
    ok = Client().get(f"/api/accounts/{world.cn.slug}/what-changed", {"since": yesterday}, headers=auth)
    assert ok.status_code == 200 and world.cn_boss.name in json.dumps(ok.json(), ensure_ascii=False)


def test_the_cli_refuses_since_today_naming_it(world):
    with pytest.raises(CommandError, match="--since") as refused:
        call_command("analyze", world.cn.slug, "--since", timezone.localdate().isoformat(), "--lang", "en")
    said = str(refused.value)  # in the installation's language
    assert timezone.localdate().isoformat() in said and ("has not ended" in said or "尚未结束" in said)
