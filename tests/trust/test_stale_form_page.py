"""A form sent with a stale CSRF token (the page was left open, the user signed in again elsewhere) is the
site's own 403 page in the reader's language, saying what happened and to reload — never Django's bare page
that tells a seller to set DEBUG. The API's session calls keep the API's error shape."""

from __future__ import annotations

import json
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from battlemap.core.errors import csrf_failure
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db

EXPIRED = {
    "zh-hans": ("页面已过期", "没有保存任何内容", "请重新加载页面后再试一次。", "重新加载页面"),
    "en": ("The page had expired", "Nothing was saved", "Reload the page and try again.", "Reload the page"),
}


def _stale_post(world, lang):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": lang})
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    page = reverse("account_edit", args=[world.cn.slug])
    client.get(page)  # the form, with its token
    return client.post(
        page,
        {"name": "改名", "csrfmiddlewaretoken": "x" * 64},
        headers={"Referer": f"http://testserver{page}"},
    ), page


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_stale_form_says_to_reload_in_the_readers_language(world, lang):
    response, page = _stale_post(world, lang)
    assert response.status_code == 403
    html = unescape(response.content.decode())
    title, nothing_saved, reload_, button = EXPIRED[lang]
    assert f"<h1>{title}</h1>" in html and nothing_saved in html and reload_ in html
    assert f'href="http://testserver{page}"' in html and button in html
    assert "mainnav" in html  # the app's page, with its menu
    assert "DEBUG" not in html and "CSRF验证失败" not in html and "CSRF verification failed" not in html
    world.cn.refresh_from_db()
    assert world.cn.name != "改名"


def test_a_stale_login_form_reads_well_to_someone_signed_out():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/login/", {"username": "a", "password": "b"}, headers={"Accept-Language": "zh-hans"}
    )
    assert response.status_code == 403
    html = unescape(response.content.decode())
    assert "<h1>页面已过期</h1>" in html and "DEBUG" not in html


def test_an_api_session_call_without_its_token_keeps_the_api_shape(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    response = client.post(
        "/api/accounts/guodian/people",
        {"name": "张三"},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check failed: send the X-CSRFToken header.", "errors": []}


def test_the_failure_view_answers_an_api_path_in_the_api_shape(rf):
    response = csrf_failure(rf.post("/api/accounts/guodian/people"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert set(json.loads(response.content)) == {"detail", "errors"}
