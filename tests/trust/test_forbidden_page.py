"""A refusal (403) is a page in the app's look and the reader's language: our reason when we gave one
(e.g. only the owner hands an account over), a general one otherwise, and a way back."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db

HANDOVER = {
    "zh-hans": ("无权操作", "只有客户负责人、负责人所在团队或客户所属团队的经理，或管理员可以移交客户。"),
    "en": (
        "Not allowed",
        "Only the account's owner, a manager of the owner's or the account's team, or an administrator may hand "
        "the account over.",
    ),
}
GENERAL = {
    "zh-hans": "你不能在这里这样做。",
    "en": "You may not do this here.",
}


def _speaks(user, lang):
    Profile.objects.update_or_create(user=user, defaults={"language": lang})
    return user


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("who", ["teammate"])
def test_handover_refused_says_why_in_the_readers_language(client, world, lang, who):
    client.force_login(_speaks(getattr(world, who), lang))
    response = client.get(reverse("account_handover", args=[world.cn.slug]))
    assert response.status_code == 403
    html = unescape(response.content.decode())
    title, reason = HANDOVER[lang]
    assert f"<h1>{title}</h1>" in html and reason in html
    assert "403 Forbidden" not in html
    assert 'id="forbidden-back"' in html and f'href="{reverse("account", args=[world.cn.slug])}"' in html
    assert {"zh-hans": "返回客户", "en": "Back to the account"}[lang] in html
    assert "mainnav" in html  # the app's page, with its menu


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_refusal_without_our_reason_reads_well_too(client, lang):
    root = _speaks(f.user("root", is_superuser=True, is_staff=True), lang)
    client.force_login(root)
    response = client.get("/admin/deals/deal/add/")  # the admin refuses (view-only), with no reason
    assert response.status_code == 403
    html = unescape(response.content.decode())
    assert HANDOVER[lang][0] in html and GENERAL[lang] in html
    assert 'href="/admin/"' in html and {"zh-hans": "返回管理后台", "en": "Back to the admin"}[lang] in html


def test_a_reason_that_is_not_ours_is_not_shown(client, settings):
    # Django's own refusals carry English developer text (here CommonMiddleware's, before any login)
    settings.DISALLOWED_USER_AGENTS = [re.compile("EvilBot")]
    response = client.get("/", HTTP_USER_AGENT="EvilBot/1.0", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Forbidden user agent" not in html and GENERAL["zh-hans"] in html
